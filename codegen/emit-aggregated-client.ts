import type { GeneratedFile } from "./generated-file";
import { Model } from "./model";

function methodName(operation: string): string {
  return operation.charAt(0).toLowerCase() + operation.slice(1);
}

/**
 * `SSOOIDC.ts`: the client with one method per operation (the v2 style), each
 * taking a promise or a callback, built by `createAggregatedClient`.
 */
function emitAggregatedClient(model: Model): GeneratedFile[] {
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
import type { CheckOptionalClientConfig, HttpHandlerOptions } from "@smithy/types";
${imports.join("\n")}
import { SSOOIDCClient, type SSOOIDCClientConfig } from "./SSOOIDCClient";

/** Options for one call: an \`abortSignal\` and the request handler's options. */
interface SSOOIDCRequestOptions extends HttpHandlerOptions {}

const commands = {
${commands.map(({ command }) => `  ${command},`).join("\n")}
};

interface SSOOIDC extends SSOOIDCClient {
${overloads.join("\n\n")}
}

/** The methods, under a second name for the class below, which shadows the first. */
type SSOOIDCMethods = SSOOIDC;

/**
 * The client with a method per operation: \`await new SSOOIDC(config).createToken(input)\`.
 * Built inside a pure function so that bundles which do not use it drop it, and
 * with it every command it refers to. The class declared there takes the
 * methods' types from the interface of the same name, and is named \`SSOOIDC\`
 * (its \`name\`, as the official one's); the module's own binding has another
 * name, since a bundler renames an inner class that shadows an outer binding.
 */
const AggregatedClient: new (
  ...[configuration]: CheckOptionalClientConfig<SSOOIDCClientConfig>
) => SSOOIDC = /* @__PURE__ */ (() => {
  interface SSOOIDC extends SSOOIDCMethods {}
  class SSOOIDC extends SSOOIDCClient {}
  createAggregatedClient(commands, SSOOIDC);
  return SSOOIDC;
})();
type AggregatedClient = SSOOIDC;

export { AggregatedClient as SSOOIDC };
export type { SSOOIDCRequestOptions };
`;
  return [{ path: "SSOOIDC.ts", content }];
}

export { emitAggregatedClient };
