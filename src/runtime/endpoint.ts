import { NoOpLogger } from "@smithy/core/client";
import { EndpointCache, isValidHostLabel } from "@smithy/core/endpoints";
import type { EndpointParams, EndpointV2, Logger, Provider } from "@smithy/types";
import type { EndpointParameters, EndpointProvider } from "./config";
import { InvalidRegionError } from "./errors";

/*
 * The runtime side of endpoint resolution. The rules themselves are compiled
 * into `src/client/endpoint/endpointResolver.ts` by codegen, so no rules
 * engine runs and nothing is registered in `@smithy/core`'s process-wide
 * `customEndpointFunctions`, which other AWS clients in the process read.
 */

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
function findPartition(partitions: readonly Partition[], region: string): PartitionOutputs {
  const known = partitions.find((p) => p.regions.includes(region));
  if (known !== undefined) return known.outputs;
  const matched = partitions.find((p) => p.regionRegex.test(region));
  if (matched !== undefined) return matched.outputs;
  const fallback = partitions.find((p) => p.id === "aws");
  if (fallback === undefined) throw new Error("The partitions table has no aws partition.");
  return fallback.outputs;
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
 * The client's endpoint provider over the compiled rules. A region goes into
 * the host name, so one that is not a valid host label (`us-east-1.evil.com`,
 * `a/b`) is refused before any rule runs. A logger with `debug` reads the
 * parameters and the endpoint, as the rules engine logs them, under the same
 * `endpoints` prefix.
 *
 * As in the official client, an endpoint is kept in smithy's `EndpointCache`
 * (50 entries, keyed by `parameterNames`' values), shared by every client of
 * the process: the rules run, and log, once per set of parameters. An error
 * is not kept.
 */
function createEndpointResolver(
  resolveRules: (params: EndpointParameters) => EndpointV2,
  parameterNames: readonly string[],
): EndpointProvider {
  const cache = new EndpointCache({ size: 50, params: [...parameterNames] });
  return (params: EndpointParameters, context: { logger?: Logger } = {}): EndpointV2 => {
    const region = params.Region;
    if (region !== undefined) assertValidRegion(region);
    // The cache reads only the named parameters, which are strings and booleans or absent.
    return cache.get(params as EndpointParams, () => {
      const logger = context.logger instanceof NoOpLogger ? undefined : context.logger;
      logger?.debug?.(`endpoints Initial EndpointParams: ${JSON.stringify(params, null, 2)}`);
      const endpoint = resolveRules(params);
      logger?.debug?.(`endpoints Resolved endpoint: ${JSON.stringify(endpoint, null, 2)}`);
      return endpoint;
    });
  };
}

export { assertValidRegion, createEndpointResolver, findPartition, withRegionCheck };
export type { Partition, PartitionOutputs };
