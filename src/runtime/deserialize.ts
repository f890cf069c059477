import type { HttpResponse, ResponseMetadata, SerdeContext } from "@smithy/types";
import {
  decorateServiceException,
  type ServiceException,
  type ServiceExceptionOptions,
} from "@smithy/core/client";
import { loadRestJsonErrorCode } from "@smithy/core/protocols";
import { describeInvalidJson } from "./body-description";
import { describe, ResponseParseError } from "./errors";
import { readBodyBytes } from "./response-body";

/*
 * What the generated deserializers call: the response body, its metadata,
 * the output's members read against the model, and error responses turned
 * into the modeled exceptions.
 */

/** Where a value being read came from, for error messages. */
interface OutputSite {
  readonly operation: string;
  readonly $metadata: ResponseMetadata;
  /** Members whose values no message may show (the model's `@sensitive` and grant codes). */
  readonly sensitiveMembers: ReadonlySet<string>;
}

type JsonObject = Record<string, unknown>;

/**
 * What every generated exception's constructor takes (smithy's
 * `ExceptionOptionType`): the response's `$metadata` and a message; its
 * modeled members are optional, and it copies those it knows from the same
 * object.
 */
interface ExceptionOptions {
  readonly $metadata: ResponseMetadata;
  readonly message: string;
}

/** A generated exception class. */
type ExceptionClass = new (options: ExceptionOptions) => ServiceException;

/** The service's base exception class, used for errors the model does not name. */
type BaseExceptionClass = new (options: ServiceExceptionOptions) => ServiceException;

/** The longest string value a message shows. */
const QUOTE_LIMIT = 120;
const INT32_MAX = 2 ** 31 - 1;

/**
 * The whole response body as text, whatever the handler delivered it as; at
 * most the client's `maxResponseBytes` of it (see response-body.ts).
 */
async function readBodyText(
  response: HttpResponse,
  context: SerdeContext,
  operation: string,
): Promise<string> {
  const site = { operation, $metadata: responseMetadata(response) };
  return context.utf8Encoder(await readBodyBytes(response, context, site));
}

function header(response: HttpResponse, name: string): string | undefined {
  const value = response.headers[name];
  return typeof value === "string" ? value : undefined;
}

/**
 * The `$metadata` of an output or exception. Header names arrive lower-cased
 * from both the node and the fetch handler. `attempts` and `totalRetryDelay`
 * are filled in later by the retry middleware.
 */
function responseMetadata(response: HttpResponse): ResponseMetadata {
  return {
    httpStatusCode: response.statusCode,
    requestId:
      header(response, "x-amzn-requestid") ??
      header(response, "x-amzn-request-id") ??
      header(response, "x-amz-request-id"),
    extendedRequestId: header(response, "x-amz-id-2"),
    cfId: header(response, "x-amz-cf-id"),
  };
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A JSON value that stands where an object should, for messages: never a string's text. */
function describeBodyValue(value: unknown): string {
  return typeof value === "string"
    ? `a string of ${value.length} characters`
    : describe(value, true);
}

/**
 * Reads a successful response's JSON object. An empty body is an empty
 * object (restJson1 allows it); anything else that is not a JSON object is
 * a ResponseParseError naming the operation and the status, which describes
 * the body without quoting it.
 */
async function readOutputObject(
  response: HttpResponse,
  context: SerdeContext,
  operation: string,
  sensitiveMembers: ReadonlySet<string>,
): Promise<{ data: JsonObject; site: OutputSite }> {
  const site: OutputSite = { operation, $metadata: responseMetadata(response), sensitiveMembers };
  const text = await readBodyText(response, context, operation);
  if (text.trim() === "") return { data: {}, site };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not kept as the cause: the engine's SyntaxError may quote the text.
    throw new ResponseParseError(
      operation,
      `the body is not valid JSON (${describeInvalidJson(text)})`,
      site.$metadata,
    );
  }
  if (!isJsonObject(parsed)) {
    throw new ResponseParseError(
      operation,
      `the body is ${describeBodyValue(parsed)}, not a JSON object`,
      site.$metadata,
    );
  }
  return { data: parsed, site };
}

/** The model's name of the member at `path` (`scope[2]` → `scope`, `a.b` → `b`). */
function memberName(path: string): string {
  return (
    path
      .replace(/\[\d+\]$/, "")
      .split(".")
      .pop() ?? path
  );
}

/**
 * A value of the wrong type, for messages: a sensitive member's only by its
 * kind, a long string cut short.
 */
function describeWrongValue(value: unknown, sensitive: boolean): string {
  if (sensitive) return describe(value, false);
  if (typeof value === "string" && value.length > QUOTE_LIMIT) {
    return `string ${JSON.stringify(value.slice(0, QUOTE_LIMIT))}… (${value.length} characters)`;
  }
  return describe(value, true);
}

