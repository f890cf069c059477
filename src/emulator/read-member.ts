import { ServiceError } from "./service-error.js";
import type { JsonObject } from "./parse-json-body.js";

/** Input members by their model names; type errors name the member, as the service does. */
function readOptionalString(body: JsonObject, member: string): string | undefined {
  const value = body[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") {
    throw new ServiceError("InvalidRequestException", `Parameter '${member}' must be a string`);
  }
  return value;
}

function readRequiredString(body: JsonObject, member: string): string {
  const value = readOptionalString(body, member);
  if (value === undefined || value === "") {
    throw new ServiceError("InvalidRequestException", `Missing required parameter '${member}'`);
  }
  return value;
}

function readOptionalStringList(body: JsonObject, member: string): string[] | undefined {
  const value = body[member];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw new ServiceError(
      "InvalidRequestException",
      `Parameter '${member}' must be a list of strings`,
    );
  }
  return value as string[];
}

export { readOptionalString, readRequiredString, readOptionalStringList };
