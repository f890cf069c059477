import type { ResponseMetadata } from "@smithy/types";

/*
 * The errors the runtime throws itself, beside the generated service
 * exceptions: each has a literal `name` and a stable `code`, and its message
 * names the operation or setting and the fix.
 */

/**
 * Thrown before anything is sent when the caller's input breaks the model:
 * a required member is missing or a member has the wrong type.
 */
class InvalidInputError extends Error {
  override readonly name = "InvalidInputError";
  readonly code = "ERR_SSO_OIDC_INVALID_INPUT";
  readonly operation: string;
  readonly problems: readonly string[];

  constructor(operation: string, problems: readonly string[]) {
    super(`${operation} was not sent: ${problems.join("; ")}.`);
    this.operation = operation;
    this.problems = problems;
  }
}

/**
 * Thrown when a successful response does not match the model: a body that is
 * not JSON, or a member of the wrong JSON type. Carries `$metadata` like a
 * service exception so callers can log the request id.
 */
class ResponseParseError extends Error {
  override readonly name = "ResponseParseError";
  readonly code = "ERR_SSO_OIDC_BAD_RESPONSE";
  readonly operation: string;
  $metadata: ResponseMetadata;

  constructor(operation: string, detail: string, $metadata: ResponseMetadata, cause?: unknown) {
    super(
      `${operation} returned HTTP ${$metadata.httpStatusCode} with a body that does not match the model: ${detail}.`,
      cause === undefined ? undefined : { cause },
    );
    this.operation = operation;
    this.$metadata = $metadata;
  }
}

/**
 * Thrown when a response body is larger than the client's `maxResponseBytes`. Reading stops at
 * the limit and the rest of the body is discarded, so a runaway or hostile server cannot make the
 * client hold an unbounded body in memory.
 */
class ResponseTooLargeError extends Error {
  override readonly name = "ResponseTooLargeError";
  readonly code = "ERR_SSO_OIDC_RESPONSE_TOO_LARGE";
  readonly operation: string;
  readonly maxResponseBytes: number;
  $metadata: ResponseMetadata;

  constructor(operation: string, $metadata: ResponseMetadata, maxResponseBytes: number) {
    super(
      `${operation} returned HTTP ${$metadata.httpStatusCode} with a body larger than the client's limit of ${maxResponseBytes} bytes; reading stopped there. This service's responses are a few KB: check the endpoint, or raise the limit with the client option maxResponseBytes.`,
    );
    this.operation = operation;
    this.maxResponseBytes = maxResponseBytes;
    this.$metadata = $metadata;
  }
}

/**
 * What a handler ends a response body with when it is still arriving as the
 * request's `requestTimeout` runs out. Named and coded as smithy's handlers
 * name their own request timeouts, so retry strategies treat it as the same
 * transient error and retry it.
 */
function bodyTimeoutError(timeoutMs: number): Error {
  return Object.assign(
    new Error(
      `The response body was still arriving when the ${timeoutMs} ms requestTimeout ran out.`,
    ),
    { name: "TimeoutError", code: "ETIMEDOUT" },
  );
}

/** Thrown by a send when no region is configured where the runtime has no other source for one. */
class MissingRegionError extends Error {
  override readonly name = "MissingRegionError";
  readonly code = "ERR_SSO_OIDC_NO_REGION";
}

/** Thrown by a send when the configured region is not a valid host label. */
class InvalidRegionError extends Error {
  override readonly name = "InvalidRegionError";
  readonly code = "ERR_SSO_OIDC_INVALID_REGION";
  readonly region: string;

  constructor(region: string) {
    super(
      `The region ${JSON.stringify(region)} is not a valid region name: use letters, digits and hyphens only, for example "us-east-1".`,
    );
    this.region = region;
  }
}

/** Thrown by a signed operation when no credentials can be had. */
class CredentialsUnavailableError extends Error {
  override readonly name = "CredentialsUnavailableError";
  readonly code = "ERR_SSO_OIDC_NO_CREDENTIALS";
}

/**
 * A value's JSON kind, for messages: "null", "an array", "an object", or
 * "a string", "a number"…; with `withValue`, a primitive is shown too
 * (`number 7`, `string "text"`).
 */
function describe(value: unknown, withValue = false): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return withValue ? `${typeof value} ${JSON.stringify(value)}` : `a ${typeof value}`;
}

export {
  bodyTimeoutError,
  CredentialsUnavailableError,
  describe,
  InvalidInputError,
  InvalidRegionError,
  MissingRegionError,
  ResponseParseError,
  ResponseTooLargeError,
};