function wrongType(site: OutputSite, member: string, expected: string, value: unknown) {
  const sensitive = site.sensitiveMembers.has(memberName(member));
  return new ResponseParseError(
    site.operation,
    `member ${member} should be ${expected} but is ${describeWrongValue(value, sensitive)}`,
    site.$metadata,
  );
}

function readString(value: unknown, site: OutputSite, member: string): string {
  if (typeof value === "string") return value;
  throw wrongType(site, member, "a string", value);
}

function readInteger(value: unknown, site: OutputSite, member: string): number {
  if (typeof value === "number" && Number.isInteger(value) && Math.abs(value) <= INT32_MAX) {
    return value;
  }
  throw wrongType(site, member, "a 32-bit integer", value);
}

function readLong(value: unknown, site: OutputSite, member: string): number {
  if (typeof value === "number" && Number.isSafeInteger(value)) return value;
  throw wrongType(site, member, "an integer", value);
}

function readStringList(value: unknown, site: OutputSite, member: string): string[] {
  if (Array.isArray(value)) {
    const index = value.findIndex((item) => typeof item !== "string");
    if (index === -1) return value as string[];
    throw wrongType(site, `${member}[${index}]`, "a string", value[index]);
  }
  throw wrongType(site, member, "an array of strings", value);
}

function readObject(value: unknown, site: OutputSite, member: string): JsonObject {
  if (isJsonObject(value)) return value;
  throw wrongType(site, member, "an object", value);
}

function parseErrorBody(text: string): JsonObject | undefined {
  if (text.trim() === "") return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isJsonObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function stringMember(body: JsonObject | undefined, key: string): string | undefined {
  const value = body?.[key];
  return typeof value === "string" ? value : undefined;
}

/** An error body that is not a JSON object, described without quoting it. */
function describeErrorBody(text: string): string {
  if (text === "") return "an empty body";
  if (text.trim() === "") return `a body of ${text.length} whitespace characters`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return `a body that is not valid JSON (${describeInvalidJson(text)})`;
  }
  return `a body that is ${describeBodyValue(parsed)}, not a JSON object`;
}

/**
 * The service sends `error_description` and never `message`, which is why
 * other clients show "UnknownError"; prefer the service's own words.
 */
function errorMessage(
  operation: string,
  $metadata: ResponseMetadata,
  text: string,
  body: JsonObject | undefined,
  code: string | undefined,
): string {
  const described =
    stringMember(body, "error_description") ??
    stringMember(body, "message") ??
    stringMember(body, "Message");
  if (described !== undefined) return described;
  const status = `${operation} failed with HTTP ${$metadata.httpStatusCode}`;
  if (body === undefined) return `${status} and ${describeErrorBody(text)}`;
  return code ?? `${status} and no error type`;
}

/** Copies the body's string members: every modeled error member is a string. */
function stringMembers(body: JsonObject | undefined): Record<string, string> {
  const members: Record<string, string> = {};
  if (body === undefined) return members;
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === "string") members[key] = value;
  }
  return members;
}

/**
 * Turns an error response into the modeled exception, or into the service's
 * base exception named after the error type ("Unknown" when the response names
 * none). The type comes from the `x-amzn-errortype` header, then the body's
 * `code`, then `__type`, with namespace and `:suffix` removed.
 *
 * The rest is the official client's shape: `message` is an own enumerable
 * property (it assigns it), and every member of the body the exception does
 * not already have (`__type`, members the model does not name) is copied onto
 * it by smithy's `decorateServiceException`, as the official protocol does;
 * but not a member sensitive in the model (a token in an error response),
 * which would show wherever the error is logged.
 */
async function throwServiceError(
  response: HttpResponse,
  context: SerdeContext,
  operation: string,
  exceptions: Readonly<Record<string, ExceptionClass>>,
  BaseException: BaseExceptionClass,
  sensitiveMembers: ReadonlySet<string>,
): Promise<never> {
  const $metadata = responseMetadata(response);
  const text = await readBodyText(response, context, operation);
  const body = parseErrorBody(text);
  const code: string | undefined = loadRestJsonErrorCode(response, body ?? {}) || undefined;
  const message = errorMessage(operation, $metadata, text, body, code);
  const Exception =
    code !== undefined && Object.hasOwn(exceptions, code) ? exceptions[code] : undefined;
  const exception =
    Exception !== undefined
      ? new Exception({ ...stringMembers(body), $metadata, message })
      : new BaseException({
          name: code ?? "Unknown",
          $fault: response.statusCode >= 500 ? "server" : "client",
          $metadata,
          message,
        });
  Object.defineProperty(exception, "message", {
    value: message,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  const copied =
    body === undefined
      ? {}
      : Object.fromEntries(Object.entries(body).filter(([key]) => !sensitiveMembers.has(key)));
  throw decorateServiceException(exception, copied);
}

export {
  readInteger,
  readLong,
  readObject,
  readOutputObject,
  readString,
  readStringList,
  throwServiceError,
};
export type { BaseExceptionClass, ExceptionClass, ExceptionOptions, JsonObject, OutputSite };
