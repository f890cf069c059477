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
  const content = `import { createAggregatedClient } from "@smithy/smithy-client";
import type { HttpHandlerOptions as __HttpHandlerOptions } from "@smithy/types";
${imports.join("\n")}
import { SSOOIDCClient } from "./SSOOIDCClient";

/** Options for one call: an \`abortSignal\` and the request handler's options. */
export interface SSOOIDCRequestOptions extends __HttpHandlerOptions {}

const commands = {
${commands.map(({ command }) => `  ${command},`).join("\n")}
};

export interface SSOOIDC {
${overloads.join("\n\n")}
}

/** The client with a method per operation: \`await new SSOOIDC(config).createToken(input)\`. */
export class SSOOIDC extends SSOOIDCClient implements SSOOIDC {}

createAggregatedClient(commands, SSOOIDC);
`;
  return [{ path: "SSOOIDC.ts", content }];
};

export { emitAggregatedClient };
