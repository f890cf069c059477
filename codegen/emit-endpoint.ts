import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { GeneratedFile } from "./generated-file";
import { Model } from "./model";
import { importRuntime } from "./runtime";

/** Rule-set built-ins and the client config key each one reads. */
const BUILT_INS: Record<string, string> = {
  "AWS::Region": "region",
  "AWS::UseFIPS": "useFipsEndpoint",
  "AWS::UseDualStack": "useDualstackEndpoint",
  "SDK::Endpoint": "endpoint",
};

const RESOLVER = "endpoint/endpointResolver.ts";

interface RuleSetParameter {
  builtIn?: string;
  type: string;
}

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
    content: `${importRuntime(path, ["Partition"])}
/** AWS partitions: their regions, region pattern and DNS suffixes. */
const partitions: readonly Partition[] = [
${entries.join("\n")}
];

export { partitions };
`,
  };
}

/** `endpoint/*.ts`: the rule set, its parameters, the partitions and the resolver. */
function emitEndpoint(model: Model): GeneratedFile[] {
  const { shape } = model.service();
  const ruleSet = model.trait<{ parameters: Record<string, RuleSetParameter> }>(
    shape,
    "smithy.rules#endpointRuleSet",
  );
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
      path: "endpoint/ruleset.ts",
      content: `import type { RuleSetObject } from "@smithy/core/endpoints";

/** The endpoint rule set of ${serviceName}. */
const ruleSet: RuleSetObject = ${JSON.stringify(ruleSet, null, 2)};

export { ruleSet };
`,
    },
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
    {
      path: RESOLVER,
      content: `${importRuntime(RESOLVER, ["createAwsEndpointFunctions", "createEndpointResolver"])}import { partitions } from "./partitions";
import { ruleSet } from "./ruleset";

/** Resolves the endpoint for a region, FIPS and dual-stack settings, or a custom endpoint. */
const defaultEndpointResolver = createEndpointResolver(
  ruleSet,
  createAwsEndpointFunctions(partitions),
  ${JSON.stringify(params.map(([n]) => n))},
);

export { defaultEndpointResolver };
`,
    },
  ];
}

export { emitEndpoint };
