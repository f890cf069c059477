import type { Pluggable } from "@smithy/types";
import { recursionDetectionMiddlewareOptions } from "./middleware";

/**
 * Browsers and React Native have no AWS Lambda environment: as the official
 * client's browser and React Native builds do, the middleware is there under
 * its name and passes every request through.
 */
function getRecursionDetectionPlugin(): Pluggable<any, any> {
  return {
    applyToStack: (stack) => {
      stack.add((next) => next, recursionDetectionMiddlewareOptions);
    },
  };
}

export { getRecursionDetectionPlugin };
