import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index";
import { START_URL, createSandbox, requireBuiltBin, runBinToEnd } from "./support/cli-harness";
import type { Emulator } from "../../src/emulator/index";
import type { Sandbox } from "./support/cli-harness";

let emu: Emulator;
beforeAll(async () => {
  requireBuiltBin();
  emu = await startEmulator();
});
afterAll(() => emu.close());

const HTTP_START_URL = "http://d-1234567890.awsapps.com/start";
const UNREACHABLE = "http://127.0.0.1:1";
const UNREACHABLE_FIX =
  "check that the service AWS_ENDPOINT_URL_SSO_OIDC names is running, or unset that variable.";

interface BadInput {
  args: string[];
  exit: number;
  stderr: (box: Sandbox) => string;
}

const BAD_INPUTS: Record<string, BadInput> = {
  "an unknown profile": {
    args: ["login", "--profile", "nope"],
    exit: 1,
    stderr: (box) =>
      `sso-oidc: PROFILE_NOT_FOUND: The profile "nope" is not in ${box.configPath}; add a [profile nope] section or choose another profile with --profile or AWS_PROFILE.`,
  },
  "an unknown sso-session": {
    args: ["login", "--sso-session", "nope"],
    exit: 1,
    stderr: (box) =>
      `sso-oidc: SSO_SESSION_NOT_FOUND: ${box.configPath} has no [sso-session nope] section; add one with sso_start_url and sso_region.`,
  },
  "a profile without SSO settings": {
    args: ["token", "--profile", "plain"],
    exit: 1,
    stderr: (box) =>
      `sso-oidc: PROFILE_NOT_SSO: The profile "plain" in ${box.configPath} has no SSO settings; add sso_session = <name> with an [sso-session <name>] section (sso_start_url, sso_region), or sso_start_url and sso_region.`,
  },
  "a profile whose start URL is not https": {
    args: ["login", "--profile", "insecure"],
    exit: 1,
    stderr: () =>
      `sso-oidc: INVALID_START_URL: The profile "insecure" has sso_start_url "${HTTP_START_URL}", which is not an https URL; use your AWS access portal URL, e.g. https://d-1234567890.awsapps.com/start.`,
  },
  "a --start-url that is not https": {
    args: ["login", "--start-url", HTTP_START_URL, "--region", "us-east-1"],
    exit: 2,
    stderr: () =>
      `sso-oidc: INVALID_START_URL: --start-url must be an https URL, your AWS access portal URL such as https://d-1234567890.awsapps.com/start; got '${HTTP_START_URL}' (see 'sso-oidc login --help')`,
  },
  "--start-url without --region": {
    args: ["token", "--start-url", START_URL],
    exit: 2,
    stderr: () =>
      "sso-oidc: MISSING_OPTION: --start-url needs --region REGION, the IAM Identity Center region such as us-east-1 (see 'sso-oidc token --help')",
  },
  "two logins named at once": {
    args: ["login", "--profile", "p", "--sso-session", "corp"],
    exit: 2,
    stderr: () =>
      "sso-oidc: CONFLICTING_OPTIONS: Use only one of --profile, --sso-session and --start-url, not --profile and --sso-session (see 'sso-oidc login --help')",
  },
  "logout --all with a profile": {
    args: ["logout", "--all", "--profile", "p"],
    exit: 2,
    stderr: () =>
      "sso-oidc: CONFLICTING_OPTIONS: --all removes every token; drop --profile (see 'sso-oidc logout --help')",
  },
  "empty --scopes": {
    args: ["login", "--profile", "p", "--scopes", ","],
    exit: 2,
    stderr: () =>
      "sso-oidc: INVALID_OPTION_VALUE: --scopes needs at least one scope, e.g. --scopes sso:account:access (see 'sso-oidc login --help')",
  },
  "an unknown flag": {
    args: ["login", "--bogus"],
    exit: 2,
    stderr: () =>
      "sso-oidc: UNKNOWN_OPTION: Unknown option '--bogus' (see 'sso-oidc login --help')",
  },
  "a flag without its value": {
    args: ["token", "--profile"],
    exit: 2,
    stderr: () =>
      "sso-oidc: INVALID_OPTION_VALUE: Option '--profile <value>' argument missing (see 'sso-oidc token --help')",
  },
  "an argument demo does not take": {
    args: ["demo", "now"],
    exit: 2,
    stderr: () =>
      "sso-oidc: UNEXPECTED_ARGUMENT: Unexpected argument 'now' (see 'sso-oidc demo --help')",
  },
  "an unknown command": {
    args: ["logon"],
    exit: 2,
    stderr: () => "sso-oidc: UNKNOWN_COMMAND: Unknown command 'logon' (see 'sso-oidc --help')",
  },
  "a token that was never cached": {
    args: ["token", "--profile", "p"],
    exit: 1,
    stderr: (box) =>
      `sso-oidc: TOKEN_NOT_FOUND: No SSO token is cached for profile "p" (${box.tokenPath("corp")}); run \`sso-oidc login --profile p\`.`,
  },
};

