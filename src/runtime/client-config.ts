import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  BodyLengthCalculator,
  Decoder,
  Encoder,
  StreamCollector,
  Endpoint,
  EndpointV2,
  HttpHandlerOptions,
  Logger,
  Provider,
  RequestHandler,
  RetryStrategy,
  RetryStrategyV2,
  UrlParser,
  UserAgent,
  EndpointParameters as SmithyEndpointParameters,
} from "@smithy/types";
import type { NodeHttpHandlerOptions } from "@smithy/node-http-handler";
import type { FetchHttpHandlerOptions } from "@smithy/fetch-http-handler";
import type { SmithyResolvedConfiguration } from "@smithy/core/client";
import type { RegionResolvedConfig } from "@smithy/core/config";
import type { EndpointResolvedConfig } from "@smithy/core/endpoints";
import type { RetryResolvedConfig } from "@smithy/core/retry";
import type { UserAgentHeaders } from "./user-agent";

/** The rule set's parameters, as the endpoint provider receives them. */
interface EndpointParameters extends SmithyEndpointParameters {
  Region?: string | undefined;
  UseDualStack?: boolean | undefined;
  UseFIPS?: boolean | undefined;
  Endpoint?: string | undefined;
}

type EndpointProvider = (params: EndpointParameters, context?: { logger?: Logger }) => EndpointV2;

/** What a caller may pass to `new SSOOIDCClient(config)`. */
interface SSOOIDCClientConfig {
  /** The service endpoint: a URL string, a `URL`, an endpoint object or a provider of one. */
  endpoint?: string | URL | Endpoint | Provider<Endpoint> | EndpointV2 | Provider<EndpointV2>;
  endpointProvider?: EndpointProvider;
  region?: string | Provider<string>;
  useFipsEndpoint?: boolean | Provider<boolean>;
  useDualstackEndpoint?: boolean | Provider<boolean>;
  tls?: boolean;
  /** A handler instance, or options for the default one (node or fetch). */
  requestHandler?:
    | RequestHandler<any, any, HttpHandlerOptions>
    | NodeHttpHandlerOptions
    | FetchHttpHandlerOptions
    | Record<string, unknown>;
  logger?: Logger;
  customUserAgent?: string | UserAgent;
  userAgentAppId?: string;
  maxAttempts?: number | Provider<number>;
  retryMode?: string | Provider<string>;
  retryStrategy?: RetryStrategy | RetryStrategyV2;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Milliseconds to add to the local clock when signing; corrected from server responses. */
  systemClockOffset?: number;
  /** The shared-config profile to read settings from (Node only). */
  profile?: string;
  urlParser?: UrlParser;
  cacheMiddleware?: boolean;
  apiVersion?: string;
}

interface SSOOIDCClientResolvedConfig
  extends
    SmithyResolvedConfiguration<HttpHandlerOptions>,
    RegionResolvedConfig,
    EndpointResolvedConfig<EndpointParameters>,
    RetryResolvedConfig {
  readonly runtime: string;
  readonly serviceId: string;
  readonly userAgent: UserAgentHeaders;
  logger: Logger;
  base64Decoder: Decoder;
  base64Encoder: Encoder;
  utf8Decoder: Decoder;
  utf8Encoder: Encoder;
  streamCollector: StreamCollector;
  bodyLengthChecker: BodyLengthCalculator;
  urlParser: UrlParser;
  customUserAgent?: string | UserAgent;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Resolves credentials for signed operations only, loading the default chain on first use. */
  signingCredentials: AwsCredentialIdentityProvider;
  systemClockOffset: number;
  profile?: string;
  defaultSigningName: string;
}

export type {
  EndpointParameters,
  EndpointProvider,
  SSOOIDCClientConfig,
  SSOOIDCClientResolvedConfig,
};
