import { docComment } from "./doc-comment";
import type { GeneratedFile } from "./generated-file";
import { Model, type Operation } from "./model";
import { importRuntime } from "./runtime";

function emitCommand(model: Model, serviceName: string, op: Operation): GeneratedFile {
  const command = `${op.name}Command`;
  const path = `commands/${command}.ts`;
  const input = Model.local(op.input);
  const output = Model.local(op.output);
  const filters = [input, output].map((name) =>
    model.hasSensitive(`${op.input.split("#")[0]}#${name}`)
      ? `${name}FilterSensitiveLog`
      : undefined,
  );
  const filterImports = filters.filter((f): f is string => f !== undefined);
  // `$Command`: the middleware supplier's first parameter is named `Command`, as in smithy's own clients.
  // A command adds only the endpoint middleware, as the official client's do: serde,
  // authentication and signing are the client's middleware, the same for every operation.
  // A signed operation's command also provides the SigV4 code, which adds no middleware.
  const plugins = [
    "getEndpointPlugin(config, Command.getEndpointParameterInstructions())",
    ...(op.signed ? ["getSigV4Plugin()"] : []),
  ];
  const content = `import { Command as $Command } from "@smithy/core/client";
import { getEndpointPlugin } from "@smithy/core/endpoints";
import type { MetadataBearer } from "@smithy/types";
${op.signed ? importRuntime(path, ["getSigV4Plugin"]) : ""}import { commonParams } from "../endpoint/EndpointParameters";
${filterImports.length > 0 ? `import { ${filterImports.join(", ")} } from "../models/log-filters";\n` : ""}import type { ${input}, ${output} } from "../models/models_0";
import { de_${command}, se_${command} } from "../protocol/${op.name}";
import type {
  ServiceInputTypes,
  ServiceOutputTypes,
  SSOOIDCClientResolvedConfig,
} from "../SSOOIDCClient";

/** The input of {@link ${command}}. */
interface ${command}Input extends ${input} {}

/** The output of {@link ${command}}, with the response \`$metadata\`. */
interface ${command}Output extends ${output}, MetadataBearer {}

${docComment(op.documentation)}class ${command} extends /* @__PURE__ */ $Command
  .classBuilder<
    ${command}Input,
    ${command}Output,
    SSOOIDCClientResolvedConfig,
    ServiceInputTypes,
    ServiceOutputTypes
  >()
  .ep(commonParams)
  .m(function (Command: any, _stack: any, config: SSOOIDCClientResolvedConfig, _options: any) {
    return [${plugins.join(", ")}];
  })
  .s(${JSON.stringify(serviceName)}, ${JSON.stringify(op.name)}, {})
  .n("SSOOIDCClient", ${JSON.stringify(command)})
  .f(${filters.map((f) => f ?? "undefined").join(", ")})
  .ser(se_${command})
  .de(de_${command})
  .build() {
  protected declare static __types: {
    api: { input: ${input}; output: ${output} };
    sdk: { input: ${command}Input; output: ${command}Output };
  };
}

export { ${command} };
export type { ${command}Input, ${command}Output };
`;
  return { path, content };
}

/** `commands/<Op>Command.ts`: one command class per operation. */
function emitCommands(model: Model): GeneratedFile[] {
  const serviceName = Model.local(model.service().id);
  return model.operations().map((op) => emitCommand(model, serviceName, op));
}

export { emitCommands };
