import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/*
 * Where a Node client takes its settings from: constructor, environment, the
 * shared config and credentials files. Each case runs config-probe.ts in a
 * child process with only PATH, HOME and the case's variables, and files in a
 * fresh temporary directory; the probe builds our client and the official one
 * the same way, so every case checks exact values and the official result.
 */

const REPO_ROOT = join(__dirname, "../..");
const PROBE = join(__dirname, "config-probe.ts");

type Outcome<T> = T | { readonly error: string };

interface ProbeResult {
  readonly region: Outcome<string>;
  readonly useFipsEndpoint: Outcome<boolean>;
  readonly useDualstackEndpoint: Outcome<boolean>;
  readonly maxAttempts: Outcome<number>;
  readonly retryStrategy: Outcome<string>;
  readonly send: Outcome<{ clientId: string | null }>;
  readonly url: string | null;
  readonly amzSdkRequest: string | null;
}

interface ProbeOutput {
  readonly ours: ProbeResult;
  readonly official: ProbeResult;
}

interface ConfigCase {
  /** Constructor options (JSON) for both clients. */
  readonly config?: Record<string, unknown>;
  /** Environment variables besides PATH, HOME and the two file variables. */
  readonly env?: Record<string, string>;
  /** The file AWS_CONFIG_FILE names (`<tmp>/custom/config`). */
  readonly configFile?: string;
  /** `$HOME/.aws/config`, read when AWS_CONFIG_FILE is not set. */
  readonly homeConfigFile?: string;
  /** Leave AWS_CONFIG_FILE unset so the default path under HOME is read. */
  readonly defaultConfigPath?: boolean;
  /** The file AWS_SHARED_CREDENTIALS_FILE names. */
  readonly credentialsFile?: string;
  /** Send for real (to the loopback server) instead of through the capturing handler. */
  readonly network?: boolean;
}

const tempDirs: string[] = [];

