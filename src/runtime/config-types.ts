import type {
  DefaultsMode,
  SmithyConfiguration,
  SmithyResolvedConfiguration,
} from "@smithy/core/client";
import type { RegionInputConfig, RegionResolvedConfig } from "@smithy/core/config";
import type { EndpointInputConfig, EndpointResolvedConfig } from "@smithy/core/endpoints";
import type {
  HttpHandlerExtensionConfiguration,
  HttpHandlerUserInput,
} from "@smithy/core/protocols";
import type { RetryInputConfig, RetryResolvedConfig } from "@smithy/core/retry";
import type { SignatureV4CryptoInit, SignatureV4Init } from "@smithy/signature-v4";
import type {
  AuthScheme,
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  BodyLengthCalculator,
  ChecksumConstructor,
  Decoder,
  DefaultExtensionConfiguration,
  Encoder,
  Endpoint,
  EndpointParameters as SmithyEndpointParameters,
  EndpointV2,
  HashConstructor,
  HttpAuthScheme,
  HttpAuthSchemeParameters,
  HttpAuthSchemeProvider,
  HttpHandlerOptions,
  Logger,
  MemoizedProvider,
  Provider,
  RequestHandler,
  RequestSigner,
  StreamCollector,
  UrlParser,
  UserAgent,
} from "@smithy/types";

/*
 * The client's configuration types, member for member the official client's
 * (`SSOOIDCClientConfig`, `SSOOIDCClientResolvedConfig` and the `@aws-sdk/*`
 * interfaces they are made of), written with `@smithy/*` types only: a value
 * typed with either package's types is accepted by the other's, which
 * test/types/official-compat.ts checks both ways.
 */

/** The rule set's parameters, as the endpoint provider receives them. */
interface EndpointParameters extends SmithyEndpointParameters {
  Region?: string | undefined;
  UseDualStack?: boolean | undefined;
  UseFIPS?: boolean | undefined;
  Endpoint?: string | undefined;
}

interface SSOOIDCHttpAuthSchemeParameters extends HttpAuthSchemeParameters {
  region?: string;
}

/** Which auth schemes an operation accepts, in order of preference. */
interface SSOOIDCHttpAuthSchemeProvider extends HttpAuthSchemeProvider<SSOOIDCHttpAuthSchemeParameters> {}

/** `@aws-sdk/types`' region extension. */
interface AwsRegionExtensionConfiguration {
  setRegion(region: Provider<string>): void;
  region(): Provider<string>;
}

interface HttpAuthExtensionConfiguration {
  setHttpAuthScheme(httpAuthScheme: HttpAuthScheme): void;
  httpAuthSchemes(): HttpAuthScheme[];
  setHttpAuthSchemeProvider(httpAuthSchemeProvider: SSOOIDCHttpAuthSchemeProvider): void;
  httpAuthSchemeProvider(): SSOOIDCHttpAuthSchemeProvider;
  setCredentials(credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider): void;
  credentials(): AwsCredentialIdentity | AwsCredentialIdentityProvider | undefined;
}

/** What a runtime extension (`extensions: [{ configure(c) { ... } }]`) may change. */
interface SSOOIDCExtensionConfiguration
  extends
    HttpHandlerExtensionConfiguration,
    DefaultExtensionConfiguration,
    AwsRegionExtensionConfiguration,
    HttpAuthExtensionConfiguration {}

interface RuntimeExtension {
  configure(extensionConfiguration: SSOOIDCExtensionConfiguration): void;
}

interface RuntimeExtensionsConfig {
  extensions: RuntimeExtension[];
}

interface ClientDefaults extends Partial<SmithyConfiguration<HttpHandlerOptions>> {
  /** A handler instance, or options for the default one (node or fetch). */
  requestHandler?: HttpHandlerUserInput;
  sha256?: ChecksumConstructor | HashConstructor;
  urlParser?: UrlParser;
  bodyLengthChecker?: BodyLengthCalculator;
  streamCollector?: StreamCollector;
  base64Decoder?: Decoder;
  base64Encoder?: Encoder;
  utf8Decoder?: Decoder;
  utf8Encoder?: Encoder;
  runtime?: string;
  disableHostPrefix?: boolean;
  serviceId?: string;
  useDualstackEndpoint?: boolean | Provider<boolean>;
  useFipsEndpoint?: boolean | Provider<boolean>;
  region?: string | Provider<string>;
  /** The shared-config profile to read settings from (Node only). */
  profile?: string;
  defaultUserAgentProvider?: Provider<UserAgent>;
  /** Builds the default credential chain; called once, its provider on the first signed request. */
  credentialDefaultProvider?: (input: any) => AwsCredentialIdentityProvider;
  maxAttempts?: number | Provider<number>;
  retryMode?: string | Provider<string>;
  logger?: Logger;
  extensions?: RuntimeExtension[];
  defaultsMode?: DefaultsMode | Provider<DefaultsMode>;
}

interface UserAgentInputConfig {
  customUserAgent?: string | UserAgent;
  userAgentAppId?: string | undefined | Provider<string | undefined>;
}

interface UserAgentResolvedConfig {
  defaultUserAgentProvider: Provider<UserAgent>;
  /** `[[name, version?], ...]`, read on every request: a pair pushed later is sent. */
  customUserAgent?: UserAgent;
  runtime: string;
  userAgentAppId: Provider<string | undefined>;
}

