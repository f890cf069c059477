import {
  customEndpointFunctions,
  EndpointCache,
  isValidHostLabel,
  resolveEndpoint,
  type EndpointFunctions,
  type EndpointParams,
  type RuleSetObject,
} from "@smithy/core/endpoints";
import type { EndpointV2, Logger, Provider } from "@smithy/types";
import type { EndpointParameters } from "./config";
import { InvalidRegionError } from "./errors";

/** What the rule set reads of a partition (`{PartitionResult#dnsSuffix}` and the support flags). */
interface PartitionOutputs {
  readonly name: string;
  readonly dnsSuffix: string;
  readonly dualStackDnsSuffix: string;
  readonly implicitGlobalRegion: string;
  readonly supportsFIPS: boolean;
  readonly supportsDualStack: boolean;
}

interface Partition {
  readonly id: string;
  readonly regionRegex: RegExp;
  readonly regions: readonly string[];
  readonly outputs: PartitionOutputs;
}

/**
 * The rules' `aws.partition` function: a region's partition by exact name,
 * then by the partition's region pattern, else the `aws` partition, which is
 * how the AWS SDKs place regions they do not yet know. Written here rather
 * than taken from `@aws-sdk/core`, which would add an `@aws-sdk/*` runtime
 * dependency for one small function; the table itself is generated.
 */
function createPartitionFunction(partitions: readonly Partition[]) {
  return (region: string): PartitionOutputs => {
    const known = partitions.find((p) => p.regions.includes(region));
    if (known !== undefined) return { ...known.outputs };
    const matched = partitions.find((p) => p.regionRegex.test(region));
    if (matched !== undefined) return { ...matched.outputs };
    const fallback = partitions.find((p) => p.id === "aws");
    if (fallback === undefined) throw new Error("The partitions table has no aws partition.");
    return { ...fallback.outputs };
  };
}

function createAwsEndpointFunctions(partitions: readonly Partition[]): EndpointFunctions {
  return { partition: createPartitionFunction(partitions) as EndpointFunctions[string] };
}

/** A region goes into the endpoint's host name, so it must be one host label. */
function assertValidRegion(region: string): string {
  if (!isValidHostLabel(region)) throw new InvalidRegionError(region);
  return region;
}

/**
 * Wraps the resolved region provider so that a configured region (from the
 * constructor, the environment or a profile) that is not a host label fails
 * the send, before any request is built, with an error that names it and the
 * fix. Other failures, such as a missing region, pass through unchanged.
 */
function withRegionCheck(
  configured: string | Provider<string>,
  resolved: Provider<string>,
): Provider<string> {
  return async () => {
    try {
      return await resolved();
    } catch (error) {
      const region = typeof configured === "function" ? await configured() : configured;
      if (typeof region === "string") assertValidRegion(region);
      throw error;
    }
  };
}

/**
 * The parameters as the rule engine types them, strings and booleans only: it
 * reads a parameter that is not there as unset, as it reads an undefined one.
 */
function ruleParams(endpointParams: EndpointParameters): EndpointParams {
  const params: EndpointParams = {};
  for (const [name, value] of Object.entries(endpointParams)) {
    if (typeof value === "string" || typeof value === "boolean") params[name] = value;
  }
  return params;
}

/**
 * An endpoint provider over a rule set, run by the rule engine of
 * `@smithy/core/endpoints` with the `aws.*` functions registered. A region
 * goes into the host name, so one that is not a valid host label
 * (`us-east-1.evil.com`, `a/b`) is refused before any rule runs.
 */
function createEndpointResolver(
  ruleSet: RuleSetObject,
  awsFunctions: EndpointFunctions,
  cacheParams: string[],
) {
  const cache = new EndpointCache({ size: 50, params: cacheParams });
  return (endpointParams: EndpointParameters, context: { logger?: Logger } = {}): EndpointV2 => {
    const region = endpointParams.Region;
    if (region !== undefined) assertValidRegion(region);
    const params = ruleParams(endpointParams);
    return cache.get(params, () => {
      // The registry is shared by every smithy client in the process; set ours
      // right before the rules run, so another client's table never applies.
      customEndpointFunctions.aws = awsFunctions;
      return resolveEndpoint(ruleSet, { endpointParams: params, logger: context.logger });
    });
  };
}

export { assertValidRegion, createAwsEndpointFunctions, createEndpointResolver, withRegionCheck };
export type { Partition, PartitionOutputs };
