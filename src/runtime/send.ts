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

type Note = (middleware: AnyMiddleware, entry: any, relative: boolean) => void;

/** Where the collector below sends each entry a stack hands it; set for one synchronous read. */
let noting: Note | undefined;

/**
 * A stack that only takes note of what is added to it. A stack's
 * `applyToStack` adds each of its entries to the stack it is given, in the
 * order its own `clone()` copies them, with options that are a copy of the
 * whole entry; reading a stack through this one collector allocates nothing
 * beyond those copies, which matters because every send reads the client's.
 */
const collector: MiddlewareStack<any, any> = {
  ...constructStack<any, any>(),
  add: (middleware: AnyMiddleware, entry: unknown) => noting?.(middleware, entry, false),
  addRelativeTo: (middleware: AnyMiddleware, entry: unknown) => noting?.(middleware, entry, true),
};

function readStack(stack: MiddlewareStack<any, any>, note: Note): void {
  noting = note;
  try {
    stack.applyToStack(collector);
  } finally {
    noting = undefined;
  }
}

/**
 * The entries a stack holds. The middleware is left out of the options
 * kept, so that they can place other middleware.
 */
function heldEntries(stack: MiddlewareStack<any, any>): HeldEntry[] {
  const held: HeldEntry[] = [];
  readStack(stack, (middleware, entry, relative) => {
    const { middleware: _copy, ...options } = entry;
    held.push({ middleware, options, relative });
  });
  return held;
}

function countEntries(stack: MiddlewareStack<any, any>): number {
  let count = 0;
  readStack(stack, () => {
    count++;
  });
  return count;
}

/**
 * Whether a stack holds `entries`: the same middleware, each placed alike
 * (name, step, priority, relation and anchor), in the same order. Two
 * stacks that do compose alike.
 */
function holdsEntries(stack: MiddlewareStack<any, any>, entries: readonly HeldEntry[]): boolean {
  let index = 0;
  let same = true;
  readStack(stack, (middleware, entry, relative) => {
    const known = entries[index++];
    same &&=
      known !== undefined &&
      known.middleware === middleware &&
      known.relative === relative &&
      known.options.name === entry.name &&
      known.options.step === entry.step &&
      known.options.priority === entry.priority &&
      known.options.relation === entry.relation &&
      known.options.toMiddleware === entry.toMiddleware;
  });
  return same && index === entries.length;
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
    countEntries(command.middlewareStack) > 0
  ) {
    return undefined;
  }
  let known = compositions.get(client);
  if (known === undefined) {
    known = { entries: heldEntries(client.middlewareStack), byCommand: new Map() };
    compositions.set(client, known);
  } else if (!holdsEntries(client.middlewareStack, known.entries)) {
    known.entries = heldEntries(client.middlewareStack);
    known.byCommand.clear();
  }
  let composition = known.byCommand.get(command.constructor);
  if (composition === undefined) {
    composition = readComposition(client, command, known.entries);
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
  // Copied with Object.assign rather than spread: measured on Node 20, objects spread
  // from the template took a slow path when middleware added members to them.
  const sendContext: HandlerExecutionContext = Object.assign({}, context);
  sendContext.logger = logger;
  sendContext[SMITHY_CONTEXT_KEY] = Object.assign({}, getSmithyContext(context), {
    commandInstance: command,
  });
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
