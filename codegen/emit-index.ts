import type { GeneratedFile } from "./generated-file";
import { Model } from "./model";

/** `index.ts`: the generated client's public surface, every name listed. */
function emitIndex(model: Model): GeneratedFile[] {
  const ops = model.operations();
  const commandLines = ops.map(
    (op) =>
      `export { ${op.name}Command } from "./commands/${op.name}Command";\n` +
      `export type { ${op.name}CommandInput, ${op.name}CommandOutput } from "./commands/${op.name}Command";`,
  );
  const errors = model.errorShapes().map((id) => Model.local(id));
  const enums = model.enumShapes().map((id) => Model.local(id));
  const structures = model.structureShapes().map((id) => Model.local(id));
  const filters = model
    .structureShapes()
    .filter((id) => model.hasSensitive(id))
    .map((id) => `${Model.local(id)}FilterSensitiveLog`);
  const content = `export { Client as __Client, Command as $Command } from "@smithy/core/client";
export { SSOOIDCClient } from "./SSOOIDCClient";
export type {
  ServiceInputTypes,
  ServiceOutputTypes,
  SSOOIDCClientConfig,
  SSOOIDCClientResolvedConfig,
} from "./SSOOIDCClient";
export { SSOOIDC } from "./SSOOIDC";
export type { SSOOIDCRequestOptions } from "./SSOOIDC";
${commandLines.join("\n")}
export type { ClientInputEndpointParameters } from "./endpoint/EndpointParameters";
export { ${enums.join(", ")} } from "./models/enums";
export { SSOOIDCServiceException } from "./models/SSOOIDCServiceException";
export { ${errors.join(", ")} } from "./models/errors";
export type { ${structures.join(", ")} } from "./models/models_0";
export { ${filters.join(", ")} } from "./models/log-filters";
`;
  return [{ path: "index.ts", content }];
}

export { emitIndex };
