import type { InitializeMiddleware, Pluggable } from "@smithy/types";
import { NoOpLogger } from "@smithy/core/client";

/**
 * Logs each call's input and output through the configured logger, with the
 * command's log filters applied so that sensitive members (the model's
 * `@sensitive`) read `***SensitiveInformation***`.
 */
const loggerMiddleware = (): InitializeMiddleware<any, any> => (next, context) => {
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

const getLoggerPlugin = (): Pluggable<any, any> => ({
  applyToStack: (stack) => {
    stack.add(loggerMiddleware(), {
      name: "loggerMiddleware",
      step: "initialize",
      tags: ["LOGGER"],
      override: true,
    });
  },
});

export { getLoggerPlugin };
