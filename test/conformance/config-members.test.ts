import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PACKAGE_VERSION } from "../../src/client/version";
import { CONFIG_CASES, type ConfigCaseName } from "./config-cases";

/*
 * `client.config` side by side with the official client's, for the same
 * input and environment: the same members, each of the same kind, and the
 * same value, a provider's by what it resolves to, any other function's by
 * what it does with a fixed input (config-members-probe.ts, run in a child
 * process with only the case's environment). What differs is listed here,
 * each with its reason, and nothing else may.
 */

const ROOT = join(__dirname, "../..");
const PROBE = join(__dirname, "config-members-probe.ts");

/**
 * The official client's schema-driven serde: its protocol object and that
 * object's settings. This client serializes with generated code and has no
 * protocol object to hold or replace.
 */
const LEFT_OUT = ["protocol", "protocolSettings"];

/** This client's own option: the largest response body a call reads. */
const OURS_ONLY = ["maxResponseBytes"];

interface Described {
  readonly keys: string[];
  readonly members: Record<string, unknown>;
}

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

type Probed = { official: Described; ours: Described };

/** Each case is probed once; the tests below read the same result. */
const probed = new Map<ConfigCaseName, Promise<Probed>>();

function probe(name: ConfigCaseName): Promise<Probed> {
  let result = probed.get(name);
  if (result === undefined) {
    result = runProbe(name);
    probed.set(name, result);
  }
  return result;
}

async function runProbe(name: ConfigCaseName): Promise<Probed> {
  const testCase = CONFIG_CASES[name];
  const home = await mkdtemp(join(tmpdir(), "sso-oidc-config-members-"));
  dirs.push(home);
  const configFile = join(home, "config");
  await writeFile(configFile, "configFile" in testCase ? testCase.configFile : "");
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    AWS_CONFIG_FILE: configFile,
    AWS_SHARED_CREDENTIALS_FILE: join(home, "credentials"),
    AWS_EC2_METADATA_DISABLED: "true",
    NODE_NO_WARNINGS: "1",
    ...("env" in testCase ? testCase.env : {}),
  };
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", "tsx", PROBE, name],
      { cwd: ROOT, env, timeout: 20_000 },
      (error, out, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(out),
    );
  });
  return JSON.parse(stdout) as Probed;
}

type UserAgentPair = [string, string?];

/** The default user agent with the product named: the one intended difference in it. */
function productNamed(members: Record<string, unknown>): UserAgentPair[] {
  return (members.defaultUserAgentProvider as { behaves: UserAgentPair[] }).behaves;
}

describe.each(Object.keys(CONFIG_CASES) as ConfigCaseName[])("client.config: %s", (name) => {
  it("has the official's members, of the same kinds and values", async () => {
    const { official, ours } = await probe(name);
    const expectedKeys = official.keys.filter((key) => !LEFT_OUT.includes(key)).sort();
    expect(official.keys.length).toBe(expectedKeys.length + LEFT_OUT.length);
    expect([...ours.keys].filter((key) => !OURS_ONLY.includes(key)).sort()).toStrictEqual(
      expectedKeys,
    );
    expect(ours.members.maxResponseBytes).toStrictEqual({ kind: "number", value: 1_048_576 });

    // The default user agent names this package and its version where the official
    // names aws-sdk-js and its own; every other section is the same.
    const ourAgent = productNamed(ours.members);
    const officialAgent = productNamed(official.members);
    expect(ourAgent[0]).toStrictEqual(["sso-oidc", PACKAGE_VERSION]);
    expect(officialAgent[0]?.[0]).toBe("aws-sdk-js");
    expect(ourAgent.slice(1, -1)).toStrictEqual(officialAgent.slice(1, -1));
    expect(ourAgent.at(-1)).toStrictEqual(["api/SSO OIDC", PACKAGE_VERSION]);
    expect(officialAgent.at(-1)).toStrictEqual(["api/SSO OIDC", officialAgent[0]?.[1]]);

    // The request handler this client builds from options extends the official's class
    // (timeouts that also bound the body: see the README); it is otherwise the same.
    const handler = (members: Record<string, unknown>) =>
      (members.requestHandler as { value: { classes: string[] } }).value;
    expect(handler(ours.members).classes).toStrictEqual([
      "BoundedNodeHttpHandler",
      ...handler(official.members).classes,
    ]);
    handler(ours.members).classes = handler(official.members).classes;

    for (const key of expectedKeys.filter((k) => k !== "defaultUserAgentProvider")) {
      expect({ [key]: ours.members[key] }).toStrictEqual({ [key]: official.members[key] });
    }
  });
});

describe("the resolved values the cases pin down", () => {
  it("credentials: a provider in every case, resolving to what the input or the environment gives", async () => {
    const given = await probe("a credentials object");
    expect(given.ours.members.credentials).toStrictEqual({
      kind: "function",
      provides: {
        methods: [],
        values: {
          accessKeyId: "AKIDCODE",
          secretAccessKey: "secret-code",
          $source: { methods: [], values: { CREDENTIALS_CODE: "e" } },
        },
      },
    });
    const chain = await probe("credentials from the default chain (environment)");
    expect(chain.ours.members.credentials).toMatchObject({
      kind: "function",
      provides: { values: { accessKeyId: "AKIDENV", secretAccessKey: "secret-env" } },
    });
  });

  it("customUserAgent is normalised to pairs, and the environment and profile settings are read", async () => {
    const custom = await probe("region and customUserAgent");
    expect(custom.ours.members.customUserAgent).toStrictEqual({
      kind: "array",
      value: [["my-tool/1.0"]],
    });
    const env = await probe("settings from the environment");
    expect(env.ours.members).toMatchObject({
      region: { provides: "ap-southeast-2" },
      userAgentAppId: { provides: "env-app" },
      maxAttempts: { provides: 4 },
      defaultsMode: { provides: "standard" },
      useDualstackEndpoint: { provides: true },
      authSchemePreference: { provides: ["sigv4", "noAuth"] },
      disableClockSkewCorrection: { provides: true },
      retryStrategy: { behaves: { class: "AdaptiveRetryStrategy", mode: "adaptive" } },
    });
    const profile = await probe("settings from a profile");
    expect(profile.ours.members).toMatchObject({
      region: { provides: "ca-central-1" },
      userAgentAppId: { provides: "profile-app" },
      maxAttempts: { provides: 2 },
      defaultsMode: { provides: "in-region" },
      useFipsEndpoint: { provides: true },
    });
  });

  it("a runtime extension's region and credentials are the config's", async () => {
    const { ours } = await probe("a runtime extension");
    expect(ours.members).toMatchObject({
      region: { provides: "eu-central-1" },
      credentials: { provides: { values: { accessKeyId: "AKIDEXT" } } },
    });
  });
});
