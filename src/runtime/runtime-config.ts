import { platform, release } from "node:os";
import { loadConfigsForDefaultMode } from "@smithy/core/client";
import {
  booleanSelector,
  loadConfig,
  NODE_REGION_CONFIG_FILE_OPTIONS,
  NODE_REGION_CONFIG_OPTIONS,
  NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS,
  NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS,
  resolveDefaultsModeConfig,
  SelectorType,
} from "@smithy/core/config";
import {
  DEFAULT_RETRY_MODE,
  NODE_MAX_ATTEMPT_CONFIG_OPTIONS,
  NODE_RETRY_MODE_CONFIG_OPTIONS,
} from "@smithy/core/retry";
import { calculateBodyLength } from "@smithy/core/serde";
import type { AwsCredentialIdentityProvider, Provider, UserAgent } from "@smithy/types";
import type { SSOOIDCClientConfig } from "./config-types";
import { CredentialsUnavailableError } from "./errors";
import { collectNodeStream, createNodeHandler } from "./node-handler";
import { resolveMaxResponseBytes } from "./response-body";

/*
 * Node defaults, the official client's (`runtimeConfig.ts`): the node:http
 * handler, and settings read from the environment and the shared config
 * file when the constructor gives none (constructor, environment, profile).
 * The `@aws-sdk/core` option tables below are written out because this
 * package does not depend on it.
 */

/** What the defaults need to know of the service. */
interface ServiceFacts {
  readonly serviceId: string;
  readonly packageVersion: string;
}

const NODE_APP_ID_CONFIG_OPTIONS = {
  environmentVariableSelector: (env: Record<string, string | undefined>) => env.AWS_SDK_UA_APP_ID,
  configFileSelector: (profile: Record<string, string | undefined>) =>
    profile.sdk_ua_app_id ?? profile["sdk-ua-app-id"],
  default: undefined,
};

function commaSeparated(value: string | undefined): string[] {
  return typeof value === "string" && value.length > 0
    ? value.split(",").map((item) => item.trim())
    : [];
}

const NODE_AUTH_SCHEME_PREFERENCE_OPTIONS = {
  environmentVariableSelector: (env: Record<string, string | undefined>) =>
    "AWS_AUTH_SCHEME_PREFERENCE" in env
      ? commaSeparated(env.AWS_AUTH_SCHEME_PREFERENCE)
      : undefined,
  configFileSelector: (profile: Record<string, string | undefined>) =>
    "auth_scheme_preference" in profile
      ? commaSeparated(profile.auth_scheme_preference)
      : undefined,
  default: [] as string[],
};

const NODE_DISABLE_CLOCK_SKEW_CORRECTION_OPTIONS = {
  environmentVariableSelector: (env: Record<string, string | undefined>) =>
    booleanSelector(env, "AWS_DISABLE_CLOCK_SKEW_CORRECTION", SelectorType.ENV),
  configFileSelector: (profile: Record<string, string | undefined>) =>
    booleanSelector(profile, "disable_clock_skew_correction", SelectorType.CONFIG),
  default: false,
};

/** A socket timeout by default only when opted in, and only for a handler the client builds. */
function defaultSocketTimeout(requestHandler: unknown, timeoutMs: number): number | undefined {
  if (process.env.AWS_ENABLE_DEFAULT_SOCKET_TIMEOUT_2026 !== "true") return undefined;
  if (typeof (requestHandler as { handle?: unknown } | undefined)?.handle === "function") {
    return undefined;
  }
  return timeoutMs;
}

function isModuleMissing(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND";
}

/**
 * The default credential chain is the optional peer dependency
 * `@aws-sdk/credential-provider-node`: this builds a provider over it that
 * imports it on its first call, so that a client that never signs never loads it.
 */
function credentialDefaultProvider(init: object): AwsCredentialIdentityProvider {
  let chain: Promise<AwsCredentialIdentityProvider> | undefined;
  return async (options) => {
    chain ??= import("@aws-sdk/credential-provider-node").then(
      (module) => module.defaultProvider(init),
      (cause: unknown) => {
        chain = undefined;
        if (!isModuleMissing(cause)) throw cause;
        throw new CredentialsUnavailableError(
          "CreateTokenWithIAM is signed with AWS credentials and the client has none: pass `credentials` to the client, or install the optional peer dependency @aws-sdk/credential-provider-node to use the default credential chain.",
          { cause },
        );
      },
    );
    return (await chain)(options);
  };
}

