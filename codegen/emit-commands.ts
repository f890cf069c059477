import { docComment } from "./doc-comment";
import { Model, type Operation } from "./model";
import type { GeneratedFile } from "./generated-file";

const emitCommand = (model: Model, serviceName: string, op: Operation): GeneratedFile => {
  const command = `${op.name}Command`;
  const input = Model.local(op.input);
  const output = Model.local(op.output);
  const filters = [input, output].map((name) =>
    model.hasSensitive(`${op.input.split("#")[0]}#${name}`)
      ? `${name}FilterSensitiveLog`
      : undefined,
  );
  const filterImports = filters.filter((f): f is string => f !== undefined);
  const signing = op.signed ? `      getSigV4Plugin(config),\n` : "";
  const signingImport = op.signed
    ? `import { getSigV4Plugin, sigv4Middleware } from "../../runtime/sigv4-plugin";\n`
    : "";
  const content = `import { getEndpointPlugin } from "@smithy/core/endpoints";
import { getSerdePlugin } from "@smithy/core/serde";
import { Command as $Command } from "@smithy/core/client";
import type { MetadataBearer as __MetadataBearer } from "@smithy/types";
${signingImport}import { commonParams } from "../endpoint/EndpointParameters";
${filterImports.length > 0 ? `import { ${filterImports.join(", ")} } from "../models/log-filters";\n` : ""}import type { ${input}, ${output} } from "../models/models_0";
import { de_${command}, se_${command} } from "../protocol/${op.name}";
import type {
  ServiceInputTypes,
  ServiceOutputTypes,
  SSOOIDCClientResolvedConfig,
} from "../SSOOIDCClient";

export type { __MetadataBearer };

/** The input of {@link ${command}}. */
export interface ${command}Input extends ${input} {}

/** The output of {@link ${command}}, with the response \`$metadata\`. */
export interface ${command}Output extends ${output}, __MetadataBearer {}

${docComment(op.documentation)}export class ${command} extends /* @__PURE__ */ $Command
  .classBuilder<
    ${command}Input,
    ${command}Output,
    SSOOIDCClientResolvedConfig,
    ServiceInputTypes,
    ServiceOutputTypes
  >()
  .ep(commonParams)
  .m(function (this: any, Command: any, _stack: any, config: SSOOIDCClientResolvedConfig, _options: any) {
    return [
      getSerdePlugin(config, this.serialize, this.deserialize),
      getEndpointPlugin(config, Command.getEndpointParameterInstructions()),
${signing}    ];
  })
  .s(${JSON.stringify(serviceName)}, ${JSON.stringify(op.name)}, {})
  .n("SSOOIDCClient", ${JSON.stringify(command)})
  .f(${filters.map((f) => f ?? "undefined").join(", ")})
  .ser(se_${command})
  .de(de_${command})
  .build() {
  /** The signing step the client's direct pipeline applies${op.signed ? "" : ": none, the operation is unsigned"}. */
  static readonly signing = ${op.signed ? "sigv4Middleware" : "null"};

  protected declare static __types: {
    api: { input: ${input}; output: ${output} };
    sdk: { input: ${command}Input; output: ${command}Output };
  };
}
`;
  return { path: `commands/${command}.ts`, content };
};

/** `commands/<Op>Command.ts`: one command class per operation. */
const emitCommands = (model: Model): GeneratedFile[] => {
  const serviceName = Model.local(model.service().id);
  return model.operations().map((op) => emitCommand(model, serviceName, op));
};

export { emitCommands };
