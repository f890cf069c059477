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
import { NoOpLogger, type SmithyResolvedConfiguration } from "@smithy/core/client";
import { resolveRegionConfig, type RegionResolvedConfig } from "@smithy/core/config";
import { resolveEndpointConfig, type EndpointResolvedConfig } from "@smithy/core/endpoints";
import { parseUrl } from "@smithy/core/protocols";
import { resolveRetryConfig, type RetryResolvedConfig } from "@smithy/core/retry";
import { fromBase64, fromUtf8, toBase64, toUtf8 } from "@smithy/core/serde";
import { withRegionCheck } from "./endpoint";
import { CredentialsUnavailableError } from "./errors";
import { getRuntimeConfig } from "./runtime-config";
import { buildUserAgent, type UserAgentHeaders } from "./user-agent";

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
  /** Set to false to resolve the middleware stack on every send. */
  cacheMiddleware?: boolean;
  apiVersion?: string;
  /**
   * The largest response body a call reads, in bytes; a larger one ends the call with a
   * ResponseTooLargeError. Default 1 MiB; `Infinity` for no limit.
   */
  maxResponseBytes?: number;
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
  maxResponseBytes: number;
}

/** Facts about the service that the generated client hands to the runtime. */
interface ServiceDefaults {
  readonly serviceId: string;
  readonly apiVersion: string;
  readonly signingName: string;
  readonly packageVersion: string;
  readonly endpointProvider: EndpointProvider;
}

/** Refresh credentials this long before they expire, as the AWS SDKs do. */
const EXPIRY_WINDOW_MS = 5 * 60 * 1000;

/** Loads the default credential chain; node and browser supply their own. */
type DefaultCredentialLoader = (options: {
  profile?: string;
}) => Promise<AwsCredentialIdentityProvider>;

function isIdentity(value: unknown): value is AwsCredentialIdentity {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as AwsCredentialIdentity).accessKeyId === "string" &&
    typeof (value as AwsCredentialIdentity).secretAccessKey === "string"
  );
}

function needsRefresh(identity: AwsCredentialIdentity, nowMs: number): boolean {
  return (
    identity.expiration !== undefined && identity.expiration.getTime() - nowMs <= EXPIRY_WINDOW_MS
  );
}

/**
 * The credentials provider for signed operations: static credentials as given,
 * a provider memoized until its credentials come within five minutes of
 * expiry, or, when the config has none, the default chain loaded on first use.
 * Nothing here runs for the unsigned operations.
 */
function createCredentialResolver(
  configured: AwsCredentialIdentity | AwsCredentialIdentityProvider | undefined,
  loadDefault: DefaultCredentialLoader,
  profile: string | undefined,
  nowMs: () => number = Date.now,
): AwsCredentialIdentityProvider {
  if (isIdentity(configured)) return async () => configured;
  let provider: AwsCredentialIdentityProvider | undefined =
    typeof configured === "function" ? configured : undefined;
  let cached: AwsCredentialIdentity | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;
  const fetchIdentity = async (): Promise<AwsCredentialIdentity> => {
    provider ??= await loadDefault({ profile });
    const identity = await provider();
    if (!isIdentity(identity)) {
      throw new CredentialsUnavailableError(
        "The credentials provider returned no accessKeyId and secretAccessKey.",
      );
    }
    cached = identity;
    return identity;
  };
  return async () => {
    if (cached !== undefined && !needsRefresh(cached, nowMs())) return cached;
    pending ??= fetchIdentity().finally(() => {
      pending = undefined;
    });
    return pending;
  };
}

/**
 * A WHATWG `URL` is taken as its text: the endpoint resolver reads `path`,
 * which a `URL` does not have, and would build an invalid address from it.
 */
function endpointInput(
  endpoint: SSOOIDCClientConfig["endpoint"],
): Exclude<SSOOIDCClientConfig["endpoint"], URL> {
  return typeof URL === "function" && endpoint instanceof URL
    ? endpoint.href
    : (endpoint as Exclude<SSOOIDCClientConfig["endpoint"], URL>);
}

/**
 * Resolves a client's configuration once, at construction, with the same
 * resolvers (and so the same precedence and defaults) as the official client.
 */
function resolveClientConfig(
  input: SSOOIDCClientConfig,
  service: ServiceDefaults,
): SSOOIDCClientResolvedConfig {
  const runtime = getRuntimeConfig(input);
  const logger = input.logger ?? new NoOpLogger();
  const { platformPairs, loadDefaultCredentials, ...runtimeValues } = runtime;
  const config = {
    apiVersion: service.apiVersion,
    serviceId: service.serviceId,
    defaultSigningName: service.signingName,
    endpointProvider: service.endpointProvider,
    urlParser: parseUrl,
    base64Decoder: fromBase64,
    base64Encoder: toBase64,
    utf8Decoder: fromUtf8,
    utf8Encoder: toUtf8,
    ...input,
    endpoint: endpointInput(input.endpoint),
    ...runtimeValues,
    logger,
    systemClockOffset: input.systemClockOffset ?? 0,
    signingCredentials: createCredentialResolver(
      input.credentials,
      loadDefaultCredentials,
      input.profile,
    ),
    userAgent: buildUserAgent({
      platformPairs,
      packageVersion: service.packageVersion,
      customUserAgent: input.customUserAgent,
      userAgentAppId: input.userAgentAppId,
    }),
  };
  const configuredRegion = config.region;
  const withRegion = resolveRegionConfig(config);
  withRegion.region = withRegionCheck(configuredRegion, withRegion.region);
  return resolveRetryConfig(resolveEndpointConfig(withRegion));
}

export { createCredentialResolver, resolveClientConfig };
export type {
  DefaultCredentialLoader,
  EndpointParameters,
  EndpointProvider,
  ServiceDefaults,
  SSOOIDCClientConfig,
  SSOOIDCClientResolvedConfig,
};
