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
  AbsoluteLocation,
  BuildHandlerOptions,
  BuildMiddleware,
  DeserializeMiddleware,
  HandlerExecutionContext,
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

/** Where the official client places its recursion detection; `recursion-detection.ts` holds it. */
const recursionDetectionMiddlewareOptions: BuildHandlerOptions & AbsoluteLocation = {
  step: "build",
  tags: ["RECURSION_DETECTION", "TRACE_CONTEXT_PROPAGATION"],
  name: "recursionDetectionMiddleware",
  override: true,
  priority: "low",
};

export {
  getCommandSerdePlugin,
  getHostHeaderPlugin,
  getLoggerPlugin,
  recursionDetectionMiddlewareOptions,
};
