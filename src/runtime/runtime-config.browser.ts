import { FetchHttpHandler, streamCollector } from "@smithy/fetch-http-handler";
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_RETRY_MODE } from "@smithy/core/retry";
import { calculateBodyLength } from "@smithy/core/serde";
import type { UserAgent } from "@smithy/types";
import type { SSOOIDCClientConfig } from "./client-config";
import { MissingRegionError } from "./errors";
import { CredentialsUnavailableError, type DefaultCredentialLoader } from "./credentials";

/** A browser has no credential chain: signed operations need `credentials` in the config. */
const loadDefaultCredentials: DefaultCredentialLoader = async () => {
  throw new CredentialsUnavailableError(
    "CreateTokenWithIAM is signed with AWS credentials and the client has none: in a browser pass `credentials` to the client.",
  );
};

/** A browser has no environment or config file: a send without a region fails clearly. */
const missingRegion = async (): Promise<string> => {
  throw new MissingRegionError(
    'SSOOIDCClient has no region: in a browser the region must be given to the constructor, for example new SSOOIDCClient({ region: "us-east-1" }).',
  );
};

const platformPairs = (): UserAgent => {
  const pairs: UserAgent = [["ua", "2.1"], ["os/other"], ["lang/js"], ["md/browser"]];
  return pairs;
};

/** Browser and React Native defaults: the fetch handler, and only what the constructor gives. */
const getRuntimeConfig = (config: SSOOIDCClientConfig) => ({
  runtime: "browser",
  platformPairs: platformPairs(),
  loadDefaultCredentials,
  bodyLengthChecker: calculateBodyLength,
  streamCollector,
  requestHandler: FetchHttpHandler.create(
    (config.requestHandler ?? {}) as Parameters<typeof FetchHttpHandler.create>[0],
  ),
  region: config.region ?? missingRegion,
  maxAttempts: config.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
  retryMode: config.retryMode ?? DEFAULT_RETRY_MODE,
  useDualstackEndpoint: config.useDualstackEndpoint ?? false,
  useFipsEndpoint: config.useFipsEndpoint ?? false,
});

export { getRuntimeConfig };
