import { constructStack, NoOpLogger } from "@smithy/core/client";
import { HttpRequest } from "@smithy/core/protocols";
import type {
  BuildMiddleware,
  Command,
  Handler,
  InitializeMiddleware,
  MetadataBearer,
  MiddlewareStack,
  Pluggable,
  RequestHandler,
} from "@smithy/types";

/*
 * How a client sends a command: through its middleware stack, as every
 * smithy client does, with the handler the stack resolves to reused while
 * resolving again would build the same one. Beside smithy's own middleware
 * (retry, content length, endpoint, serde) the client's stack holds the two
 * below and the user agent's.
 */

interface HostHeaderConfig {
  requestHandler: RequestHandler<any, any, any>;
}

/**
 * Sets `host` (or `:authority` over HTTP/2) from the request's endpoint, as
 * the official client's middleware of the same name does; a value the caller
 * set is kept. Browsers ignore the header, which is harmless.
 */
function hostHeaderMiddleware(config: HostHeaderConfig): BuildMiddleware<any, any> {
  return (next) => (args) => {
    const request = args.request;
    if (HttpRequest.isInstance(request)) {
      const authority =
        request.port == null ? request.hostname : `${request.hostname}:${request.port}`;
      const protocol = config.requestHandler.metadata?.handlerProtocol ?? "";
      if (protocol.includes("h2")) {
        if (request.headers[":authority"] === undefined) {
          delete request.headers.host;
          request.headers[":authority"] = authority;
        }
      } else if (request.headers.host === undefined) {
        request.headers.host = authority;
      }
    }
    return next(args);
  };
}

function getHostHeaderPlugin(config: HostHeaderConfig): Pluggable<any, any> {
  return {
    applyToStack: (stack) => {
      stack.add(hostHeaderMiddleware(config), {
        name: "hostHeaderMiddleware",
        step: "build",
        priority: "low",
        tags: ["HOST"],
        override: true,
      });
    },
  };
}

/**
 * Logs each call's input and output through the configured logger, with the
 * command's log filters applied so that sensitive members (the model's
 * `@sensitive`) read `***SensitiveInformation***`.
 */
function loggerMiddleware(): InitializeMiddleware<any, any> {
  return (next, context) => {
    const { clientName, commandName, logger, inputFilterSensitiveLog, outputFilterSensitiveLog } =
      context;
    // The default logger drops everything: with it, this step adds nothing to the chain.
    if (logger instanceof NoOpLogger) return next;
    return async (args) => {
      try {
        const response = await next(args);
        if (typeof logger?.info === "function") {
          const { $metadata, ...outputWithoutMetadata } = response.output;
          logger.info({
            clientName,
            commandName,
            input: inputFilterSensitiveLog(args.input),
            output: outputFilterSensitiveLog(outputWithoutMetadata),
            metadata: $metadata,
          });
        }
        return response;
      } catch (error) {
        if (typeof logger?.error === "function") {
          logger.error({
            clientName,
            commandName,
            input: inputFilterSensitiveLog(args.input),
            error,
            metadata: (error as { $metadata?: unknown }).$metadata,
          });
        }
        throw error;
      }
    };
  };
}

function getLoggerPlugin(): Pluggable<any, any> {
  return {
    applyToStack: (stack) => {
      stack.add(loggerMiddleware(), {
        name: "loggerMiddleware",
        step: "initialize",
        tags: ["LOGGER"],
        override: true,
      });
    },
  };
}

interface SendConfig {
  readonly cacheMiddleware?: boolean;
}

/** What a send needs of a client; smithy's `Client` has it. */
interface SendingClient<Config extends SendConfig> {
  readonly config: Config;
  readonly middlewareStack: MiddlewareStack<any, any>;
}

type SendableCommand<Config> = Command<any, any, any, MetadataBearer, Config>;

type Callback = (error: unknown, output?: MetadataBearer) => void;

/** A handler resolved from a client's stack, and the middleware that stack held then. */
interface ResolvedHandler {
  readonly handler: Handler<any, MetadataBearer>;
  readonly clientMiddleware: readonly unknown[];
}

/** Per client, per command class: the handler its last resolution built. */
const resolvedHandlers = new WeakMap<object, Map<unknown, ResolvedHandler>>();

/**
 * The middleware a stack holds, in the order it holds them, read the way the
 * stack's own `clone()` reads them: `applyToStack` adds each of its entries to
 * the stack it is given, here one that only takes note of them.
 */
function heldMiddleware(stack: MiddlewareStack<any, any>): unknown[] {
  const held: unknown[] = [];
  const note = (middleware: unknown) => {
    held.push(middleware);
  };
  stack.applyToStack({ ...constructStack<any, any>(), add: note, addRelativeTo: note });
  return held;
}

function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/**
 * The handler for one send. Resolving the stack (copying and sorting the
 * client's and the command's middleware, then composing them) is the largest
 * cost a send has on the client side, so the resolved handler is kept per
 * command class, as smithy's `cacheMiddleware` keeps it, and used again while
 * it is still what resolving would build: the client's stack holds the same
 * middleware, the command instance has none of its own, no options are given
 * for this call (they go into the resolved context) and `identifyOnResolve` is
 * off. Unlike smithy's cache, a change to the client's stack is seen on the
 * next send. `cacheMiddleware: false` resolves on every send.
 */
function handlerFor<Config extends SendConfig>(
  client: SendingClient<Config>,
  command: SendableCommand<Config>,
  options: unknown,
): Handler<any, MetadataBearer> {
  const reusable =
    options === undefined &&
    client.config.cacheMiddleware !== false &&
    !client.middlewareStack.identifyOnResolve() &&
    heldMiddleware(command.middlewareStack).length === 0;
  if (!reusable) return command.resolveMiddleware(client.middlewareStack, client.config, options);
  let handlers = resolvedHandlers.get(client);
  if (handlers === undefined) {
    handlers = new Map();
    resolvedHandlers.set(client, handlers);
  }
  const clientMiddleware = heldMiddleware(client.middlewareStack);
  const known = handlers.get(command.constructor);
  if (known !== undefined && sameItems(known.clientMiddleware, clientMiddleware)) {
    return known.handler;
  }
  const handler = command.resolveMiddleware(client.middlewareStack, client.config, undefined);
  handlers.set(command.constructor, { handler, clientMiddleware });
  return handler;
}

/**
 * `client.send` in the official client's three call styles: a promise,
 * `(command, cb)` and `(command, options, cb)`; the aggregated client's
 * methods call it in all three.
 */
function sendCommand<Config extends SendConfig>(
  client: SendingClient<Config>,
  command: SendableCommand<Config>,
  optionsOrCb?: unknown,
  cb?: Callback,
): Promise<MetadataBearer> | void {
  const options = typeof optionsOrCb === "function" ? undefined : optionsOrCb;
  const callback = typeof optionsOrCb === "function" ? (optionsOrCb as Callback) : cb;
  const output = handlerFor(client, command, options)(command).then((result) => result.output);
  if (callback === undefined) return output;
  // What the callback throws is dropped, as smithy's `Client.send` drops it:
  // an unhandled rejection would end the Node process.
  output
    .then(
      (value) => callback(null, value),
      (error: unknown) => callback(error),
    )
    .catch(() => {});
}

export { getHostHeaderPlugin, getLoggerPlugin, sendCommand };
