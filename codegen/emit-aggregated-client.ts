import { Model } from "./model";
import type { GeneratedFile } from "./generated-file";

const methodName = (operation: string): string =>
  operation.charAt(0).toLowerCase() + operation.slice(1);

/**
 * `SSOOIDC.ts`: the client with one method per operation (the v2 style), each
 * taking a promise or a callback, built by `createAggregatedClient`.
 */
const emitAggregatedClient = (model: Model): GeneratedFile[] => {
  const commands = model.operations().map((op) => ({
    command: `${op.name}Command`,
    method: methodName(op.name),
  }));
  const imports = commands.map(
    ({ command }) =>
      `import { ${command}, type ${command}Input, type ${command}Output } from "./commands/${command}";`,
  );
  const overloads = commands.map(
    ({
      command,
      method,
    }) => `  ${method}(args: ${command}Input, options?: SSOOIDCRequestOptions): Promise<${command}Output>;
  ${method}(args: ${command}Input, cb: (err: any, data?: ${command}Output) => void): void;
  ${method}(
    args: ${command}Input,
    options: SSOOIDCRequestOptions,
    cb: (err: any, data?: ${command}Output) => void,
  ): void;`,
  );
  const content = `import { createAggregatedClient } from "@smithy/core/client";
import type {
  CheckOptionalClientConfig as __CheckOptionalClientConfig,
  HttpHandlerOptions as __HttpHandlerOptions,
} from "@smithy/types";
${imports.join("\n")}
import { SSOOIDCClient, type SSOOIDCClientConfig } from "./SSOOIDCClient";

/** Options for one call: an \`abortSignal\` and the request handler's options. */
export interface SSOOIDCRequestOptions extends __HttpHandlerOptions {}

const commands = {
${commands.map(({ command }) => `  ${command},`).join("\n")}
};

export interface SSOOIDC extends SSOOIDCClient {
${overloads.join("\n\n")}
}

/**
 * The client with a method per operation: \`await new SSOOIDC(config).createToken(input)\`.
 * Built inside a pure function so that bundles which do not use it drop it, and
 * with it every command it refers to.
 */
export const SSOOIDC: new (
  ...[configuration]: __CheckOptionalClientConfig<SSOOIDCClientConfig>
) => SSOOIDC = /* @__PURE__ */ (() => {
  const aggregated = class SSOOIDC extends SSOOIDCClient {};
  createAggregatedClient(commands, aggregated);
  return aggregated as unknown as new (
    ...[configuration]: __CheckOptionalClientConfig<SSOOIDCClientConfig>
  ) => SSOOIDC;
})();
`;
  return [{ path: "SSOOIDC.ts", content }];
};

export { emitAggregatedClient };
