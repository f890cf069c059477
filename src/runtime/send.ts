import { getSmithyContext } from "@smithy/core";
import { constructStack } from "@smithy/core/client";
import {
  SMITHY_CONTEXT_KEY,
  type Command,
  type HandlerExecutionContext,
  type HttpHandlerOptions,
  type Logger,
  type MetadataBearer,
  type MiddlewareStack,
  type RequestHandler,
} from "@smithy/types";

/*
 * How a client sends a command. Every send runs the middleware the client's
 * stack holds, in the stack's order. The stack API does that by resolving the
 * stack for each send: it copies the client's and the command's middleware
 * into a new stack, sorts them and composes them. The fast path below does
 * the copying and sorting once per command class, and then composes the same
 * middleware functions, in the same order, with a fresh handler context for
 * every send, as each resolution would.
 */

interface SendConfig {
  readonly cacheMiddleware?: boolean;
  readonly logger: Logger;
  readonly requestHandler: RequestHandler<any, any, HttpHandlerOptions>;
}

/** What a send needs of a client; smithy's `Client` has it. */
interface SendingClient<Config extends SendConfig> {
  readonly config: Config;
  readonly middlewareStack: MiddlewareStack<any, any>;
}

type SendableCommand<Config> = Command<any, any, any, MetadataBearer, Config>;

type Callback = (error: unknown, output?: MetadataBearer) => void;

/** Any step's middleware, as the stack composes it: the next handler in, this one's handler out. */
type AnyHandler = (args: any) => Promise<any>;
type AnyMiddleware = (next: AnyHandler, context: HandlerExecutionContext) => AnyHandler;

/** One entry of a stack: its middleware and the options it was added with. */
interface HeldEntry {
  readonly middleware: AnyMiddleware;
  readonly options: any;
  readonly relative: boolean;
}

/**
 * The entries a stack holds, in the order its own `clone()` copies them: its
 * `applyToStack` adds each entry to the stack it is given, here one that
 * only takes note of them. The options it passes are a copy of the whole
 * entry, middleware included; that copy is left out of the options kept, so
 * that they can place other middleware.
 */
function heldEntries(stack: MiddlewareStack<any, any>): HeldEntry[] {
  const held: HeldEntry[] = [];
  const note = (middleware: AnyMiddleware, entry: any, relative: boolean) => {
    const { middleware: _copy, ...options } = entry;
    held.push({ middleware, options, relative });
  };
  stack.applyToStack({
    ...constructStack<any, any>(),
    add: (middleware: AnyMiddleware, entry: unknown) => note(middleware, entry, false),
    addRelativeTo: (middleware: AnyMiddleware, entry: unknown) => note(middleware, entry, true),
  });
  return held;
}

/** The options that place an entry; two lists with the same middleware placed alike compose alike. */
const PLACEMENT = ["name", "step", "priority", "relation", "toMiddleware"] as const;

function sameEntries(a: readonly HeldEntry[], b: readonly HeldEntry[]): boolean {
  return (
    a.length === b.length &&
    a.every((entry, index) => {
      const other = b[index]!;
      return (
        entry.middleware === other.middleware &&
        entry.relative === other.relative &&
        PLACEMENT.every((key) => entry.options?.[key] === other.options?.[key])
      );
    })
  );
}

/**
 * A stack holding stand-ins for `entries`, placed as they are: resolving it
 * calls each stand-in, innermost first, which reports its entry and the
 * handler context and passes the handler through.
 */
function standInStack(
  entries: readonly HeldEntry[],
  report: (entry: HeldEntry, context: HandlerExecutionContext) => void,
): MiddlewareStack<any, any> {
  const stack = constructStack<any, any>();
  for (const entry of entries) {
    const standIn: AnyMiddleware = (next, context) => {
      report(entry, context);
      return next;
    };
    if (entry.relative) stack.addRelativeTo(standIn, entry.options);
    else stack.add(standIn, entry.options);
  }
  return stack;
}

/** A command class's middleware chain on one client, as its stack resolves it. */
interface Composition {
  /** Outermost first: the order in which a request passes through them. */
  readonly middleware: readonly AnyMiddleware[];
  /** The handler context a resolution gives its middleware, before any send writes to it. */
  readonly context: HandlerExecutionContext;
}

/**
 * Reads the composition off the stack with the stack's own API. The command
 * resolves its middleware once against stand-ins for the client's, which
 * adds the command's own middleware (its endpoint parameters) to its stack
 * and shows the handler context smithy's `Command` builds. Resolving
 * stand-ins for both stacks together then gives their order. `undefined`
 * when the stack cannot be resolved (a relative entry whose anchor is gone):
 * sending through the stack then reports that as the stack does.
 */
