import { FetchHttpHandler } from "@smithy/fetch-http-handler";
import type { FetchHttpHandlerOptions } from "@smithy/fetch-http-handler";
import type { HttpHandlerOptions } from "@smithy/types";
import { bodyTimeoutError } from "./errors";

/*
 * The fetch handler the client builds when it is given handler options (or
 * none): smithy's FetchHttpHandler, whose `requestTimeout` ends a request
 * that has no headers yet but stops timing once they arrive. Here the body
 * must arrive within what is left of the same timeout. A handler instance the
 * caller builds keeps its own behaviour.
 */

/**
 * `body` read through a stream that fails with a TimeoutError, and cancels
 * the fetch, when it has not ended `remainingMs` from now.
 */
function limitBodyTime(
  body: ReadableStream<Uint8Array>,
  remainingMs: number,
  timeoutMs: number,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ended = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      timer = setTimeout(
        () => {
          if (ended) return;
          ended = true;
          const error = bodyTimeoutError(timeoutMs);
          controller.error(error);
          reader.cancel(error).catch(() => undefined);
        },
        Math.max(0, remainingMs),
      );
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (ended) return;
      if (done) {
        ended = true;
        clearTimeout(timer);
        controller.close();
      } else {
        controller.enqueue(value);
      }
    },
    cancel(reason) {
      ended = true;
      clearTimeout(timer);
      return reader.cancel(reason);
    },
  });
}

function isWebStream(body: unknown): body is ReadableStream<Uint8Array> {
  return typeof (body as ReadableStream | undefined)?.getReader === "function";
}

class BoundedFetchHttpHandler extends FetchHttpHandler {
  override async handle(
    request: Parameters<FetchHttpHandler["handle"]>[0],
    options: HttpHandlerOptions = {},
  ): ReturnType<FetchHttpHandler["handle"]> {
    const startedMs = Date.now();
    const result = await super.handle(request, options);
    const timeoutMs = options.requestTimeout ?? this.httpHandlerConfigs().requestTimeout;
    const { response } = result;
    // Without a ReadableStream global (React Native) fetch bodies arrive as a Blob, which
    // smithy's handler reads inside its own requestTimeout race.
    if (
      timeoutMs &&
      timeoutMs > 0 &&
      typeof ReadableStream === "function" &&
      isWebStream(response.body)
    ) {
      response.body = limitBodyTime(response.body, timeoutMs - (Date.now() - startedMs), timeoutMs);
    }
    return result;
  }
}

/** The `requestHandler` config member: an instance as given, options for a bounded handler. */
function createFetchHandler(input: unknown): ReturnType<typeof FetchHttpHandler.create> {
  if (typeof (input as { handle?: unknown } | undefined)?.handle === "function") {
    return FetchHttpHandler.create(input as Parameters<typeof FetchHttpHandler.create>[0]);
  }
  return new BoundedFetchHttpHandler(input as FetchHttpHandlerOptions | undefined);
}

export { BoundedFetchHttpHandler, createFetchHandler };
