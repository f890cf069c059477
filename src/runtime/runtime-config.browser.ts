import { streamCollector } from "@smithy/fetch-http-handler";
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_RETRY_MODE } from "@smithy/core/retry";
import { calculateBodyLength } from "@smithy/core/serde";
import type { AwsCredentialIdentityProvider, UserAgent } from "@smithy/types";
import type { SSOOIDCClientConfig } from "./config";
import { CredentialsUnavailableError, MissingRegionError } from "./errors";
import { createFetchHandler } from "./fetch-handler";
import { resolveMaxResponseBytes } from "./response-body";

/** A browser has no credential chain: signed operations need `credentials` in the config. */
async function loadDefaultCredentials(): Promise<AwsCredentialIdentityProvider> {
  throw new CredentialsUnavailableError(
    "CreateTokenWithIAM is signed with AWS credentials and the client has none: in a browser pass `credentials` to the client.",
  );
}

/** A browser has no environment or config file: a send without a region fails clearly. */
async function missingRegion(): Promise<string> {
  throw new MissingRegionError(
    'SSOOIDCClient has no region: in a browser the region must be given to the constructor, for example new SSOOIDCClient({ region: "us-east-1" }).',
  );
}

function platformPairs(): UserAgent {
  return [["ua", "2.1"], ["os/other"], ["lang/js"], ["md/browser"]];
}

/** Browser and React Native defaults: the fetch handler, and only what the constructor gives. */
function getRuntimeConfig(config: SSOOIDCClientConfig) {
  return {
    runtime: "browser",
    platformPairs: platformPairs(),
    loadDefaultCredentials,
    bodyLengthChecker: calculateBodyLength,
    streamCollector,
    requestHandler: createFetchHandler(config.requestHandler),
    maxResponseBytes: resolveMaxResponseBytes(config.maxResponseBytes),
    region: config.region ?? missingRegion,
    maxAttempts: config.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    retryMode: config.retryMode ?? DEFAULT_RETRY_MODE,
    useDualstackEndpoint: config.useDualstackEndpoint ?? false,
    useFipsEndpoint: config.useFipsEndpoint ?? false,
  };
}

export { getRuntimeConfig };
