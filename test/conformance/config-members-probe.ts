import * as Official from "@aws-sdk/client-sso-oidc";
import { Readable } from "node:stream";
import * as Ours from "../../src/index";
import { CONFIG_CASES, type ConfigCaseName } from "./config-cases";

/*
 * Run by config-members.test.ts in a child process with the case's
 * environment: node --import tsx config-members-probe.ts "<case name>"
 * Builds the official client and ours from the case's input and prints, as
 * one JSON line, each client's `Object.keys(client.config)` and a
 * description of every member: its kind, and its value, or for a function
 * what it gives: a provider's result, or the function's output for a fixed
 * sample input. A function both configs hold is described as shared.
 */

type Config = Record<string, unknown>;

/** Members that are providers: described by what they resolve to. */
const PROVIDERS = new Set([
  "authSchemePreference",
  "credentials",
  "defaultsMode",
  "disableClockSkewCorrection",
  "endpoint",
  "maxAttempts",
  "region",
  "retryMode",
  "serviceConfiguredEndpoint",
  "useDualstackEndpoint",
  "useFipsEndpoint",
  "userAgentAppId",
]);

const OPERATIONS = [
  "CreateToken",
  "CreateTokenWithIAM",
  "RegisterClient",
  "StartDeviceAuthorization",
];

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex");
}

/** Every function-valued member an object has, own or inherited (not Object's). */
function methodNames(value: object): string[] {
  const names = new Set<string>();
  for (
    let level = value;
    level && level !== Object.prototype;
    level = Object.getPrototypeOf(level)
  ) {
    for (const name of Object.getOwnPropertyNames(level)) {
      if (name === "constructor") continue;
      const descriptor = Object.getOwnPropertyDescriptor(level, name);
      if (typeof descriptor?.value === "function") names.add(name);
    }
  }
  return [...names].sort();
}

/** The object's class and the classes it extends, nearest first. */
function classNames(value: object): string[] {
  const names: string[] = [];
  for (let level = Object.getPrototypeOf(value); level; level = Object.getPrototypeOf(level)) {
    names.push(level.constructor?.name);
  }
  return names;
}

function describeValue(value: unknown, depth = 0): unknown {
  if (value === undefined) return { undefined: true };
  if (value === null || typeof value !== "object") {
    return typeof value === "function" ? { function: true } : value;
  }
  if (value instanceof Date) return { date: value.toISOString() };
  if (value instanceof Uint8Array) return { bytes: hex(value) };
  if (Array.isArray(value)) return value.map((item) => describeValue(item, depth + 1));
  const values: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (typeof member === "function") continue;
    values[key] = depth < 3 ? describeValue(member, depth + 1) : typeof member;
  }
  return {
    ...(depth === 0 ? { classes: classNames(value) } : {}),
    methods: methodNames(value),
    values,
  };
}

async function settle(read: () => unknown): Promise<unknown> {
  try {
    return describeValue(await read(), 1);
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** What a function that is not a provider does with a fixed input. */
async function behaviour(name: string, fn: (...args: any[]) => any): Promise<unknown> {
  switch (name) {
    case "base64Decoder":
      return hex(fn("aGVsbG8="));
    case "base64Encoder":
    case "utf8Encoder":
      return fn(new Uint8Array([104, 195, 169]));
    case "utf8Decoder":
      return hex(fn("hé"));
    case "bodyLengthChecker":
      return fn("héllo");
    case "urlParser":
      return describeValue(fn("https://h.example:8443/p?q=1"), 1);
    case "streamCollector":
      return hex(await fn(Readable.from([Buffer.from("hel"), Buffer.from("lo")])));
    case "endpointProvider":
      return [
        fn({ Region: "us-east-1", UseFIPS: false, UseDualStack: false }).url.href,
        fn({ Region: "cn-north-1", UseFIPS: true, UseDualStack: true }).url.href,
        fn({
          Region: "us-east-1",
          UseFIPS: false,
          UseDualStack: false,
          Endpoint: "https://e.test/x",
        }).url.href,
      ];
    case "sha256": {
      const Hash = fn as unknown as new (secret?: string) => {
        update(data: Uint8Array): void;
        digest(): Promise<Uint8Array>;
      };
      const plain = new Hash();
      plain.update(new Uint8Array([97, 98, 99]));
      const keyed = new Hash("key");
      keyed.update(new Uint8Array([97, 98, 99]));
      return [hex(await plain.digest()), hex(await keyed.digest())];
    }
    case "signer":
      return (await fn()).constructor.name;
    case "httpAuthSchemeProvider":
      return OPERATIONS.map((operation) =>
        describeValue(fn({ operation, region: "us-east-1" }), 1),
      );
    case "credentialDefaultProvider":
      return typeof fn({});
    case "defaultUserAgentProvider":
      return fn();
    case "retryStrategy": {
      const strategy = await fn();
      return { class: strategy.constructor.name, mode: strategy.mode };
    }
    default:
      return { untested: name };
  }
}

/** The official's schema-driven serde objects, which this client has none of: kind only. */
const KIND_ONLY = new Set(["protocol", "protocolSettings"]);

async function describeMember(name: string, value: unknown, twin: unknown): Promise<unknown> {
  if (KIND_ONLY.has(name)) return { kind: kindOf(value) };
  if (typeof value !== "function") return { kind: kindOf(value), value: describeValue(value) };
  if (value === twin) return { kind: "function", shared: true };
  const fn = value as (...args: any[]) => any;
  if (PROVIDERS.has(name)) return { kind: "function", provides: await settle(() => fn()) };
  return { kind: "function", behaves: await behaviour(name, fn) };
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

async function describeConfig(config: Config, twin: Config) {
  const keys = Object.keys(config);
  const members: Record<string, unknown> = {};
  for (const key of keys) members[key] = await describeMember(key, config[key], twin[key]);
  return { keys, members };
}

const name = process.argv[2] as ConfigCaseName;
const testCase = CONFIG_CASES[name];
const official = new Official.SSOOIDCClient(testCase.input() as Official.SSOOIDCClientConfig);
const ours = new Ours.SSOOIDCClient(testCase.input() as Ours.SSOOIDCClientConfig);
const officialConfig = official.config as unknown as Config;
const ourConfig = ours.config as unknown as Config;
const result = {
  official: await describeConfig(officialConfig, ourConfig),
  ours: await describeConfig(ourConfig, officialConfig),
};
official.destroy();
ours.destroy();
process.stdout.write(JSON.stringify(result));
