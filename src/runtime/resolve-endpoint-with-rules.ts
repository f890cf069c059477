import {
  customEndpointFunctions,
  EndpointCache,
  resolveEndpoint,
  type EndpointFunctions,
  type EndpointParams,
  type RuleSetObject,
} from "@smithy/core/endpoints";
import type { EndpointV2, Logger } from "@smithy/types";
import type { EndpointParameters } from "./client-config";
import { assertValidRegion } from "./validate-region";

/**
 * An endpoint provider over a rule set, run by the rule engine of
 * `@smithy/core/endpoints` with the `aws.*` functions registered. A region
 * goes into the host name, so one that is not a valid host label
 * (`us-east-1.evil.com`, `a/b`) is refused before any rule runs.
 */
const createEndpointResolver = (
  ruleSet: RuleSetObject,
  awsFunctions: EndpointFunctions,
  cacheParams: string[],
) => {
  const cache = new EndpointCache({ size: 50, params: cacheParams });
  return (endpointParams: EndpointParameters, context: { logger?: Logger } = {}): EndpointV2 => {
    const region = endpointParams.Region;
    if (region !== undefined) assertValidRegion(region);
    return cache.get(endpointParams as unknown as EndpointParams, () => {
      // The registry is shared by every smithy client in the process; set ours
      // right before the rules run, so another client's table never applies.
      customEndpointFunctions.aws = awsFunctions;
      return resolveEndpoint(ruleSet, {
        endpointParams: endpointParams as unknown as EndpointParams,
        logger: context.logger,
      });
    });
  };
};

export { createEndpointResolver };
