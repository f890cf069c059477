import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { compileRuleSet } from "./compile-rules";
import type { GeneratedFile } from "./generated-file";
import { Model } from "./model";
import type { RuleSet } from "./rule-set";
import { importRuntime } from "./runtime";

/** Rule-set built-ins and the client config key each one reads. */
const BUILT_INS: Record<string, string> = {
  "AWS::Region": "region",
  "AWS::UseFIPS": "useFipsEndpoint",
  "AWS::UseDualStack": "useDualstackEndpoint",
  "SDK::Endpoint": "endpoint",
};

const RESOLVER = "endpoint/endpointResolver.ts";

interface SourcePartition {
  id: string;
  outputs: Record<string, unknown>;
  regionRegex: string;
  regions: Record<string, unknown>;
}

/**
 * The partitions table comes from the data the AWS SDK for JavaScript ships
 * in `@aws-sdk/core` (a devDependency, read here only), so region placement
 * follows the official client's.
 */
function readPartitions(): SourcePartition[] {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve("@aws-sdk/core/package.json"));
  const file = join(root, "dist-es/submodules/client/util-endpoints/lib/aws/partitions.js");
  const text = readFileSync(file, "utf8")
    .replace(/^export const partitionsInfo = /, "")
    .replace(/;\s*$/, "");
  return (JSON.parse(text) as { partitions: SourcePartition[] }).partitions;
}

function emitPartitions(): GeneratedFile {
  const path = "endpoint/partitions.ts";
  const entries = readPartitions().map(
    (p) => `  {
    id: ${JSON.stringify(p.id)},
    regionRegex: new RegExp(${JSON.stringify(p.regionRegex)}),
    regions: ${JSON.stringify(Object.keys(p.regions).sort())},
    outputs: ${JSON.stringify(p.outputs)},
  },`,
  );
  return {
    path,
    content: `${importRuntime(path, ["findPartition", "Partition", "PartitionOutputs"])}
/** AWS partitions: their regions, region pattern and DNS suffixes. */
const partitions: readonly Partition[] = [
${entries.join("\n")}
];

/** The endpoint rules' \`aws.partition\`: the partition a region belongs to. */
function awsPartition(region: string): PartitionOutputs {
  return findPartition(partitions, region);
}

export { awsPartition, partitions };
`,
  };
}

/** The resolver: the compiled rule set, behind the runtime's region check. */
function emitResolver(ruleSet: RuleSet, serviceName: string): GeneratedFile {
  const compiled = compileRuleSet(
    ruleSet,
    "resolveRuleSetEndpoint",
    `/**
 * The endpoint of ${serviceName} for \`params\`: the model's endpoint rule set
 * (\`smithy.rules#endpointRuleSet\`) compiled to code, one \`if\` per rule, in the
 * rules' order. It resolves as \`@smithy/core/endpoints\`' rules engine does,
 * throwing the engine's \`EndpointError\` with the rule set's messages.
 */`,
  );
  const smithyImports = [
    ...(compiled.source.includes("new EndpointError(") ? ["EndpointError"] : []),
    ...(compiled.usesIsValidHostLabel ? ["isValidHostLabel"] : []),
  ];
  return {
    path: RESOLVER,
    content: `${smithyImports.length === 0 ? "" : `import { ${smithyImports.join(", ")} } from "@smithy/core/endpoints";\n`}import type { EndpointV2 } from "@smithy/types";
${importRuntime(RESOLVER, ["createEndpointResolver", "EndpointParameters"])}${compiled.usesPartition ? `import { awsPartition } from "./partitions";\n` : ""}
${compiled.source}
/**
 * Resolves the endpoint for a region, FIPS and dual-stack settings, or a custom endpoint;
 * an endpoint once resolved is kept for the same parameters.
 */
const defaultEndpointResolver = createEndpointResolver(resolveRuleSetEndpoint, ${JSON.stringify(Object.keys(ruleSet.parameters).sort())});

export { defaultEndpointResolver, resolveRuleSetEndpoint };
`,
  };
}

/** `endpoint/*.ts`: the rule set's parameters, the partitions and the compiled resolver. */
function emitEndpoint(model: Model): GeneratedFile[] {
  const { shape } = model.service();
  const ruleSet = model.trait<RuleSet>(shape, "smithy.rules#endpointRuleSet");
  if (ruleSet === undefined) throw new Error("The service has no endpoint rule set.");
  const params = Object.entries(ruleSet.parameters).sort(([a], [b]) => a.localeCompare(b));
  const instructions = params.map(([name, p]) => {
    const key = p.builtIn === undefined ? undefined : BUILT_INS[p.builtIn];
    if (key === undefined) throw new Error(`Endpoint parameter ${name} has no known built-in.`);
    return `  ${name}: { type: "builtInParams", name: ${JSON.stringify(key)} },`;
  });
  const clientInputs = params.map(([, p]) => {
    const key = BUILT_INS[p.builtIn!]!;
    const type =
      key === "endpoint"
        ? "string | Provider<string> | Endpoint | Provider<Endpoint> | EndpointV2 | Provider<EndpointV2>"
        : p.type === "boolean"
          ? "boolean | Provider<boolean>"
          : "string | Provider<string>";
    return `  ${key}?: ${type};`;
  });
  const serviceName = Model.local(model.service().id);
  return [
    {
      path: "endpoint/EndpointParameters.ts",
      content: `import type { Endpoint, EndpointV2, Provider } from "@smithy/types";

/** Where each rule-set parameter comes from in the client config. */
const commonParams = {
${instructions.join("\n")}
} as const;

/** The client config members that feed the endpoint rules. */
interface ClientInputEndpointParameters {
${clientInputs.join("\n")}
}

export { commonParams };
export type { ClientInputEndpointParameters };
`,
    },
    emitPartitions(),
    emitResolver(ruleSet, serviceName),
  ];
}

export { emitEndpoint };
