import { getSmithyContext } from "@smithy/core";
import { NoOpLogger } from "@smithy/core/client";
import { HttpRequest } from "@smithy/core/protocols";
import {
  deserializerMiddleware,
  deserializerMiddlewareOption,
  serializerMiddleware,
  serializerMiddlewareOption,
} from "@smithy/core/serde";
import type {
  BuildMiddleware,
  DeserializeMiddleware,
  HandlerExecutionContext,
  HeaderBag,
  HttpRequest as IHttpRequest,
  HttpResponse,
  InitializeMiddleware,
  Pluggable,
  RequestHandler,
  SerdeFunctions,
  SerializeMiddleware,
} from "@smithy/types";

/*
 * The client's own middleware beside smithy's (retry, content length,
 * endpoint, auth scheme, signing): each under the official client's name, in
 * its step, with its priority, doing what the official's does.
 */

/** A generated command's serializer and deserializer, as smithy's `Command` holds them. */
interface CommandSerde {
  serialize(input: any, context: any): Promise<IHttpRequest>;
  deserialize(response: HttpResponse, context: any): Promise<any>;
}

function isCommandSerde(value: unknown): value is CommandSerde {
  const serde = value as Partial<CommandSerde> | undefined;
  return typeof serde?.serialize === "function" && typeof serde.deserialize === "function";
}

/** The serde of the command being sent, which smithy's `Command` puts in the handler context. */
function commandSerde(context: HandlerExecutionContext): CommandSerde {
  const command = getSmithyContext(context).commandInstance;
  if (isCommandSerde(command)) return command;
  throw new Error(`${context.commandName ?? "This command"} has no serializer for this client.`);
}

/**
 * `serializerMiddleware` and `deserializerMiddleware` on the client's stack,
 * where the official client has them (its schema serde is a client plugin),
 * so that middleware a caller adds to the serialize step runs after the
 * request is built and middleware in the deserialize step sees the raw
 * response. Each runs smithy's middleware of that name with the generated
 * serde of the command being sent.
 */
function getCommandSerdePlugin(config: SerdeFunctions): Pluggable<any, any> {
  const serialize: SerializeMiddleware<any, any> = (next, context) =>
    serializerMiddleware(config, commandSerde(context).serialize)(next, context);
  const deserialize: DeserializeMiddleware<any, any> = (next, context) =>
    deserializerMiddleware(config, commandSerde(context).deserialize)(next, context);
  return {
    applyToStack: (stack) => {
      stack.add(serialize, serializerMiddlewareOption);
      stack.add(deserialize, deserializerMiddlewareOption);
    },
  };
}

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

/**
 * Recursion detection under the official client's name; in browsers and
 * React Native, where the official client's middleware passes requests
 * through, it does the same.
 */
function getRecursionDetectionPlugin(config: { readonly runtime: string }): Pluggable<any, any> {
  const middleware: BuildMiddleware<any, any> =
    config.runtime === "node" ? recursionDetectionMiddleware() : (next) => next;
  return {
    applyToStack: (stack) => {
      stack.add(middleware, {
        step: "build",
        tags: ["RECURSION_DETECTION", "TRACE_CONTEXT_PROPAGATION"],
        name: "recursionDetectionMiddleware",
        override: true,
        priority: "low",
      });
    },
  };
}

export { getCommandSerdePlugin, getHostHeaderPlugin, getLoggerPlugin, getRecursionDetectionPlugin };