function readComposition<Config extends SendConfig>(
  client: SendingClient<Config>,
  command: SendableCommand<Config>,
  clientEntries: readonly HeldEntry[],
): Composition | undefined {
  let context: HandlerExecutionContext | undefined;
  const order: AnyMiddleware[] = [];
  try {
    const probe = standInStack(clientEntries, (_entry, resolvedContext) => {
      context = resolvedContext;
    });
    command.resolveMiddleware(probe, client.config, undefined);
    if (context === undefined) return undefined;
    const entries = [...clientEntries, ...heldEntries(command.middlewareStack)];
    standInStack(entries, (entry) => order.unshift(entry.middleware)).resolve(
      () => Promise.resolve({ response: undefined }),
      context,
    );
  } catch {
    return undefined;
  }
  return { middleware: order, context };
}

/** Per client: the client stack's entries when last read, and each command class's composition. */
interface ClientCompositions {
  entries: HeldEntry[];
  readonly byCommand: Map<unknown, Composition>;
}

const compositions = new WeakMap<object, ClientCompositions>();

/**
 * The composition for this send, or `undefined` to resolve the stack: with
 * per-call options (they go into the resolved context and the handler's
 * options), with middleware on the command instance, with
 * `identifyOnResolve` (the stack prints its list on every resolution) or
 * with `cacheMiddleware: false`.
 */
function compositionFor<Config extends SendConfig>(
  client: SendingClient<Config>,
  command: SendableCommand<Config>,
  options: unknown,
): Composition | undefined {
  if (
    options !== undefined ||
    client.config.cacheMiddleware === false ||
    client.middlewareStack.identifyOnResolve() ||
    heldEntries(command.middlewareStack).length > 0
  ) {
    return undefined;
  }
  const entries = heldEntries(client.middlewareStack);
  let known = compositions.get(client);
  if (known === undefined) {
    known = { entries, byCommand: new Map() };
    compositions.set(client, known);
  } else if (!sameEntries(known.entries, entries)) {
    known.entries = entries;
    known.byCommand.clear();
  }
  let composition = known.byCommand.get(command.constructor);
  if (composition === undefined) {
    composition = readComposition(client, command, entries);
    if (composition !== undefined) known.byCommand.set(command.constructor, composition);
  }
  return composition;
}

/**
 * Sends `command` through the composition, as the handler a resolution
 * returns would: a handler context of its own (the logger read now, the
 * command in smithy's context), each middleware applied to the next, and
 * the client's request handler at the end with no options.
 */
function sendComposed<Config extends SendConfig>(
  client: SendingClient<Config>,
  command: SendableCommand<Config>,
  { middleware, context }: Composition,
): Promise<{ output: MetadataBearer }> {
  const { requestHandler, logger } = client.config;
  const sendContext: HandlerExecutionContext = {
    ...context,
    logger,
    [SMITHY_CONTEXT_KEY]: { ...getSmithyContext(context), commandInstance: command },
  };
  let handler: AnyHandler = (args) => requestHandler.handle(args.request, {});
  for (let index = middleware.length - 1; index >= 0; index--) {
    handler = middleware[index]!(handler, sendContext);
  }
  return handler(command);
}

/**
 * `client.send` in the official client's three call styles: a promise,
 * `(command, cb)` and `(command, options, cb)`; the aggregated client's
 * methods call it in all three. As smithy's `Client.send`, a callback that
 * throws does not become an unhandled rejection.
 */
function sendCommand<Config extends SendConfig>(
  client: SendingClient<Config>,
  command: SendableCommand<Config>,
  optionsOrCb?: unknown,
  cb?: Callback,
): Promise<MetadataBearer> | void {
  const options = typeof optionsOrCb === "function" ? undefined : optionsOrCb;
  const callback = typeof optionsOrCb === "function" ? (optionsOrCb as Callback) : cb;
  const composition = compositionFor(client, command, options);
  const sent =
    composition === undefined
      ? command.resolveMiddleware(client.middlewareStack, client.config, options)(command)
      : sendComposed(client, command, composition);
  const output = sent.then((result) => result.output);
  if (callback === undefined) return output;
  output
    .then(
      (value) => callback(null, value),
      (error: unknown) => callback(error),
    )
    .catch(() => {});
}

export { sendCommand };
