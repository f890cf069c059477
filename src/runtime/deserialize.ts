import type { Readable } from "node:stream";
import type { HttpResponse, ResponseMetadata, SerdeContext } from "@smithy/types";
import {
  decorateServiceException,
  type ServiceException,
  type ServiceExceptionOptions,
} from "@smithy/core/client";
import { collectBody, loadRestJsonErrorCode } from "@smithy/core/protocols";
import { streamCollector } from "@smithy/core/serde";
import { describe, ResponseParseError } from "./errors";

/*
 * What the generated deserializers call: the response body, its metadata,
 * the output's members read against the model, and error responses turned
 * into the modeled exceptions.
 */

/** Where a value being read came from, for error messages. */
interface OutputSite {
  readonly operation: string;
  readonly $metadata: ResponseMetadata;
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

const QUOTE_LIMIT = 120;
const INT32_MAX = 2 ** 31 - 1;

/**
 * Collects a node response body into bytes from its `data` events. The
 * collector of `@smithy/core/serde` pipes every body into a new Writable,
 * which measured with `npm run bench` costs more CPU per request than
 * listening. Anything that is not a node stream goes to the maintained
 * collector.
 */
function collectNodeStream(stream: Parameters<typeof streamCollector>[0]): Promise<Uint8Array> {
  if (!isNodeStream(stream)) return streamCollector(stream);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.once("error", reject);
    stream.once("end", () => {
      const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      resolve(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    });
  });
}

function isNodeStream(stream: Parameters<typeof streamCollector>[0]): stream is Readable {
  const readable = stream as Readable | undefined;
  return (
    typeof readable?.pipe === "function" && typeof readable[Symbol.asyncIterator] === "function"
  );
}

/** The whole response body as text, whatever the handler delivered it as. */
async function readBodyText(response: HttpResponse, context: SerdeContext): Promise<string> {
  const bytes = await collectBody(response.body, context);
  return context.utf8Encoder(bytes);
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

/** The start of a body, for messages: enough to recognise an HTML page or a proxy error. */
function quoteStart(text: string): string {
  return JSON.stringify(text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT)}…` : text);
}

/**
 * Reads a successful response's JSON object. An empty body is an empty
 * object (restJson1 allows it); anything else that is not a JSON object is
 * a ResponseParseError naming the operation and the status.
 */
async function readOutputObject(
  response: HttpResponse,
  context: SerdeContext,
  operation: string,
): Promise<{ data: JsonObject; site: OutputSite }> {
  const site: OutputSite = { operation, $metadata: responseMetadata(response) };
  const text = await readBodyText(response, context);
  if (text.trim() === "") return { data: {}, site };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new ResponseParseError(
      operation,
      `the body is not valid JSON: ${quoteStart(text)}`,
      site.$metadata,
      cause,
    );
  }
  if (!isJsonObject(parsed)) {
    throw new ResponseParseError(
      operation,
      `the body is ${describe(parsed, true)}, not a JSON object`,
      site.$metadata,
    );
  }
  return { data: parsed, site };
}

function wrongType(site: OutputSite, member: string, expected: string, value: unknown) {
  return new ResponseParseError(
    site.operation,
    `member ${member} should be ${expected} but is ${describe(value, true)}`,
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
  if (body === undefined) {
    return text.trim() === ""
      ? `${status} and an empty body`
      : `${status} and a body that is not a JSON object: ${quoteStart(text)}`;
  }
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
 * it by smithy's `decorateServiceException`, as the official protocol does.
 */
async function throwServiceError(
  response: HttpResponse,
  context: SerdeContext,
  operation: string,
  exceptions: Readonly<Record<string, ExceptionClass>>,
  BaseException: BaseExceptionClass,
): Promise<never> {
  const $metadata = responseMetadata(response);
  const text = await readBodyText(response, context);
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
  throw decorateServiceException(exception, body);
}

export {
  collectNodeStream,
  readInteger,
  readLong,
  readObject,
  readOutputObject,
  readString,
  readStringList,
  throwServiceError,
};
export type { BaseExceptionClass, ExceptionClass, ExceptionOptions, JsonObject, OutputSite };
