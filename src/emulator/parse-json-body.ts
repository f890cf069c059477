import type { IncomingHttpHeaders } from "node:http";
import { ServiceError } from "./service-error.js";

type JsonObject = Record<string, unknown>;

/** restJson1 bodies are JSON objects sent as `application/json`; an empty body is `{}`. */
function parseJsonBody(headers: IncomingHttpHeaders, body: Buffer): JsonObject {
  if (body.length === 0) return {};
  const mediaType = headers["content-type"]?.split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") {
    throw new ServiceError("InvalidRequestException", "Content-Type must be application/json", {
      status: 415,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw new ServiceError("InvalidRequestException", "Request body is not valid JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ServiceError("InvalidRequestException", "Request body must be a JSON object");
  }
  return parsed as JsonObject;
}

export { parseJsonBody };
export type { JsonObject };
