import { NoOpLogger } from "@smithy/core/client";
import { parseUrl } from "@smithy/core/protocols";
import { fromUtf8, toUtf8, fromBase64, toBase64 } from "@smithy/core/serde";
import { resolveRegionConfig } from "@smithy/core/config";
import { resolveEndpointConfig } from "@smithy/core/endpoints";
import { resolveRetryConfig } from "@smithy/core/retry";
import { getRuntimeConfig } from "./runtime-config";
import { createCredentialResolver } from "./credentials";
import { buildUserAgent } from "./user-agent";
import { withRegionCheck } from "./validate-region";
import type {
  EndpointProvider,
  SSOOIDCClientConfig,
  SSOOIDCClientResolvedConfig,
} from "./client-config";

/**
 * A WHATWG `URL` is taken as its text: the endpoint resolver reads `path`,
 * which a `URL` does not have, and would build an invalid address from it.
 */
const endpointInput = (
  endpoint: SSOOIDCClientConfig["endpoint"],
): Exclude<SSOOIDCClientConfig["endpoint"], URL> =>
  typeof URL === "function" && endpoint instanceof URL
    ? endpoint.href
    : (endpoint as Exclude<SSOOIDCClientConfig["endpoint"], URL>);

/** Facts about the service that the generated client hands to the runtime. */
interface ServiceDefaults {
  readonly serviceId: string;
  readonly apiVersion: string;
  readonly signingName: string;
  readonly packageVersion: string;
  readonly endpointProvider: EndpointProvider;
}

/**
 * Resolves a client's configuration once, at construction, with the same
 * resolvers (and so the same precedence and defaults) as the official client.
 */
const resolveClientConfig = (
  input: SSOOIDCClientConfig,
  service: ServiceDefaults,
): SSOOIDCClientResolvedConfig => {
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
  const withEndpoint = resolveEndpointConfig(withRegion);
  return resolveRetryConfig(withEndpoint) as unknown as SSOOIDCClientResolvedConfig;
};

export { resolveClientConfig };
export type { ServiceDefaults };
