import type { Logger } from "@smithy/types";

/*
 * The constructor inputs and environments config-members.test.ts resolves
 * with both clients. Each input is built fresh for each client: the AWS SDK
 * writes into the credentials object it is given.
 */

interface ConfigCase {
  /** Environment variables besides PATH, HOME and the isolation the test sets. */
  readonly env?: Record<string, string>;
  /** The shared config file's text (AWS_CONFIG_FILE). */
  readonly configFile?: string;
  readonly input: () => Record<string, unknown>;
}

/** A logger that records nothing but is not smithy's NoOpLogger. */
function quietLogger(): Logger {
  return { debug() {}, info() {}, warn() {}, error() {} };
}

const CREDENTIALS = { accessKeyId: "AKIDCODE", secretAccessKey: "secret-code" };

const CONFIG_CASES = {
  "no input, region from AWS_REGION": {
    env: { AWS_REGION: "eu-west-1" },
    input: () => ({}),
  },
  "region and customUserAgent": {
    input: () => ({ region: "us-east-1", customUserAgent: "my-tool/1.0" }),
  },
  "customUserAgent as pairs and userAgentAppId": {
    input: () => ({
      region: "us-east-1",
      customUserAgent: [["my-tool", "2.0"], ["extra"]],
      userAgentAppId: "my-app",
    }),
  },
  "a credentials object": {
    input: () => ({ region: "us-east-1", credentials: { ...CREDENTIALS } }),
  },
  "a credentials provider": {
    input: () => ({
      region: "us-east-1",
      credentials: async () => ({
        ...CREDENTIALS,
        sessionToken: "token",
        expiration: new Date("2100-01-01T00:00:00Z"),
      }),
    }),
  },
  "credentials from the default chain (environment)": {
    env: { AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: "secret-env" },
    input: () => ({ region: "us-east-1" }),
  },
  "an endpoint": {
    input: () => ({ region: "us-east-1", endpoint: "https://oidc.example.test/base" }),
  },
  "an endpoint from AWS_ENDPOINT_URL_SSO_OIDC": {
    env: { AWS_ENDPOINT_URL_SSO_OIDC: "https://env.example.test" },
    input: () => ({ region: "us-east-1" }),
  },
  useFipsEndpoint: {
    input: () => ({ region: "us-west-2", useFipsEndpoint: true }),
  },
  "maxAttempts and retryMode": {
    input: () => ({ region: "us-east-1", maxAttempts: 5, retryMode: "adaptive" }),
  },
  "a logger": {
    input: () => ({ region: "us-east-1", logger: quietLogger() }),
  },
  "settings from the environment": {
    env: {
      AWS_REGION: "ap-southeast-2",
      AWS_SDK_UA_APP_ID: "env-app",
      AWS_MAX_ATTEMPTS: "4",
      AWS_RETRY_MODE: "adaptive",
      AWS_DEFAULTS_MODE: "standard",
      AWS_USE_DUALSTACK_ENDPOINT: "true",
      AWS_AUTH_SCHEME_PREFERENCE: "sigv4, noAuth",
      AWS_DISABLE_CLOCK_SKEW_CORRECTION: "true",
    },
    input: () => ({}),
  },
  "settings from a profile": {
    env: { AWS_PROFILE: "work" },
    configFile: [
      "[profile work]",
      "region = ca-central-1",
      "sdk_ua_app_id = profile-app",
      "max_attempts = 2",
      "defaults_mode = in-region",
      "use_fips_endpoint = true",
      "",
    ].join("\n"),
    input: () => ({}),
  },
  "a runtime extension": {
    input: () => ({
      region: "us-east-1",
      extensions: [
        {
          configure(extension: {
            setRegion(region: () => Promise<string>): void;
            setCredentials(credentials: object): void;
          }) {
            extension.setRegion(async () => "eu-central-1");
            extension.setCredentials({ accessKeyId: "AKIDEXT", secretAccessKey: "secret-ext" });
          },
        },
      ],
    }),
  },
} satisfies Record<string, ConfigCase>;

type ConfigCaseName = keyof typeof CONFIG_CASES;

export { CONFIG_CASES };
export type { ConfigCase, ConfigCaseName };