/** `md/nodejs#20.20.2`, or the runtime that stands in for Node. */
function runtimePair(): [string, string] {
  for (const runtime of ["deno", "bun", "llrt"]) {
    const version = (process.versions as Record<string, string | undefined>)[runtime];
    if (version) return [`md/${runtime}`, version];
  }
  return ["md/nodejs", process.versions.node];
}

/**
 * `sso-oidc/0.1.0 ua/2.1 os/linux#6.1 lang/js md/nodejs#20.20.2 api/sso-oidc#0.1.0`,
 * plus `exec-env/…` inside AWS compute and `app/…` when asked with an app id.
 */
function createDefaultUserAgentProvider({
  serviceId,
  packageVersion,
}: ServiceFacts): (config?: {
  userAgentAppId?: Provider<string | undefined>;
}) => Promise<UserAgent> {
  const base: UserAgent = [
    ["sso-oidc", packageVersion],
    ["ua", "2.1"],
    [`os/${platform()}`, release()],
    ["lang/js"],
    runtimePair(),
    [`api/${serviceId}`, packageVersion],
  ];
  // The same array while the environment names the same execution environment, so that
  // the user-agent middleware formats it once.
  let last: { executionEnv: string | undefined; sections: UserAgent } | undefined;
  return async (config) => {
    const executionEnv = process.env.AWS_EXECUTION_ENV;
    if (last === undefined || last.executionEnv !== executionEnv) {
      last = {
        executionEnv,
        sections: executionEnv ? [...base, [`exec-env/${executionEnv}`]] : base,
      };
    }
    const { sections } = last;
    const appId = await config?.userAgentAppId?.();
    return appId ? [...sections, [`app/${appId}`]] : sections;
  };
}

/** The SigV4 signer for `config.signer`, imported on its first call. */
async function loadSignatureV4() {
  return (await import("@smithy/signature-v4")).SignatureV4;
}

function getRuntimeConfig(config: SSOOIDCClientConfig, service: ServiceFacts) {
  const defaultsMode = resolveDefaultsModeConfig(config);
  const defaultConfigProvider = () => defaultsMode().then(loadConfigsForDefaultMode);
  const loaderConfig = { profile: config.profile, logger: config.logger };
  return {
    runtime: "node",
    loadSignatureV4,
    defaultsMode,
    authSchemePreference:
      config.authSchemePreference ?? loadConfig(NODE_AUTH_SCHEME_PREFERENCE_OPTIONS, loaderConfig),
    bodyLengthChecker: config.bodyLengthChecker ?? calculateBodyLength,
    credentialDefaultProvider: config.credentialDefaultProvider ?? credentialDefaultProvider,
    defaultSocketTimeout: defaultSocketTimeout(config.requestHandler, 300_000),
    defaultUserAgentProvider:
      config.defaultUserAgentProvider ?? createDefaultUserAgentProvider(service),
    disableClockSkewCorrection:
      config.disableClockSkewCorrection ?? loadConfig(NODE_DISABLE_CLOCK_SKEW_CORRECTION_OPTIONS),
    maxAttempts: config.maxAttempts ?? loadConfig(NODE_MAX_ATTEMPT_CONFIG_OPTIONS, loaderConfig),
    region:
      config.region ??
      loadConfig(NODE_REGION_CONFIG_OPTIONS, {
        ...NODE_REGION_CONFIG_FILE_OPTIONS,
        ...loaderConfig,
      }),
    requestHandler: createNodeHandler(config.requestHandler ?? defaultConfigProvider),
    maxResponseBytes: resolveMaxResponseBytes(config.maxResponseBytes),
    retryMode:
      config.retryMode ??
      loadConfig(
        {
          ...NODE_RETRY_MODE_CONFIG_OPTIONS,
          default: async () => (await defaultConfigProvider()).retryMode || DEFAULT_RETRY_MODE,
        },
        loaderConfig,
      ),
    streamCollector: config.streamCollector ?? collectNodeStream,
    useDualstackEndpoint:
      config.useDualstackEndpoint ??
      loadConfig(NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
    useFipsEndpoint:
      config.useFipsEndpoint ?? loadConfig(NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
    userAgentAppId: config.userAgentAppId ?? loadConfig(NODE_APP_ID_CONFIG_OPTIONS, loaderConfig),
  };
}

export { getRuntimeConfig };
export type { ServiceFacts };
