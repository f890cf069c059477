import type { EndpointFunctions } from "@smithy/core/endpoints";

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
const createPartitionFunction =
  (partitions: readonly Partition[]) =>
  (region: string): PartitionOutputs => {
    const known = partitions.find((p) => p.regions.includes(region));
    if (known !== undefined) return { ...known.outputs };
    const matched = partitions.find((p) => p.regionRegex.test(region));
    if (matched !== undefined) return { ...matched.outputs };
    const fallback = partitions.find((p) => p.id === "aws");
    if (fallback === undefined) throw new Error("The partitions table has no aws partition.");
    return { ...fallback.outputs };
  };

const createAwsEndpointFunctions = (partitions: readonly Partition[]): EndpointFunctions => ({
  partition: createPartitionFunction(partitions) as EndpointFunctions[string],
});

export { createAwsEndpointFunctions };
export type { Partition, PartitionOutputs };
