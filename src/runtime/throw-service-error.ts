import type { HttpResponse, ResponseMetadata, SerdeContext } from "@smithy/types";
import type { ServiceException, ServiceExceptionOptions } from "@smithy/core/client";
import { loadRestJsonErrorCode } from "@smithy/core/protocols";
import { isJsonObject, quoteStart, type JsonObject } from "./read-output";
import { readBodyText } from "./read-body-text";
import { responseMetadata } from "./response-metadata";

type ExceptionOptions = Omit<ServiceExceptionOptions, "name" | "$fault"> & Record<string, unknown>;

/** A generated exception class: its constructor copies the modeled members it knows. */
type ExceptionClass = new (options: ExceptionOptions) => ServiceException;

/** The service's base exception class, used for errors the model does not name. */
type BaseExceptionClass = new (options: ServiceExceptionOptions) => ServiceException;

const parseErrorBody = (text: string): JsonObject | undefined => {
  if (text.trim() === "") return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isJsonObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
};

const stringMember = (body: JsonObject | undefined, key: string): string | undefined => {
  const value = body?.[key];
  return typeof value === "string" ? value : undefined;
};

/**
 * The service sends `error_description` and never `message`, which is why
 * other clients show "UnknownError"; prefer the service's own words.
 */
const errorMessage = (
  operation: string,
  $metadata: ResponseMetadata,
  text: string,
  body: JsonObject | undefined,
  code: string | undefined,
): string => {
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
};

/** Copies the body's string members: every modeled error member is a string. */
const stringMembers = (body: JsonObject | undefined): Record<string, string> => {
  const members: Record<string, string> = {};
  if (body === undefined) return members;
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === "string") members[key] = value;
  }
  return members;
};

/**
 * Turns an error response into the modeled exception, or into the service's
 * base exception named after the error type ("Unknown" when the response names
 * none). The type comes from the `x-amzn-errortype` header, then the body's
 * `code`, then `__type`, with namespace and `:suffix` removed.
 */
const throwServiceError = async (
  response: HttpResponse,
  context: SerdeContext,
  operation: string,
  exceptions: Readonly<Record<string, ExceptionClass>>,
  BaseException: BaseExceptionClass,
): Promise<never> => {
  const $metadata = responseMetadata(response);
  const text = await readBodyText(response, context);
  const body = parseErrorBody(text);
  const code: string | undefined = loadRestJsonErrorCode(response, body ?? {}) || undefined;
  const message = errorMessage(operation, $metadata, text, body, code);
  const Exception =
    code !== undefined && Object.hasOwn(exceptions, code) ? exceptions[code] : undefined;
  if (Exception !== undefined) {
    throw new Exception({ ...stringMembers(body), $metadata, message });
  }
  const unknown = new BaseException({
    name: code ?? "Unknown",
    $fault: response.statusCode >= 500 ? "server" : "client",
    $metadata,
    message,
  });
  const error = stringMember(body, "error");
  const errorDescription = stringMember(body, "error_description");
  if (error !== undefined) Object.assign(unknown, { error });
  if (errorDescription !== undefined)
    Object.assign(unknown, { error_description: errorDescription });
  throw unknown;
};

export { throwServiceError };
export type { BaseExceptionClass, ExceptionClass, ExceptionOptions };
