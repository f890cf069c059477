import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { Readable } from "node:stream";
import type { NodeHttpHandlerOptions } from "@smithy/node-http-handler";
import type { HttpHandlerOptions, Provider } from "@smithy/types";
import { streamCollector } from "@smithy/core/serde";
import { bodyTimeoutError } from "./errors";
import { isNodeStream, readNodeStream } from "./response-body";

/*
 * The node handler the client builds when it is given handler options (or
 * none): smithy's NodeHttpHandler, with every wait bounded by the
 * `requestTimeout` the caller set, on the handler or per call.
 *
 * Smithy's handler only logs a warning when `requestTimeout` passes unless
 * `throwOnRequestTimeout` is set, and it stops timing once the headers
 * arrive, so a body that stalls after them is waited for without end. Here
 * `throwOnRequestTimeout` defaults to true, and the body must arrive within
 * what is left of the same timeout. A handler instance the caller builds
 * keeps its own behaviour.
 */

/** The caller's options with `throwOnRequestTimeout` on unless they turned it off. */
function withThrowingTimeout(options: NodeHttpHandlerOptions | void): NodeHttpHandlerOptions {
  return { ...options, throwOnRequestTimeout: options?.throwOnRequestTimeout ?? true };
}

/**
 * Ends `body` with a TimeoutError when it has not ended `remainingMs` from
 * now. The timer does not keep the process alive: the socket does, for as
 * long as the body is still arriving.
 */
function limitBodyTime(body: Readable, remainingMs: number, timeoutMs: number): void {
  if (body.readableEnded || body.destroyed) return;
  const timer = setTimeout(
    () => body.destroy(bodyTimeoutError(timeoutMs)),
    Math.max(0, remainingMs),
  );
  timer.unref();
  const clear = () => clearTimeout(timer);
  body.once("end", clear);
  body.once("close", clear);
}

class BoundedNodeHttpHandler extends NodeHttpHandler {
  override async handle(
    request: Parameters<NodeHttpHandler["handle"]>[0],
    options: HttpHandlerOptions = {},
  ): ReturnType<NodeHttpHandler["handle"]> {
    const startedMs = Date.now();
    const result = await super.handle(request, options);
    const config = this.httpHandlerConfigs();
    const timeoutMs = options.requestTimeout ?? config.requestTimeout;
    const { body } = result.response;
    if (config.throwOnRequestTimeout && timeoutMs && timeoutMs > 0 && isNodeStream(body)) {
      limitBodyTime(body, timeoutMs - (Date.now() - startedMs), timeoutMs);
    }
    return result;
  }
}

/** The `requestHandler` config member: an instance as given, options for a bounded handler. */
function createNodeHandler(input: unknown): ReturnType<typeof NodeHttpHandler.create> {
  if (typeof (input as { handle?: unknown } | undefined)?.handle === "function") {
    return NodeHttpHandler.create(input as Parameters<typeof NodeHttpHandler.create>[0]);
  }
  if (typeof input === "function") {
    const provider = input as Provider<NodeHttpHandlerOptions | void>;
    return new BoundedNodeHttpHandler(async () => withThrowingTimeout(await provider()));
  }
  return new BoundedNodeHttpHandler(
    withThrowingTimeout(input as NodeHttpHandlerOptions | undefined),
  );
}

/**
 * The node runtime's `streamCollector`, for code that reads a body through
 * the context: node streams as above, with no limit; anything else goes to
 * the maintained collector.
 */
function collectNodeStream(stream: Parameters<typeof streamCollector>[0]): Promise<Uint8Array> {
  if (!isNodeStream(stream)) return streamCollector(stream);
  return readNodeStream(stream, Infinity, () => new RangeError("no limit"));
}

export { BoundedNodeHttpHandler, collectNodeStream, createNodeHandler };
