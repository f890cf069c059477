import { docComment } from "./doc-comment";
import { Model } from "./model";
import type { GeneratedFile } from "./generated-file";

const RUNTIME = "../runtime";

/** `SSOOIDCClient.ts`: the bare client, its config types and its middleware. */
const emitClient = (model: Model): GeneratedFile[] => {
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
  const content = `import { getContentLengthPlugin } from "@smithy/core/protocols";
import { getRetryPlugin } from "@smithy/core/retry";
import { Client as __Client } from "@smithy/core/client";
import type {
  CheckOptionalClientConfig as __CheckOptionalClientConfig,
  Command as __Command,
  HttpHandlerOptions as __HttpHandlerOptions,
} from "@smithy/types";
import type {
  SSOOIDCClientConfig as __SSOOIDCClientConfig,
  SSOOIDCClientResolvedConfig as __SSOOIDCClientResolvedConfig,
} from "${RUNTIME}/client-config";
import { getHostHeaderPlugin } from "${RUNTIME}/host-header-plugin";
import { getLoggerPlugin } from "${RUNTIME}/logger-plugin";
import { resolveClientConfig } from "${RUNTIME}/resolve-client-config";
import { DirectSender } from "${RUNTIME}/send-direct";
import { HandlerCache, sendWithHandlerCache } from "${RUNTIME}/send-with-handler-cache";
import { getUserAgentPlugin } from "${RUNTIME}/user-agent-plugin";
${imports.join("\n")}
import { defaultEndpointResolver } from "./endpoint/endpointResolver";
import { PACKAGE_VERSION } from "./version";

/** Every command input this client accepts. */
export type ServiceInputTypes = ${commands.map((c) => `${c}Input`).join(" | ")};

/** Every command output this client returns. */
export type ServiceOutputTypes = ${commands.map((c) => `${c}Output`).join(" | ")};

/** What \`new SSOOIDCClient(config)\` accepts. */
export interface SSOOIDCClientConfig extends __SSOOIDCClientConfig {}

/** The client's configuration once resolved. */
export interface SSOOIDCClientResolvedConfig extends __SSOOIDCClientResolvedConfig {}

const SERVICE = {
  serviceId: ${JSON.stringify(aws.sdkId)},
  apiVersion: ${JSON.stringify(shape.version)},
  signingName: ${JSON.stringify(sigv4.name)},
  packageVersion: PACKAGE_VERSION,
  endpointProvider: defaultEndpointResolver,
};

${docComment(model.documentation(shape))}export class SSOOIDCClient extends __Client<
  __HttpHandlerOptions,
  ServiceInputTypes,
  ServiceOutputTypes,
  SSOOIDCClientResolvedConfig
> {
  private readonly handlerCache: HandlerCache;

  constructor(...[configuration]: __CheckOptionalClientConfig<SSOOIDCClientConfig>) {
    const config = resolveClientConfig(configuration ?? {}, SERVICE);
    super(config);
    this.initConfig = configuration ?? {};
    this.middlewareStack.use(getUserAgentPlugin(config));
    this.middlewareStack.use(getRetryPlugin(config));
    this.middlewareStack.use(getContentLengthPlugin(config));
    this.middlewareStack.use(getHostHeaderPlugin(config));
    this.middlewareStack.use(getLoggerPlugin());
    this.handlerCache = new HandlerCache(
      this.middlewareStack,
      new DirectSender(config, configuration ?? {}),
    );
  }

  /**
   * Sends a command: \`await send(command)\`, \`send(command, cb)\` or
   * \`send(command, options, cb)\`. The resolved middleware chain is reused per
   * command class until the client's middleware stack changes.
   */
  override send<InputType extends ServiceInputTypes, OutputType extends ServiceOutputTypes>(
    command: __Command<ServiceInputTypes, InputType, ServiceOutputTypes, OutputType, SSOOIDCClientResolvedConfig>,
    options?: __HttpHandlerOptions,
  ): Promise<OutputType>;
  override send<InputType extends ServiceInputTypes, OutputType extends ServiceOutputTypes>(
    command: __Command<ServiceInputTypes, InputType, ServiceOutputTypes, OutputType, SSOOIDCClientResolvedConfig>,
    cb: (err: any, data?: OutputType) => void,
  ): void;
  override send<InputType extends ServiceInputTypes, OutputType extends ServiceOutputTypes>(
    command: __Command<ServiceInputTypes, InputType, ServiceOutputTypes, OutputType, SSOOIDCClientResolvedConfig>,
    options: __HttpHandlerOptions,
    cb: (err: any, data?: OutputType) => void,
  ): void;
  override send(command: any, optionsOrCb?: any, cb?: any): Promise<any> | void {
    return sendWithHandlerCache(this, this.handlerCache, command, optionsOrCb, cb);
  }

  /** Closes the request handler's sockets. The client can no longer send. */
  override destroy(): void {
    this.handlerCache.clear();
    super.destroy();
  }
}
`;
  return [{ path: "SSOOIDCClient.ts", content }];
};

export { emitClient };