interface HostHeaderInputConfig {}

interface HostHeaderResolvedConfig {
  requestHandler: RequestHandler<any, any>;
}

interface AwsSdkSigV4AuthInputConfig {
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  signer?: RequestSigner | ((authScheme?: AuthScheme) => Promise<RequestSigner>);
  signingEscapePath?: boolean;
  /** Milliseconds to add to the local clock when signing; corrected from server responses. */
  systemClockOffset?: number;
  signingRegion?: string;
  signerConstructor?: new (options: SignatureV4Init & SignatureV4CryptoInit) => RequestSigner;
  disableClockSkewCorrection?: boolean | Provider<boolean>;
}

/** Flags the official client sets on its credentials provider. */
type AwsSdkSigV4Memoized = {
  memoized?: boolean;
  configBound?: boolean;
  attributed?: boolean;
};

/** `@aws-sdk/types`' `MergeFunctions`: one function callable as both. */
type MergeFunctions<F1, F2> = F1 extends (arg: infer A1) => infer R1
  ? F2 extends (arg: infer A2) => infer R2
    ? R1 extends Promise<unknown>
      ? (arg?: A1 & A2) => Promise<Awaited<R1> & Awaited<R2>>
      : (arg?: A1 & A2) => R1 & R2
    : never
  : never;

/** The credentials as the config holds them: always a memoized provider. */
type ResolvedCredentials = MergeFunctions<
  AwsCredentialIdentityProvider,
  MemoizedProvider<AwsCredentialIdentity>
> &
  AwsSdkSigV4Memoized;

interface AwsSdkSigV4AuthResolvedConfig {
  credentials: ResolvedCredentials;
  signer: (authScheme?: AuthScheme) => Promise<RequestSigner>;
  signingEscapePath: boolean;
  systemClockOffset: number;
  disableClockSkewCorrection: Provider<boolean>;
}

interface HttpAuthSchemeInputConfig extends AwsSdkSigV4AuthInputConfig {
  authSchemePreference?: string[] | Provider<string[]>;
  httpAuthSchemes?: HttpAuthScheme[];
  httpAuthSchemeProvider?: SSOOIDCHttpAuthSchemeProvider;
}

interface HttpAuthSchemeResolvedConfig extends AwsSdkSigV4AuthResolvedConfig {
  readonly authSchemePreference: Provider<string[]>;
  readonly httpAuthSchemes: HttpAuthScheme[];
  readonly httpAuthSchemeProvider: SSOOIDCHttpAuthSchemeProvider;
}

interface ClientInputEndpointParameters {
  region?: string | undefined | Provider<string | undefined>;
  useDualstackEndpoint?: boolean | undefined | Provider<boolean | undefined>;
  useFipsEndpoint?: boolean | undefined | Provider<boolean | undefined>;
  /** The service endpoint: a URL string, an endpoint object or a provider of one. */
  endpoint?:
    string | Provider<string> | Endpoint | Provider<Endpoint> | EndpointV2 | Provider<EndpointV2>;
}

type ClientResolvedEndpointParameters = Omit<ClientInputEndpointParameters, "endpoint"> & {
  defaultSigningName: string;
};

type SSOOIDCClientConfigType = Partial<SmithyConfiguration<HttpHandlerOptions>> &
  ClientDefaults &
  UserAgentInputConfig &
  RetryInputConfig &
  RegionInputConfig &
  HostHeaderInputConfig &
  EndpointInputConfig<EndpointParameters> &
  HttpAuthSchemeInputConfig &
  ClientInputEndpointParameters;

/** What a caller may pass to `new SSOOIDCClient(config)`. */
interface SSOOIDCClientConfig extends SSOOIDCClientConfigType {
  /**
   * The largest response body a call reads, in bytes; a larger one ends the call with a
   * ResponseTooLargeError. Default 1 MiB; `Infinity` for no limit. This client's own option.
   */
  maxResponseBytes?: number;
}

type SSOOIDCClientResolvedConfigType = SmithyResolvedConfiguration<HttpHandlerOptions> &
  Required<ClientDefaults> &
  RuntimeExtensionsConfig &
  UserAgentResolvedConfig &
  RetryResolvedConfig &
  RegionResolvedConfig &
  HostHeaderResolvedConfig &
  EndpointResolvedConfig<EndpointParameters> &
  HttpAuthSchemeResolvedConfig &
  ClientResolvedEndpointParameters;

/** The client's configuration once resolved, as `client.config` holds it. */
interface SSOOIDCClientResolvedConfig extends SSOOIDCClientResolvedConfigType {
  /** Always set; optional in the type so that the official's resolved config is assignable. */
  maxResponseBytes?: number;
}

export type {
  AwsRegionExtensionConfiguration,
  EndpointParameters,
  HttpAuthExtensionConfiguration,
  ResolvedCredentials,
  RuntimeExtension,
  SSOOIDCClientConfig,
  SSOOIDCClientResolvedConfig,
  SSOOIDCExtensionConfiguration,
  SSOOIDCHttpAuthSchemeParameters,
  SSOOIDCHttpAuthSchemeProvider,
};
