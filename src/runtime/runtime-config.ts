import { platform, release } from "node:os";
import {
  loadConfig,
  NODE_REGION_CONFIG_FILE_OPTIONS,
  NODE_REGION_CONFIG_OPTIONS,
  NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS,
  NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS,
} from "@smithy/core/config";
import {
  DEFAULT_RETRY_MODE,
  NODE_MAX_ATTEMPT_CONFIG_OPTIONS,
  NODE_RETRY_MODE_CONFIG_OPTIONS,
} from "@smithy/core/retry";
import { calculateBodyLength } from "@smithy/core/serde";
import type { AwsCredentialIdentityProvider, UserAgent } from "@smithy/types";
import type { SSOOIDCClientConfig } from "./config";
import { CredentialsUnavailableError } from "./errors";
import { collectNodeStream, createNodeHandler } from "./node-handler";
import { resolveMaxResponseBytes } from "./response-body";

function isModuleMissing(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND";
}

/**
 * The default credential chain is the optional peer dependency
 * `@aws-sdk/credential-provider-node`, imported on the first signed request.
 */
async function loadDefaultCredentials({
  profile,
}: {
  profile?: string;
}): Promise<AwsCredentialIdentityProvider> {
  let chain: typeof import("@aws-sdk/credential-provider-node");
  try {
    chain = await import("@aws-sdk/credential-provider-node");
  } catch (cause) {
    if (!isModuleMissing(cause)) throw cause;
    throw new CredentialsUnavailableError(
      "CreateTokenWithIAM is signed with AWS credentials and the client has none: pass `credentials` to the client, or install the optional peer dependency @aws-sdk/credential-provider-node to use the default credential chain.",
      { cause },
    );
  }
  return chain.defaultProvider({ profile });
}

/** `os/linux#6.1 lang/js md/nodejs#20.20.2`, plus `exec-env/…` inside AWS compute. */
function platformPairs(): UserAgent {
  const pairs: UserAgent = [
    ["ua", "2.1"],
    [`os/${platform()}`, release()],
    ["lang/js"],
    ["md/nodejs", process.versions.node],
  ];
  const executionEnv = process.env.AWS_EXECUTION_ENV;
  if (executionEnv) pairs.push([`exec-env/${executionEnv}`]);
  return pairs;
}

/**
 * Node defaults: the node:http handler, and settings read from the
 * environment and the shared config file when the constructor gives none
 * (the official client's order: constructor, environment, profile).
 */
function getRuntimeConfig(config: SSOOIDCClientConfig) {
  const loaderConfig = { profile: config.profile, logger: config.logger };
  return {
    runtime: "node",
    platformPairs: platformPairs(),
    loadDefaultCredentials,
    bodyLengthChecker: calculateBodyLength,
    streamCollector: collectNodeStream,
    requestHandler: createNodeHandler(config.requestHandler),
    maxResponseBytes: resolveMaxResponseBytes(config.maxResponseBytes),
    region:
      config.region ??
      loadConfig(NODE_REGION_CONFIG_OPTIONS, {
        ...NODE_REGION_CONFIG_FILE_OPTIONS,
        ...loaderConfig,
      }),
    maxAttempts: config.maxAttempts ?? loadConfig(NODE_MAX_ATTEMPT_CONFIG_OPTIONS, loaderConfig),
    retryMode:
      config.retryMode ??
      loadConfig({ ...NODE_RETRY_MODE_CONFIG_OPTIONS, default: DEFAULT_RETRY_MODE }, loaderConfig),
    useDualstackEndpoint:
      config.useDualstackEndpoint ??
      loadConfig(NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
    useFipsEndpoint:
      config.useFipsEndpoint ?? loadConfig(NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
  };
}

export { getRuntimeConfig };
