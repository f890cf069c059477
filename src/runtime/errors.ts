import type { ResponseMetadata } from "@smithy/types";

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

/** Thrown by a send when no region is configured where the runtime has no other source for one. */
class MissingRegionError extends Error {
  override readonly name = "MissingRegionError";
  readonly code = "ERR_SSO_OIDC_NO_REGION";
}

export { InvalidInputError, MissingRegionError, ResponseParseError };
