import type {
  Endpoint,
  HttpRequest as IHttpRequest,
  QueryParameterBag,
  SerdeContext,
} from "@smithy/types";
import { HttpRequest } from "@smithy/core/protocols";
import { describe } from "./errors";

/*
 * What the generated serializers call: input checks, each of which pushes a
 * readable problem and never throws, so that one error names every offending
 * member; and the restJson1 request they build.
 */

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null;
}

function checkString(problems: string[], value: unknown, member: string, required: boolean): void {
  if (isAbsent(value)) {
    if (required) problems.push(`${member} is required`);
  } else if (typeof value !== "string") {
    problems.push(`${member} must be a string, not ${describe(value)}`);
  }
}

function checkStringList(
  problems: string[],
  value: unknown,
  member: string,
  required: boolean,
): void {
  if (isAbsent(value)) {
    if (required) problems.push(`${member} is required`);
  } else if (!Array.isArray(value)) {
    problems.push(`${member} must be an array of strings, not ${describe(value)}`);
  } else {
    const index = value.findIndex((item) => typeof item !== "string");
    if (index !== -1) {
      problems.push(`${member}[${index}] must be a string, not ${describe(value[index])}`);
    }
  }
}

function checkInputObject(problems: string[], input: unknown): input is Record<string, unknown> {
  if (typeof input === "object" && input !== null && !Array.isArray(input)) return true;
  problems.push(`the input must be an object, not ${describe(input)}`);
  return false;
}

/**
 * A restJson1 POST to `path` under the endpoint's own path, joined as the
 * official client joins them: `http://host/base` sends `/base/token`, and
 * `http://host/base/` sends `/base//token`, so both clients put the same
 * bytes on the wire. The body is the JSON text's UTF-8 bytes, the type the
 * official client hands middleware and request handlers.
 */
async function buildJsonRequest(
  context: SerdeContext,
  path: string,
  query: QueryParameterBag | undefined,
  body: string,
): Promise<IHttpRequest> {
  const endpoint: Endpoint = await context.endpoint();
  const basePath = endpoint.path === "/" ? "" : endpoint.path;
  return new HttpRequest({
    protocol: endpoint.protocol,
    hostname: endpoint.hostname,
    port: endpoint.port,
    method: "POST",
    path: `${basePath}${path}`,
    query: query ?? {},
    headers: { "content-type": "application/json" },
    body: context.utf8Decoder(body),
  });
}

export { buildJsonRequest, checkInputObject, checkString, checkStringList };
