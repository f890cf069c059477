import { streamCollector } from "@smithy/fetch-http-handler";
import { loadConfigsForDefaultMode } from "@smithy/core/client";
import { resolveDefaultsModeConfig } from "@smithy/core/config";
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_RETRY_MODE } from "@smithy/core/retry";
import { calculateBodyLength } from "@smithy/core/serde";
import type { AwsCredentialIdentityProvider, Provider, UserAgent } from "@smithy/types";
import type { SSOOIDCClientConfig } from "./config-types";
import { CredentialsUnavailableError, MissingRegionError } from "./errors";
import { createFetchHandler } from "./fetch-handler";
import { resolveMaxResponseBytes } from "./response-body";

/*
 * Browser and React Native defaults, the official client's
 * (`runtimeConfig.browser.ts`): the fetch handler, and only what the
 * constructor gives; a browser has no environment, config file or
 * credential chain.
 */

/** What the defaults need to know of the service. */
interface ServiceFacts {
  readonly serviceId: string;
  readonly packageVersion: string;
}

/** A browser has no credential chain: signed operations need `credentials` in the config. */
function credentialDefaultProvider(): AwsCredentialIdentityProvider {
  return async () => {
    throw new CredentialsUnavailableError(
      "CreateTokenWithIAM is signed with AWS credentials and the client has none: in a browser pass `credentials` to the client.",
    );
  };
}

/** A browser has no environment or config file: a send without a region fails clearly. */
async function missingRegion(): Promise<string> {
  throw new MissingRegionError(
    'SSOOIDCClient has no region: in a browser the region must be given to the constructor, for example new SSOOIDCClient({ region: "us-east-1" }).',
  );
}

/**
 * `sso-oidc/0.1.0 ua/2.1 os/other lang/js md/browser api/sso-oidc#0.1.0`; the
 * official client parses `navigator.userAgent` (with bowser) for the
 * operating system and browser, which this package leaves out for its size.
 */
function createDefaultUserAgentProvider({
  serviceId,
  packageVersion,
}: ServiceFacts): (config?: {
  userAgentAppId?: Provider<string | undefined>;
}) => Promise<UserAgent> {
  const sections: UserAgent = [
    ["sso-oidc", packageVersion],
    ["ua", "2.1"],
    ["os/other"],
    ["lang/js"],
    ["md/browser"],
    [`api/${serviceId}`, packageVersion],
  ];
  // The same array on every call, so that the user-agent middleware formats it once.
  return async (config) => {
    const appId = await config?.userAgentAppId?.();
    return appId ? [...sections, [`app/${appId}`]] : sections;
  };
}

/**
 * `config.signer` in a browser needs `signerConstructor`: a SigV4 class the
 * config could load on its own would be in every bundle, also those of apps
 * that only use the unsigned operations. The client's own signing of
 * CreateTokenWithIAM loads SigV4 itself and does not need this.
 */
async function loadSignatureV4(): Promise<never> {
  throw new Error(
    "config.signer in a browser build needs the signerConstructor option (for example SignatureV4 from @smithy/signature-v4).",
  );
}

function getRuntimeConfig(config: SSOOIDCClientConfig, service: ServiceFacts) {
  const defaultsMode = resolveDefaultsModeConfig(config);
  const defaultConfigProvider = () => defaultsMode().then(loadConfigsForDefaultMode);
  return {
    runtime: "browser",
    loadSignatureV4,
    defaultsMode,
    bodyLengthChecker: config.bodyLengthChecker ?? calculateBodyLength,
    credentialDefaultProvider: config.credentialDefaultProvider ?? credentialDefaultProvider,
    defaultUserAgentProvider:
      config.defaultUserAgentProvider ?? createDefaultUserAgentProvider(service),
    disableClockSkewCorrection: config.disableClockSkewCorrection ?? false,
    maxAttempts: config.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    region: config.region ?? missingRegion,
    requestHandler: createFetchHandler(config.requestHandler ?? defaultConfigProvider),
    maxResponseBytes: resolveMaxResponseBytes(config.maxResponseBytes),
    retryMode:
      config.retryMode ??
      (async () => (await defaultConfigProvider()).retryMode || DEFAULT_RETRY_MODE),
    streamCollector: config.streamCollector ?? streamCollector,
    useDualstackEndpoint: config.useDualstackEndpoint ?? (() => Promise.resolve(false)),
    useFipsEndpoint: config.useFipsEndpoint ?? (() => Promise.resolve(false)),
  };
}

export { getRuntimeConfig };
export type { ServiceFacts };
