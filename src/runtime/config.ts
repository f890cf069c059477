import type { EndpointV2, Logger } from "@smithy/types";
import { NoOpLogger, normalizeProvider } from "@smithy/core/client";
import { resolveRegionConfig } from "@smithy/core/config";
import { resolveEndpointConfig } from "@smithy/core/endpoints";
import { parseUrl } from "@smithy/core/protocols";
import { resolveRetryConfig } from "@smithy/core/retry";
import { fromBase64, fromUtf8, toBase64, toUtf8 } from "@smithy/core/serde";

import type {
  EndpointParameters,
  SSOOIDCClientConfig,
  SSOOIDCClientResolvedConfig,
} from "./config-types";
import { defineCredentials } from "./credentials";
import { withRegionCheck } from "./endpoint";
import { getRuntimeConfig } from "./runtime-config";
import { createSigner, Sha256 } from "./sigv4-config";
import { resolveUserAgentConfig } from "./user-agent";

type EndpointProvider = (params: EndpointParameters, context?: { logger?: Logger }) => EndpointV2;

/** Facts about the service that the generated client hands to the runtime. */
interface ServiceDefaults {
  readonly serviceId: string;
  readonly apiVersion: string;
  readonly signingName: string;
  readonly packageVersion: string;
  readonly endpointProvider: EndpointProvider;
}

/**
 * A WHATWG `URL` is taken as its text: the endpoint resolver reads `path`,
 * which a `URL` does not have, and would build an invalid address from it.
 */
function endpointInput(endpoint: unknown): SSOOIDCClientConfig["endpoint"] {
  return typeof URL === "function" && endpoint instanceof URL
    ? endpoint.href
    : (endpoint as SSOOIDCClientConfig["endpoint"]);
}

/** The members the resolvers add to the config after its first literal. */
const MEMBERS_RESOLVED_LATER = [
  "authSchemePreference",
  "customUserAgent",
  "defaultSigningName",
  "disableClockSkewCorrection",
  "endpoint",
  "httpAuthSchemeProvider",
  "httpAuthSchemes",
  "ignoreConfiguredEndpointUrls",
  "isCustomEndpoint",
  "retryStrategy",
  "serviceConfiguredEndpoint",
  "signer",
  "signingEscapePath",
  "systemClockOffset",
  "tls",
  "userAgentAppId",
];

/**
 * Those members, unset, to open the config's literal with: in V8 an object
 * that gains a dozen members through `Object.assign` (as the resolvers add
 * them) turns into a dictionary, and every middleware reads the config on
 * every request. Measured with a loopback server, the dictionary config
 * costs a send far more CPU than the resolvers' work.
 */
function membersResolvedLater(): object {
  return Object.fromEntries(MEMBERS_RESOLVED_LATER.map((name) => [name, undefined]));
}

/**
 * Resolves a client's configuration at construction, into one object, as
 * the official client does and in its order: the service's and the
 * platform's defaults under what the caller gave, then the endpoint
 * parameters, user agent, retry, region, endpoint and SigV4 settings (the
 * client then adds the auth schemes and applies the runtime extensions). The
 * same resolvers (those of `@smithy/core`, and the `@aws-sdk/core` ones
 * written out beside this file) give the same precedence and defaults:
 * `client.config` has every member the official's has, of the same kind and
 * value, but `protocol` and `protocolSettings`, which hold the official's
 * schema-driven serde (this client's serializers are generated code).
 */
function resolveClientConfig(
  input: SSOOIDCClientConfig,
  service: ServiceDefaults,
): SSOOIDCClientResolvedConfig {
  const { loadSignatureV4, ...runtimeConfig } = getRuntimeConfig(input, service);
  // `credentials` becomes an accessor below: given as a plain member first, it would turn
  // the object into a dictionary too.
  const { credentials, ...given } = input;
  const config = {
    ...membersResolvedLater(),
    apiVersion: service.apiVersion,
    base64Decoder: input.base64Decoder ?? fromBase64,
    base64Encoder: input.base64Encoder ?? toBase64,
    disableHostPrefix: input.disableHostPrefix ?? false,
    endpointProvider: input.endpointProvider ?? service.endpointProvider,
    extensions: input.extensions ?? [],
    logger: input.logger ?? new NoOpLogger(),
    serviceId: input.serviceId ?? service.serviceId,
    sha256: input.sha256 ?? Sha256,
    urlParser: input.urlParser ?? parseUrl,
    utf8Decoder: input.utf8Decoder ?? fromUtf8,
    utf8Encoder: input.utf8Encoder ?? toUtf8,
    ...given,
    ...runtimeConfig,
  };

  // The endpoint rule set's built-in parameters, and the signing name.
  const withParameters = Object.assign(config, {
    useDualstackEndpoint: config.useDualstackEndpoint ?? false,
    useFipsEndpoint: config.useFipsEndpoint ?? false,
    defaultSigningName: service.signingName,
  });
  const withUserAgent = resolveUserAgentConfig(withParameters);
  const withRetry = resolveRetryConfig(withUserAgent);
  const configuredRegion = withRetry.region;
  const withRegion = resolveRegionConfig(withRetry);
  withRegion.region = withRegionCheck(configuredRegion, withRegion.region);
  const withEndpoint = resolveEndpointConfig(
    Object.assign(withRegion, { endpoint: endpointInput(withRegion.endpoint) }),
  );

  // SigV4 (`@aws-sdk/core`'s resolveAwsSdkSigV4Config) and the auth scheme preference.
  defineCredentials(withEndpoint, credentials);
  const withAuth = Object.assign(withEndpoint, {
    systemClockOffset: withEndpoint.systemClockOffset || 0,
    signingEscapePath: withEndpoint.signingEscapePath ?? true,
    disableClockSkewCorrection: normalizeProvider(withEndpoint.disableClockSkewCorrection),
    authSchemePreference: normalizeProvider(withEndpoint.authSchemePreference ?? []),
  });
  const withSigner = Object.assign(withAuth, { signer: createSigner(withAuth, loadSignatureV4) });

  // The official type declares `protocol`, `protocolSettings`, `profile` and
  // `cacheMiddleware` required (through `Required<ClientDefaults>`); neither
  // client sets them unless given, and this one has no protocol object at all.
  return withSigner as SSOOIDCClientResolvedConfig;
}

export { resolveClientConfig };
export type { EndpointParameters, EndpointProvider, ServiceDefaults };
export type { SSOOIDCClientConfig, SSOOIDCClientResolvedConfig } from "./config-types";
