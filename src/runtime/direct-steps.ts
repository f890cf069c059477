import type { HttpRequest } from "@smithy/core/protocols";
import {
  getRetryAfterHint,
  isServerError,
  isThrottlingError,
  isTransientError,
} from "@smithy/core/retry";
import { v4 } from "@smithy/core/serde";
import type {
  EndpointParameterInstructions,
  HttpResponse as IHttpResponse,
  MetadataBearer,
  RetryErrorInfo,
  RetryStrategyV2,
  SerdeContext,
} from "@smithy/types";

/** What the direct pipeline needs of a generated command. */
interface DirectCommand {
  readonly input: object;
  serialize(input: object, context: SerdeContext): Promise<HttpRequest>;
  deserialize(response: IHttpResponse, context: SerdeContext): Promise<MetadataBearer>;
}

/** Builds a signing step for a client's config, as `sigv4Middleware` does. */
type SigningStep = (
  config: never,
) => (next: never, context: never) => (args: never) => Promise<unknown>;

interface DirectCommandClass {
  /**
   * Set on generated commands: the signing step of a signed operation, null
   * otherwise. Carried by the command so that bundles without a signed command
   * carry no signing code.
   */
  readonly signing: SigningStep | null;
  getEndpointParameterInstructions(): EndpointParameterInstructions;
}

/** One try: sign if needed, send, deserialize. */
type Attempt = (request: HttpRequest) => Promise<{ response: unknown; output: MetadataBearer }>;

const isRetryStrategyV2 = (strategy: unknown): strategy is RetryStrategyV2 =>
  typeof (strategy as RetryStrategyV2).acquireInitialRetryToken === "function" &&
  typeof (strategy as RetryStrategyV2).refreshRetryTokenForRetry === "function" &&
  typeof (strategy as RetryStrategyV2).recordSuccess === "function";

const retryErrorInfo = (error: unknown): RetryErrorInfo => {
  const sdkError = error as Parameters<typeof isThrottlingError>[0];
  const errorType = isThrottlingError(sdkError)
    ? "THROTTLING"
    : isTransientError(sdkError)
      ? "TRANSIENT"
      : isServerError(sdkError)
        ? "SERVER_ERROR"
        : "CLIENT_ERROR";
  const info: RetryErrorInfo = { error: sdkError, errorType };
  const hint = getRetryAfterHint((error as { $response?: unknown }).$response);
  if (hint) info.retryAfterHint = hint;
  return info;
};

const asError = (error: unknown): Error & { $metadata?: Record<string, unknown> } => {
  if (error instanceof Error) return error;
  if (error instanceof Object) return Object.assign(new Error(), error);
  return new Error(
    typeof error === "string" ? error : `AWS SDK error wrapper for ${String(error)}`,
  );
};

/**
 * The retry step of `retryMiddleware` for RetryStrategyV2 strategies: the
 * strategy decides whether and when to retry; this loop sets the
 * `amz-sdk-invocation-id` and `amz-sdk-request` headers and the attempt
 * counts in `$metadata`, as the middleware does.
 */
const withRetries = async (
  strategy: RetryStrategyV2,
  maxAttempts: number,
  request: HttpRequest,
  attempt: Attempt,
): Promise<MetadataBearer> => {
  let token = await strategy.acquireInitialRetryToken("");
  let attempts = 0;
  let totalRetryDelay = 0;
  request.headers["amz-sdk-invocation-id"] = v4();
  while (true) {
    try {
      request.headers["amz-sdk-request"] = `attempt=${attempts + 1}; max=${maxAttempts}`;
      const { output } = await attempt(request);
      strategy.recordSuccess(token);
      output.$metadata.attempts = attempts + 1;
      output.$metadata.totalRetryDelay = totalRetryDelay;
      return output;
    } catch (caught) {
      const info = retryErrorInfo(caught);
      const error = asError(caught);
      try {
        token = await strategy.refreshRetryTokenForRetry(token, info);
      } catch {
        error.$metadata ??= {};
        error.$metadata.attempts = attempts + 1;
        error.$metadata.totalRetryDelay = totalRetryDelay;
        throw error;
      }
      attempts = token.getRetryCount();
      const delay = token.getRetryDelay();
      totalRetryDelay +=
        ((token as { $retryLog?: { acquisitionDelay?: number } }).$retryLog?.acquisitionDelay ??
          0) + delay;
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
};

export { isRetryStrategyV2, withRetries };
export type { Attempt, DirectCommand, DirectCommandClass, SigningStep };
