import { HttpRequest } from "@smithy/core/protocols";
import type { BuildMiddleware, HeaderBag, Pluggable } from "@smithy/types";
import { recursionDetectionMiddlewareOptions } from "./middleware";

/*
 * Recursion detection as the official client does it in Node.js; browser and
 * React Native builds take recursion-detection.browser.ts instead.
 */

const TRACE_ID_HEADER = "X-Amzn-Trace-Id";
/** W3C trace context headers, which the official client sends lowercased. */
const TRACE_CONTEXT_HEADERS = new Set(["traceparent", "tracestate", "baggage"]);

/** What the recursion detection reads of the invocation store the AWS Lambda runtime publishes. */
interface LambdaInvokeStore {
  getXRayTraceId(): unknown;
  getTraceparent?(): unknown;
  getTracestate?(): unknown;
  getBaggage?(): unknown;
}

/**
 * The invocation store of the Lambda runtime, where it keeps the current
 * invocation's trace ids (`globalThis.awslambda.InvokeStore`, as
 * `@aws/lambda-invoke-store` publishes it). The official client imports that
 * package and awaits its instance on every request; outside Lambda the
 * instance it makes is empty, so reading the published one gives the same
 * values without the package's import-time write to `globalThis.awslambda`.
 */
function lambdaInvokeStore(): LambdaInvokeStore | undefined {
  const awslambda: unknown = Reflect.get(globalThis, "awslambda");
  if (typeof awslambda !== "object" || awslambda === null) return undefined;
  const store: unknown = Reflect.get(awslambda, "InvokeStore");
  const candidate = store as Partial<LambdaInvokeStore> | undefined;
  return typeof candidate?.getXRayTraceId === "function" ? (store as LambdaInvokeStore) : undefined;
}

function nonEmpty(value: unknown): value is string {
  return typeof value === "string" && value.length > 0;
}

/** `traceparent`, `tracestate` and `baggage` under their lowercase names, as the official client sends them. */
function lowercaseTraceContext(headers: HeaderBag): void {
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    if (name !== lower && TRACE_CONTEXT_HEADERS.has(lower)) {
      headers[lower] = headers[name]!;
      delete headers[name];
    }
  }
}

/**
 * The official client's recursion detection (Node): inside AWS Lambda
 * (`AWS_LAMBDA_FUNCTION_NAME` set) it sends the invocation's X-Ray trace id
 * (from the runtime's invocation store, else `_X_AMZN_TRACE_ID`) as
 * `X-Amzn-Trace-Id`, unless the request has that header in any letter case;
 * and it sends the store's W3C trace context when the request has none.
 */
function recursionDetectionMiddleware(): BuildMiddleware<any, any> {
  return (next) => (args) => {
    const request = args.request;
    if (!HttpRequest.isInstance(request)) return next(args);
    const headers = request.headers;
    const store = lambdaInvokeStore();
    const functionName = process.env.AWS_LAMBDA_FUNCTION_NAME;
    if (nonEmpty(functionName)) {
      const traceId = store?.getXRayTraceId() ?? process.env._X_AMZN_TRACE_ID;
      const lowerName = TRACE_ID_HEADER.toLowerCase();
      const present = Object.keys(headers).some((name) => name.toLowerCase() === lowerName);
      if (nonEmpty(traceId) && !present) headers[TRACE_ID_HEADER] = traceId;
    }
    lowercaseTraceContext(headers);
    const traceparent = headers.traceparent ? undefined : store?.getTraceparent?.();
    if (nonEmpty(traceparent)) {
      headers.traceparent = traceparent;
      const tracestate = store?.getTracestate?.();
      if (nonEmpty(tracestate)) headers.tracestate = tracestate;
      const baggage = store?.getBaggage?.();
      if (nonEmpty(baggage)) headers.baggage = baggage;
    }
    return next(args);
  };
}

/** Recursion detection under the official client's name, in its place. */
function getRecursionDetectionPlugin(): Pluggable<any, any> {
  return {
    applyToStack: (stack) => {
      stack.add(recursionDetectionMiddleware(), recursionDetectionMiddlewareOptions);
    },
  };
}

export { getRecursionDetectionPlugin };