describe("bad input ends with one line that names the fix, never a stack trace", () => {
  it.each(Object.entries(BAD_INPUTS))("%s", async (_, { args, exit, stderr }) => {
    const box = await createSandbox(emu.url);
    const result = await runBinToEnd(args, box.env);
    expect(result.stderr).toBe(`${stderr(box)}\n`);
    expect(result.code).toBe(exit);
    // Nothing was written for a command that failed before it started.
    await expect(readdir(box.cacheDir)).rejects.toThrow("ENOENT");
  });

  it("an unreachable endpoint during login: ENDPOINT_UNREACHABLE naming the URL, exit 1", async () => {
    const box = await createSandbox(UNREACHABLE);
    const result = await runBinToEnd(
      ["login", "--profile", "p", "--use-device-code", "--no-browser"],
      box.env,
    );
    expect(result).toEqual({
      code: 1,
      stdout: `Signing in with profile "p" (sso-session "corp") at ${START_URL} (us-east-1), device code flow.\n\n`,
      stderr: `sso-oidc: ENDPOINT_UNREACHABLE: Cannot reach the SSO OIDC endpoint ${UNREACHABLE} (RegisterClient: connect ECONNREFUSED 127.0.0.1:1); ${UNREACHABLE_FIX}\n`,
    });
  });

  it("an unreachable endpoint while refreshing an expired token: TOKEN_EXPIRED saying why, exit 1", async () => {
    const box = await createSandbox(UNREACHABLE);
    const path = box.tokenPath("corp");
    await mkdir(dirname(path), { recursive: true });
    await writeFile(
      path,
      JSON.stringify({
        startUrl: START_URL,
        region: "us-east-1",
        accessToken: "old-access-token",
        expiresAt: "2020-01-01T00:00:00Z",
        clientId: "client-id",
        clientSecret: "client-secret",
        registrationExpiresAt: "2099-01-01T00:00:00Z",
        refreshToken: "old-refresh-token",
      }),
    );
    const result = await runBinToEnd(["token", "--profile", "p"], box.env);
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr:
        `sso-oidc: TOKEN_EXPIRED: The SSO token for profile "p" expired at 2020-01-01T00:00:00Z. ` +
        `The SSO token could not be refreshed: CreateToken failed (EndpointUnreachableError: Cannot reach the SSO OIDC endpoint ${UNREACHABLE} (CreateToken: connect ECONNREFUSED 127.0.0.1:1); ${UNREACHABLE_FIX}). ` +
        "Run `sso-oidc login --profile p` to sign in again.\n",
    });
    expect(result.stderr).not.toContain("old-");
  });

  it("a config file that is a folder: CONFIG_UNREADABLE with the path and the OS's reason", async () => {
    const box = await createSandbox(emu.url);
    await rm(box.configPath);
    await mkdir(box.configPath);
    for (const args of [
      ["login", "--profile", "p"],
      ["token", "--sso-session", "corp"],
    ]) {
      expect(await runBinToEnd(args, box.env)).toEqual({
        code: 1,
        stdout: "",
        stderr: `sso-oidc: CONFIG_UNREADABLE: The config file ${box.configPath} cannot be read (EISDIR: illegal operation on a directory); make it a file you can read, or point AWS_CONFIG_FILE at one.\n`,
      });
    }
  });

  it.each([
    ["AWS_ENDPOINT_URL_SSO_OIDC", "not a url"],
    ["AWS_ENDPOINT_URL_SSO_OIDC", "ftp://127.0.0.1:21"],
    ["AWS_ENDPOINT_URL", "127.0.0.1:8321"],
  ])("a malformed %s (%j) is named with its value", async (name, value) => {
    const box = await createSandbox(emu.url);
    const env: Record<string, string> = { ...box.env, [name]: value };
    if (name !== "AWS_ENDPOINT_URL_SSO_OIDC") delete env["AWS_ENDPOINT_URL_SSO_OIDC"];
    const result = await runBinToEnd(
      ["login", "--profile", "p", "--use-device-code", "--no-browser"],
      env,
    );
    expect(result.stderr).toBe(
      `sso-oidc: INVALID_ENDPOINT_URL: ${name} is '${value}', which is not an http or https URL; set it to the endpoint's URL, such as http://127.0.0.1:8321 for 'sso-oidc emulator', or unset it.\n`,
    );
    expect(result.code).toBe(1);
  });
});