function run(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
  return new Promise<string>((resolve, reject) => {
    execFile(process.execPath, args, { ...options, timeout: 20_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`the probe failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** Runs the probe for one case and returns what our client and the official one resolved. */
async function probe(testCase: ConfigCase): Promise<ProbeOutput> {
  const dir = await mkdtemp(join(tmpdir(), "sso-oidc-config-"));
  tempDirs.push(dir);
  const home = join(dir, "home");
  await mkdir(join(home, ".aws"), { recursive: true });
  await mkdir(join(dir, "custom"));
  const configPath = join(dir, "custom", "config");
  const credentialsPath = join(dir, "custom", "credentials");
  if (testCase.configFile !== undefined) await writeFile(configPath, testCase.configFile);
  if (testCase.homeConfigFile !== undefined) {
    await writeFile(join(home, ".aws", "config"), testCase.homeConfigFile);
  }
  if (testCase.credentialsFile !== undefined) {
    await writeFile(credentialsPath, testCase.credentialsFile);
  }
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    AWS_SHARED_CREDENTIALS_FILE: credentialsPath,
    ...(testCase.defaultConfigPath === true ? {} : { AWS_CONFIG_FILE: configPath }),
    ...testCase.env,
  };
  const input = JSON.stringify({ config: testCase.config ?? {}, network: !!testCase.network });
  const stdout = await run(["--import", "tsx", PROBE, input], { cwd: REPO_ROOT, env });
  return JSON.parse(stdout) as ProbeOutput;
}

/** The values every case pins down exactly. */
function essentials(result: ProbeResult) {
  return {
    region: result.region,
    url: result.url,
    maxAttempts: result.maxAttempts,
    amzSdkRequest: result.amzSdkRequest,
    useFipsEndpoint: result.useFipsEndpoint,
  };
}

const DEFAULTS = {
  maxAttempts: 3,
  amzSdkRequest: "attempt=1; max=3",
  useFipsEndpoint: false,
};

const EMPTY_REGION_ERROR =
  'The region "" is not a valid region name: use letters, digits and hyphens only, for example "us-east-1".';

function urlOf(host: string) {
  return `https://${host}/client/register`;
}

afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

interface Expectation {
  readonly case: ConfigCase;
  readonly expected: ReturnType<typeof essentials>;
  /** Further exact values, checked besides the essentials. */
  readonly also?: Partial<ProbeResult>;
  /** Where the official client intentionally differs: its values, which ours replace. */
  readonly officialDiffers?: Partial<ProbeResult>;
}

async function check(
  { case: testCase, expected, also, officialDiffers }: Expectation,
  expectInTest: typeof expect,
) {
  const { ours, official } = await probe(testCase);
  expectInTest(essentials(ours)).toEqual(expected);
  if (also !== undefined) expectInTest(ours).toMatchObject(also);
  if (officialDiffers !== undefined) expectInTest(official).toMatchObject(officialDiffers);
  expectInTest({ ...ours, ...officialDiffers }).toEqual(official);
}

const regionCases: Array<[string, Expectation]> = [
  [
    "the constructor's region beats AWS_REGION and the profile",
    {
      case: {
        config: { region: "eu-west-1" },
        env: { AWS_REGION: "eu-central-1" },
        configFile: "[default]\nregion = ap-south-1\n",
      },
      expected: {
        ...DEFAULTS,
        region: "eu-west-1",
        url: urlOf("oidc.eu-west-1.amazonaws.com"),
      },
    },
  ],
  [
    "AWS_REGION beats the profile",
    {
      case: {
        env: { AWS_REGION: "eu-central-1" },
        configFile: "[default]\nregion = ap-south-1\n",
      },
      expected: {
        ...DEFAULTS,
        region: "eu-central-1",
        url: urlOf("oidc.eu-central-1.amazonaws.com"),
      },
    },
  ],
  [
    "the default profile's region",
    {
      case: {
        configFile: "[default]\nregion = ap-south-1\n\n[profile other]\nregion = sa-east-1\n",
      },
      expected: { ...DEFAULTS, region: "ap-south-1", url: urlOf("oidc.ap-south-1.amazonaws.com") },
    },
  ],
  [
    "AWS_PROFILE=other selects that profile's region",
    {
      case: {
        env: { AWS_PROFILE: "other" },
        configFile: "[default]\nregion = ap-south-1\n\n[profile other]\nregion = sa-east-1\n",
      },
      expected: { ...DEFAULTS, region: "sa-east-1", url: urlOf("oidc.sa-east-1.amazonaws.com") },
    },
  ],
  [
    "the profile constructor option beats AWS_PROFILE",
    {
      case: {
        config: { profile: "other" },
        env: { AWS_PROFILE: "third" },
        configFile:
          "[default]\nregion = ap-south-1\n\n[profile other]\nregion = sa-east-1\n\n[profile third]\nregion = ca-central-1\n",
      },
      expected: { ...DEFAULTS, region: "sa-east-1", url: urlOf("oidc.sa-east-1.amazonaws.com") },
    },
  ],
  [
    "no region anywhere: 'Region is missing' and nothing sent",
    {
      case: { configFile: "[default]\nmax_attempts = 2\n" },
      expected: {
        region: { error: "Region is missing" },
        url: null,
        maxAttempts: 2,
        amzSdkRequest: null,
        useFipsEndpoint: { error: "Region is missing" },
      },
      also: { send: { error: "Region is missing" } },
    },
  ],
  [
    "a region in the credentials file's default profile",
    {
      case: { credentialsFile: "[default]\nregion = eu-north-1\n" },
      expected: { ...DEFAULTS, region: "eu-north-1", url: urlOf("oidc.eu-north-1.amazonaws.com") },
    },
  ],
  [
    // The shared-files loader merges a profile's credentials-file keys over its config-file keys.
    "the credentials file's region beats the config file's",
    {
      case: {
        configFile: "[default]\nregion = ap-south-1\n",
        credentialsFile: "[default]\nregion = eu-north-1\n",
      },
      expected: { ...DEFAULTS, region: "eu-north-1", url: urlOf("oidc.eu-north-1.amazonaws.com") },
    },
  ],
  [
    "[profile default] names the default profile",
    {
      case: { configFile: "[profile default]\nregion = ap-south-2\n" },
      expected: { ...DEFAULTS, region: "ap-south-2", url: urlOf("oidc.ap-south-2.amazonaws.com") },
    },
  ],
  [
    "AWS_DEFAULT_REGION is not read",
    {
      case: { env: { AWS_DEFAULT_REGION: "eu-west-2" }, configFile: "[default]\n" },
      expected: {
        ...DEFAULTS,
        region: { error: "Region is missing" },
        url: null,
        amzSdkRequest: null,
        useFipsEndpoint: { error: "Region is missing" },
      },
    },
  ],
  [
    "an empty AWS_REGION is taken, and refused as a region with an error that names the fix",
    {
      case: { env: { AWS_REGION: "" }, configFile: "[default]\nregion = ap-south-1\n" },
      expected: {
        ...DEFAULTS,
        region: { error: EMPTY_REGION_ERROR },
        url: null,
        amzSdkRequest: null,
      },
      also: { send: { error: EMPTY_REGION_ERROR } },
      officialDiffers: {
        region: { error: 'Region not accepted: region="" is not a valid hostname component.' },
        send: { error: 'Region not accepted: region="" is not a valid hostname component.' },
      },
    },
  ],
  [
    "a profile region of fips-us-east-1: us-east-1 with FIPS on",
    {
      case: { configFile: "[default]\nregion = fips-us-east-1\n" },
      expected: {
        ...DEFAULTS,
        region: "us-east-1",
        useFipsEndpoint: true,
        url: urlOf("oidc-fips.us-east-1.amazonaws.com"),
      },
    },
  ],
];

const PROFILE_ENDPOINT = "[default]\nregion = us-east-1\nendpoint_url = https://profile.example\n";
const SERVICES_ENDPOINT =
  "[default]\nregion = us-east-1\nservices = x\n\n[services x]\nsso_oidc =\n  endpoint_url = https://services.example\n";
const BOTH_PROFILE_ENDPOINTS =
  "[default]\nregion = us-east-1\nendpoint_url = https://profile.example\nservices = x\n\n[services x]\nsso_oidc =\n  endpoint_url = https://services.example\n";

const US_EAST_1 = { ...DEFAULTS, region: "us-east-1" };

const endpointCases: Array<[string, Expectation]> = [
  [
    "AWS_ENDPOINT_URL_SSO_OIDC beats AWS_ENDPOINT_URL and the profile",
    {
      case: {
        env: {
          AWS_ENDPOINT_URL_SSO_OIDC: "https://service-env.example",
          AWS_ENDPOINT_URL: "https://global-env.example",
        },
        configFile: BOTH_PROFILE_ENDPOINTS,
      },
      expected: { ...US_EAST_1, url: urlOf("service-env.example") },
    },
  ],
  [
    "AWS_ENDPOINT_URL beats the profile",
    {
      case: {
        env: { AWS_ENDPOINT_URL: "https://global-env.example" },
        configFile: BOTH_PROFILE_ENDPOINTS,
      },
      expected: { ...US_EAST_1, url: urlOf("global-env.example") },
    },
  ],
  [
    "the profile's endpoint_url",
    {
      case: { configFile: PROFILE_ENDPOINT },
      expected: { ...US_EAST_1, url: urlOf("profile.example") },
    },
  ],
  [
    "the sso_oidc endpoint_url of the profile's services section",
    {
      case: { configFile: SERVICES_ENDPOINT },
      expected: { ...US_EAST_1, url: urlOf("services.example") },
    },
  ],
  [
    "the services section's sso_oidc endpoint_url beats the profile's endpoint_url",
    {
      case: { configFile: BOTH_PROFILE_ENDPOINTS },
      expected: { ...US_EAST_1, url: urlOf("services.example") },
    },
  ],
  [
    "a services section for other services only: the profile's endpoint_url",
    {
      case: {
        configFile:
          "[default]\nregion = us-east-1\nendpoint_url = https://profile.example\nservices = x\n\n[services x]\nsso =\n  endpoint_url = https://sso.example\n",
      },
      expected: { ...US_EAST_1, url: urlOf("profile.example") },
    },
  ],
  [
    // The selector's "services section is not present" error is swallowed by the
    // config chain in both clients, which fall back to the rules' endpoint.
    "a services section the file lacks: the rules' endpoint",
    {
      case: { configFile: "[default]\nregion = us-east-1\nservices = missing\n" },
      expected: { ...US_EAST_1, url: urlOf("oidc.us-east-1.amazonaws.com") },
    },
  ],
  [
    "the constructor's endpoint beats the environment and the profile",
    {
      case: {
        config: { endpoint: "https://constructor.example/base" },
        env: {
          AWS_ENDPOINT_URL_SSO_OIDC: "https://service-env.example",
          AWS_ENDPOINT_URL: "https://global-env.example",
        },
        configFile: BOTH_PROFILE_ENDPOINTS,
      },
      expected: { ...US_EAST_1, url: "https://constructor.example/base/client/register" },
    },
  ],
  [
    "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true ignores environment and profile endpoints",
    {
      case: {
        env: {
          AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true",
          AWS_ENDPOINT_URL_SSO_OIDC: "https://service-env.example",
          AWS_ENDPOINT_URL: "https://global-env.example",
        },
        configFile: BOTH_PROFILE_ENDPOINTS,
      },
      expected: { ...US_EAST_1, url: urlOf("oidc.us-east-1.amazonaws.com") },
    },
  ],
  [
    "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true keeps the constructor's endpoint",
    {
      case: {
        config: { endpoint: "https://constructor.example" },
        env: { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true" },
        configFile: PROFILE_ENDPOINT,
      },
      expected: { ...US_EAST_1, url: urlOf("constructor.example") },
    },
  ],
  [
    "the profile's ignore_configured_endpoint_urls = true",
    {
      case: {
        env: { AWS_ENDPOINT_URL: "https://global-env.example" },
        configFile: `${PROFILE_ENDPOINT}ignore_configured_endpoint_urls = true\n`,
      },
      expected: { ...US_EAST_1, url: urlOf("oidc.us-east-1.amazonaws.com") },
    },
  ],
  [
    "AWS_PROFILE=other: that profile's endpoint_url",
    {
      case: {
        env: { AWS_PROFILE: "other" },
        configFile: `${PROFILE_ENDPOINT}\n[profile other]\nregion = eu-west-1\nendpoint_url = https://other.example\n`,
      },
      expected: { ...DEFAULTS, region: "eu-west-1", url: urlOf("other.example") },
    },
  ],
  [
    // The configured-endpoint loader reads AWS_PROFILE or the default profile,
    // never the profile option: so the region is other's, the endpoint default's.
    "the profile constructor option: that profile's region, the default profile's endpoint_url",
    {
      case: {
        config: { profile: "other" },
        configFile: `${PROFILE_ENDPOINT}\n[profile other]\nregion = eu-west-1\nendpoint_url = https://other.example\n`,
      },
      expected: { ...DEFAULTS, region: "eu-west-1", url: urlOf("profile.example") },
    },
  ],
  [
    "an endpoint from the environment with AWS_USE_FIPS_ENDPOINT=true: the rules' error",
    {
      case: {
        env: {
          AWS_ENDPOINT_URL_SSO_OIDC: "https://service-env.example",
          AWS_USE_FIPS_ENDPOINT: "true",
        },
        configFile: "[default]\nregion = us-east-1\n",
      },
      expected: { ...US_EAST_1, useFipsEndpoint: true, url: null, amzSdkRequest: null },
      also: {
        send: { error: "Invalid Configuration: FIPS and custom endpoint are not supported" },
      },
    },
  ],
];

const fipsCases: Array<[string, Expectation]> = [
  [
    "AWS_USE_FIPS_ENDPOINT=true",
    {
      case: {
        env: { AWS_USE_FIPS_ENDPOINT: "true" },
        configFile: "[default]\nregion = us-west-2\n",
      },
      expected: {
        ...DEFAULTS,
        region: "us-west-2",
        useFipsEndpoint: true,
        url: urlOf("oidc-fips.us-west-2.amazonaws.com"),
      },
    },
  ],
  [
    "AWS_USE_DUALSTACK_ENDPOINT=true",
    {
      case: {
        env: { AWS_USE_DUALSTACK_ENDPOINT: "true" },
        configFile: "[default]\nregion = us-west-2\n",
      },
      expected: { ...DEFAULTS, region: "us-west-2", url: urlOf("oidc.us-west-2.api.aws") },
      also: { useDualstackEndpoint: true },
    },
  ],
  [
    "AWS_USE_FIPS_ENDPOINT=true and AWS_USE_DUALSTACK_ENDPOINT=true",
    {
      case: {
        env: { AWS_USE_FIPS_ENDPOINT: "true", AWS_USE_DUALSTACK_ENDPOINT: "true" },
        configFile: "[default]\nregion = us-west-2\n",
      },
      expected: {
        ...DEFAULTS,
        region: "us-west-2",
        useFipsEndpoint: true,
        url: urlOf("oidc-fips.us-west-2.api.aws"),
      },
      also: { useDualstackEndpoint: true },
    },
  ],
  [
    "the profile's use_fips_endpoint and use_dualstack_endpoint",
    {
      case: {
        configFile:
          "[default]\nregion = us-gov-west-1\nuse_fips_endpoint = true\nuse_dualstack_endpoint = true\n",
      },
      expected: {
        ...DEFAULTS,
        region: "us-gov-west-1",
        useFipsEndpoint: true,
        url: urlOf("oidc-fips.us-gov-west-1.api.aws"),
      },
      also: { useDualstackEndpoint: true },
    },
  ],
  [
    "AWS_USE_FIPS_ENDPOINT=false beats the profile's use_fips_endpoint = true",
    {
      case: {
        env: { AWS_USE_FIPS_ENDPOINT: "false" },
        configFile: "[default]\nregion = us-west-2\nuse_fips_endpoint = true\n",
      },
      expected: { ...DEFAULTS, region: "us-west-2", url: urlOf("oidc.us-west-2.amazonaws.com") },
    },
  ],
  [
    "the constructor's useFipsEndpoint: false beats AWS_USE_FIPS_ENDPOINT=true",
    {
      case: {
        config: { useFipsEndpoint: false },
        env: { AWS_USE_FIPS_ENDPOINT: "true" },
        configFile: "[default]\nregion = us-west-2\n",
      },
      expected: { ...DEFAULTS, region: "us-west-2", url: urlOf("oidc.us-west-2.amazonaws.com") },
    },
  ],
  [
    // Both clients skip a value that is not "true" or "false" and use the default.
    "AWS_USE_FIPS_ENDPOINT=yes: ignored",
    {
      case: {
        env: { AWS_USE_FIPS_ENDPOINT: "yes" },
        configFile: "[default]\nregion = us-west-2\n",
      },
      expected: { ...DEFAULTS, region: "us-west-2", url: urlOf("oidc.us-west-2.amazonaws.com") },
    },
  ],
];

const retryCases: Array<[string, Expectation]> = [
  [
    "the defaults: 3 attempts, standard retries",
    {
      case: { configFile: "[default]\nregion = us-east-1\n" },
      expected: { ...US_EAST_1, url: urlOf("oidc.us-east-1.amazonaws.com") },
      also: { retryStrategy: "StandardRetryStrategy" },
    },
  ],
  [
    "AWS_MAX_ATTEMPTS beats the profile's max_attempts",
    {
      case: {
        env: { AWS_MAX_ATTEMPTS: "5" },
        configFile: "[default]\nregion = us-east-1\nmax_attempts = 7\n",
      },
      expected: {
        ...US_EAST_1,
        maxAttempts: 5,
        amzSdkRequest: "attempt=1; max=5",
        url: urlOf("oidc.us-east-1.amazonaws.com"),
      },
    },
  ],
  [
    "the profile's max_attempts",
    {
      case: { configFile: "[default]\nregion = us-east-1\nmax_attempts = 7\n" },
      expected: {
        ...US_EAST_1,
        maxAttempts: 7,
        amzSdkRequest: "attempt=1; max=7",
        url: urlOf("oidc.us-east-1.amazonaws.com"),
      },
    },
  ],
  [
    "the constructor's maxAttempts beats AWS_MAX_ATTEMPTS",
    {
      case: {
        config: { maxAttempts: 2 },
        env: { AWS_MAX_ATTEMPTS: "5" },
        configFile: "[default]\nregion = us-east-1\n",
      },
      expected: {
        ...US_EAST_1,
        maxAttempts: 2,
        amzSdkRequest: "attempt=1; max=2",
        url: urlOf("oidc.us-east-1.amazonaws.com"),
      },
    },
  ],
  [
    // Both clients skip a value that is not a number and use the default.
    "AWS_MAX_ATTEMPTS=many: ignored",
    {
      case: {
        env: { AWS_MAX_ATTEMPTS: "many" },
        configFile: "[default]\nregion = us-east-1\nmax_attempts = 7\n",
      },
      expected: {
        ...US_EAST_1,
        maxAttempts: 7,
        amzSdkRequest: "attempt=1; max=7",
        url: urlOf("oidc.us-east-1.amazonaws.com"),
      },
    },
  ],
  [
    "AWS_RETRY_MODE=adaptive",
    {
      case: { env: { AWS_RETRY_MODE: "adaptive" }, configFile: "[default]\nregion = us-east-1\n" },
      expected: { ...US_EAST_1, url: urlOf("oidc.us-east-1.amazonaws.com") },
      also: { retryStrategy: "AdaptiveRetryStrategy" },
    },
  ],
  [
    "the constructor's retryMode beats AWS_RETRY_MODE",
    {
      case: {
        config: { retryMode: "adaptive" },
        env: { AWS_RETRY_MODE: "standard" },
        configFile: "[default]\nregion = us-east-1\n",
      },
      expected: { ...US_EAST_1, url: urlOf("oidc.us-east-1.amazonaws.com") },
      also: { retryStrategy: "AdaptiveRetryStrategy" },
    },
  ],
  [
    "the profile constructor option: that profile's max_attempts and retry_mode",
    {
      case: {
        config: { profile: "other" },
        configFile:
          "[default]\nregion = us-east-1\nmax_attempts = 7\n\n[profile other]\nregion = us-east-1\nmax_attempts = 9\nretry_mode = adaptive\n",
      },
      expected: {
        ...US_EAST_1,
        maxAttempts: 9,
        amzSdkRequest: "attempt=1; max=9",
        url: urlOf("oidc.us-east-1.amazonaws.com"),
      },
      also: { retryStrategy: "AdaptiveRetryStrategy" },
    },
  ],
  [
    "the profile's retry_mode = adaptive",
    {
      case: {
        configFile: "[default]\nregion = us-east-1\nretry_mode = adaptive\nmax_attempts = 4\n",
      },
      expected: {
        ...US_EAST_1,
        maxAttempts: 4,
        amzSdkRequest: "attempt=1; max=4",
        url: urlOf("oidc.us-east-1.amazonaws.com"),
      },
      also: { retryStrategy: "AdaptiveRetryStrategy" },
    },
  ],
  [
    "AWS_RETRY_MODE=standard beats the profile's retry_mode = adaptive",
    {
      case: {
        env: { AWS_RETRY_MODE: "standard" },
        configFile: "[default]\nregion = us-east-1\nretry_mode = adaptive\n",
      },
      expected: { ...US_EAST_1, url: urlOf("oidc.us-east-1.amazonaws.com") },
      also: { retryStrategy: "StandardRetryStrategy" },
    },
  ],
];

const fileCases: Array<[string, Expectation]> = [
  [
    "without AWS_CONFIG_FILE, $HOME/.aws/config",
    {
      case: {
        defaultConfigPath: true,
        homeConfigFile: "[default]\nregion = ap-northeast-1\nmax_attempts = 6\n",
      },
      expected: {
        ...DEFAULTS,
        region: "ap-northeast-1",
        maxAttempts: 6,
        amzSdkRequest: "attempt=1; max=6",
        url: urlOf("oidc.ap-northeast-1.amazonaws.com"),
      },
    },
  ],
  [
    "AWS_CONFIG_FILE names a file elsewhere: it is read, $HOME/.aws/config is not",
    {
      case: {
        homeConfigFile: "[default]\nregion = ap-northeast-1\nmax_attempts = 6\n",
        configFile:
          "[default]\nregion = eu-south-1\nuse_fips_endpoint = true\nendpoint_url = https://custom-file.example\nignore_configured_endpoint_urls = true\n",
      },
      expected: {
        ...DEFAULTS,
        region: "eu-south-1",
        useFipsEndpoint: true,
        url: urlOf("oidc-fips.eu-south-1.amazonaws.com"),
      },
    },
  ],
];

describe("config sources in node, as the official client", () => {
  describe("region", () => {
    it.concurrent.for(regionCases)("%s", async ([, expectation], { expect }) => {
      await check(expectation, expect);
    });
  });

  describe("endpoint", () => {
    it.concurrent.for(endpointCases)("%s", async ([, expectation], { expect }) => {
      await check(expectation, expect);
    });
  });

  describe("FIPS and dual-stack", () => {
    it.concurrent.for(fipsCases)("%s", async ([, expectation], { expect }) => {
      await check(expectation, expect);
    });
  });

  describe("retries", () => {
    it.concurrent.for(retryCases)("%s", async ([, expectation], { expect }) => {
      await check(expectation, expect);
    });
  });

  describe("config file location", () => {
    it.concurrent.for(fileCases)("%s", async ([, expectation], { expect }) => {
      await check(expectation, expect);
    });
  });
});

interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

describe("an endpoint from AWS_ENDPOINT_URL_SSO_OIDC, over the network", () => {
  const received: ReceivedRequest[] = [];
  let server: Server;
  let serverUrl = "";

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        received.push({
          method: request.method ?? "",
          url: request.url ?? "",
          headers: request.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        });
        response.writeHead(200, { "content-type": "application/json" });
        response.end(
          JSON.stringify({
            clientId: "client-from-loopback",
            clientSecret: "secret",
            clientIdIssuedAt: 1,
            clientSecretExpiresAt: 2,
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve, reject) =>
      server.close((error) => (error ? reject(error) : resolve())),
    );
  });

  it("sends RegisterClient to the loopback server", async () => {
    const { ours, official } = await probe({
      network: true,
      env: {
        AWS_ENDPOINT_URL_SSO_OIDC: serverUrl,
        AWS_ENDPOINT_URL: "http://192.0.2.1:9",
        AWS_REGION: "eu-west-3",
      },
      configFile: "[default]\nendpoint_url = http://192.0.2.1:9\n",
    });
    expect(essentials(ours)).toEqual({
      ...DEFAULTS,
      region: "eu-west-3",
      url: `${serverUrl}/client/register`,
    });
    expect(ours.send).toEqual({ clientId: "client-from-loopback" });
    expect(ours).toEqual(official);
    const host = new URL(serverUrl).host;
    expect(
      received.map(({ method, url, headers, body }) => [method, url, headers.host, body]),
    ).toEqual([
      ["POST", "/client/register", host, '{"clientName":"x","clientType":"public"}'],
      ["POST", "/client/register", host, '{"clientName":"x","clientType":"public"}'],
    ]);
  });
});
