import { NoOpLogger } from "@smithy/core/client";
import type { Handler, MiddlewareStack } from "@smithy/types";
import type { DirectCommand, DirectCommandClass } from "./direct-steps";
import type { DirectSender } from "./send-direct";

type AnyHandler = Handler<any, any>;

interface CacheableCommand {
  readonly middlewareStack: MiddlewareStack<any, any>;
  resolveMiddleware(stack: MiddlewareStack<any, any>, config: any, options: any): AnyHandler;
}

interface CachingClient {
  readonly middlewareStack: MiddlewareStack<any, any>;
  readonly config: { cacheMiddleware?: boolean; logger?: unknown };
}

const isDirectCommandClass = (value: unknown): value is DirectCommandClass =>
  typeof value === "function" && "signing" in value;

/** The stack methods that change what a resolved handler chain would contain. */
const MUTATORS = ["add", "addRelativeTo", "use", "remove", "removeByTag"] as const;

/**
 * Resolved handler chains per command class, dropped whenever the client's
 * middleware stack changes. Resolving the chain (cloning and sorting the
 * stack, applying the command's plugins) is the largest client-side cost of a
 * send; measured with `npm run bench`, reusing it cuts CPU per request by
 * about a fifth. The `Client` of `@smithy/core/client` can cache too (`cacheMiddleware`),
 * but it keeps a chain after middleware is added, and ignores middleware
 * added to a command instance.
 */
class HandlerCache {
  private readonly handlers = new Map<unknown, AnyHandler>();
  private readonly directHandlers = new Map<unknown, AnyHandler>();
  /** True until anything changes the client's stack: then every send goes through it. */
  private pristine = true;

  constructor(
    stack: MiddlewareStack<any, any>,
    private readonly direct?: DirectSender,
  ) {
    for (const name of MUTATORS) {
      const original = stack[name] as (...args: unknown[]) => unknown;
      (stack as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
        this.handlers.clear();
        this.pristine = false;
        return original.apply(stack, args);
      };
    }
  }

  /** The chain for a command: cached when nothing per-call or per-instance can change it. */
  handlerFor(client: CachingClient, command: CacheableCommand, options: unknown): AnyHandler {
    const cacheable =
      options === undefined &&
      client.config.cacheMiddleware !== false &&
      command.middlewareStack.identify().length === 0;
    if (!cacheable)
      return command.resolveMiddleware(client.middlewareStack, client.config, options);
    const Command = command.constructor;
    const direct = this.direct;
    if (
      direct !== undefined &&
      this.pristine &&
      isDirectCommandClass(Command) &&
      client.config.logger instanceof NoOpLogger
    ) {
      let handler = this.directHandlers.get(Command);
      if (handler === undefined) {
        handler = (async (cmd: DirectCommand) =>
          (await direct.usable())
            ? direct.send(cmd, Command)
            : this.chainFor(client, command)(cmd as never)) as unknown as AnyHandler;
        this.directHandlers.set(Command, handler);
      }
      return handler;
    }
    return this.chainFor(client, command);
  }

  /** The stack's resolved chain for a command class, built once. */
  private chainFor(client: CachingClient, command: CacheableCommand): AnyHandler {
    let handler = this.handlers.get(command.constructor);
    if (handler === undefined) {
      handler = command.resolveMiddleware(client.middlewareStack, client.config, undefined);
      this.handlers.set(command.constructor, handler);
    }
    return handler;
  }

  clear(): void {
    this.handlers.clear();
    this.directHandlers.clear();
  }
}

type Callback = (err: unknown, data?: unknown) => void;

/**
 * `client.send` with the three call styles of the official client: a promise,
 * `(command, cb)` and `(command, options, cb)`.
 */
const sendWithHandlerCache = (
  client: CachingClient,
  cache: HandlerCache,
  command: CacheableCommand,
  optionsOrCb?: unknown,
  cb?: Callback,
): Promise<unknown> | void => {
  const options = typeof optionsOrCb === "function" ? undefined : optionsOrCb;
  const callback = typeof optionsOrCb === "function" ? (optionsOrCb as Callback) : cb;
  const handler = cache.handlerFor(client, command, options);
  const result = handler(command as never).then((r: { output: unknown }) => r.output);
  if (callback === undefined) return result;
  result.then(
    (output) => callback(null, output),
    (error: unknown) => callback(error),
  );
};

export { HandlerCache, sendWithHandlerCache };
