import { docComment } from "./doc-comment";
import type { GeneratedFile } from "./generated-file";
import { Model } from "./model";
import { importRuntime } from "./runtime";

const FILE = "SSOOIDCClient.ts";

/** `SSOOIDCClient.ts`: the bare client, its config types and its middleware. */
function emitClient(model: Model): GeneratedFile[] {
  const { shape } = model.service();
  const aws = model.trait<{ sdkId: string }>(shape, "aws.api#service");
  const sigv4 = model.trait<{ name: string }>(shape, "aws.auth#sigv4");
  if (aws === undefined || sigv4 === undefined || shape.version === undefined) {
    throw new Error("The service needs aws.api#service, aws.auth#sigv4 and a version.");
  }
  const commands = model.operations().map((op) => `${op.name}Command`);
  const imports = commands.map(
    (c) => `import type { ${c}Input, ${c}Output } from "./commands/${c}";`,
  );
  const content = `import { getHttpAuthSchemeEndpointRuleSetPlugin, getHttpSigningPlugin } from "@smithy/core";
import { Client } from "@smithy/core/client";
import { getContentLengthPlugin } from "@smithy/core/protocols";
import { getRetryPlugin } from "@smithy/core/retry";
import type {
  CheckOptionalClientConfig,
  Command,
  HttpHandlerOptions,
} from "@smithy/types";
${importRuntime(FILE, [
  // The generated interfaces below take these names.
  { name: "SSOOIDCClientConfig", as: "__SSOOIDCClientConfig" },
  { name: "SSOOIDCClientResolvedConfig", as: "__SSOOIDCClientResolvedConfig" },
  "resolveClientConfig",
  "getCommandSerdePlugin",
  "getHostHeaderPlugin",
  "getLoggerPlugin",
  "getRecursionDetectionPlugin",
  "sendCommand",
  "httpAuthSchemeParametersProvider",
  "identityProviderConfigProvider",
  "getUserAgentPlugin",
  "applyRuntimeExtensions",
])}import { resolveHttpAuthSchemeConfig } from "./auth/httpAuthSchemeProvider";
${imports.join("\n")}
import { defaultEndpointResolver } from "./endpoint/endpointResolver";
import { PACKAGE_VERSION } from "./version";

/** Every command input this client accepts. */
type ServiceInputTypes = ${commands.map((c) => `${c}Input`).join(" | ")};

/** Every command output this client returns. */
type ServiceOutputTypes = ${commands.map((c) => `${c}Output`).join(" | ")};

/** What \`new SSOOIDCClient(config)\` accepts. */
interface SSOOIDCClientConfig extends __SSOOIDCClientConfig {}

/** The client's configuration once resolved. */
interface SSOOIDCClientResolvedConfig extends __SSOOIDCClientResolvedConfig {}

const SERVICE = {
  serviceId: ${JSON.stringify(aws.sdkId)},
  apiVersion: ${JSON.stringify(shape.version)},
  signingName: ${JSON.stringify(sigv4.name)},
  packageVersion: PACKAGE_VERSION,
  endpointProvider: defaultEndpointResolver,
};

${docComment(model.documentation(shape))}class SSOOIDCClient extends Client<
  HttpHandlerOptions,
  ServiceInputTypes,
  ServiceOutputTypes,
  SSOOIDCClientResolvedConfig
> {
  constructor(...[configuration]: CheckOptionalClientConfig<SSOOIDCClientConfig>) {
    // Resolved as the official client resolves it, in its order: the defaults and the
    // settings, then the auth schemes, then the runtime extensions, all in one object.
    const config = applyRuntimeExtensions(
      resolveHttpAuthSchemeConfig(resolveClientConfig(configuration ?? {}, SERVICE)),
      configuration?.extensions ?? [],
    );
    super(config);
    this.initConfig = config;
    // The official client's middleware, in its order, under its names.
    this.middlewareStack.use(getCommandSerdePlugin(config));
    this.middlewareStack.use(getUserAgentPlugin(config));
    this.middlewareStack.use(getRetryPlugin(config));
    this.middlewareStack.use(getContentLengthPlugin(config));
    this.middlewareStack.use(getHostHeaderPlugin(config));
    this.middlewareStack.use(getLoggerPlugin());
    this.middlewareStack.use(getRecursionDetectionPlugin());
    this.middlewareStack.use(
      getHttpAuthSchemeEndpointRuleSetPlugin(config, {
        httpAuthSchemeParametersProvider,
        identityProviderConfigProvider,
      }),
    );
    this.middlewareStack.use(getHttpSigningPlugin(config));
  }

  /**
   * Sends a command through the middleware stack: \`await send(command)\`,
   * \`send(command, cb)\` or \`send(command, options, cb)\`. The stack's resolved
   * handler is reused per command class while the stack is unchanged.
   */
  override send<InputType extends ServiceInputTypes, OutputType extends ServiceOutputTypes>(
    command: Command<ServiceInputTypes, InputType, ServiceOutputTypes, OutputType, SSOOIDCClientResolvedConfig>,
    options?: HttpHandlerOptions,
  ): Promise<OutputType>;
  override send<InputType extends ServiceInputTypes, OutputType extends ServiceOutputTypes>(
    command: Command<ServiceInputTypes, InputType, ServiceOutputTypes, OutputType, SSOOIDCClientResolvedConfig>,
    cb: (err: any, data?: OutputType) => void,
  ): void;
  override send<InputType extends ServiceInputTypes, OutputType extends ServiceOutputTypes>(
    command: Command<ServiceInputTypes, InputType, ServiceOutputTypes, OutputType, SSOOIDCClientResolvedConfig>,
    options: HttpHandlerOptions,
    cb: (err: any, data?: OutputType) => void,
  ): void;
  override send(command: any, optionsOrCb?: any, cb?: any): Promise<any> | void {
    return sendCommand(this, command, optionsOrCb, cb);
  }
}

export { SSOOIDCClient };
export type {
  ServiceInputTypes,
  ServiceOutputTypes,
  SSOOIDCClientConfig,
  SSOOIDCClientResolvedConfig,
};
`;
  return [{ path: FILE, content }];
}

export { emitClient };
