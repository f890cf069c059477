import { chmod, mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  isHttpsUrl,
  resolveSsoConfig,
  splitScopes,
  ssoConfigForStartUrl,
} from "../../src/cache/config";
import { SsoConfigError } from "../../src/cache/errors";

const CONFIG = `
[default]
region = us-east-1

[profile dev]
sso_session = my-sso
sso_account_id = 111122223333
sso_role_name = Dev

[profile legacy]
sso_start_url = https://d-legacy.awsapps.com/start
sso_region = eu-west-1

[profile dangling]
sso_session = nowhere

[profile plain]
region = us-west-2

[profile insecure]
sso_start_url = http://d-123.awsapps.com/start
sso_region = us-east-1

[profile conflicting]
sso_session = my-sso
sso_start_url = https://elsewhere.awsapps.com/start

[profile half]
sso_session = half

[sso-session my-sso]
sso_start_url = https://d-123.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access, codewhisperer:completions,

[sso-session half]
sso_region = us-east-1
`;

let home: string;
let configFilepath: string;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), "sso-oidc-config-"));
  await mkdir(join(home, ".aws"));
  configFilepath = join(home, ".aws", "config");
  await writeFile(configFilepath, CONFIG);
});
afterEach(() => rm(home, { recursive: true, force: true }));

function resolve(options: Parameters<typeof resolveSsoConfig>[0] = {}) {
  return resolveSsoConfig({ homeDir: home, env: {}, ...options });
}

async function failure(options: Parameters<typeof resolveSsoConfig>[0]) {
  const error = await resolve(options).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SsoConfigError);
  return error as SsoConfigError;
}

describe("resolveSsoConfig", () => {
  it("follows a profile's sso_session to its [sso-session] section", async () => {
    expect(await resolve({ profile: "dev" })).toEqual({
      profileName: "dev",
      sessionName: "my-sso",
      startUrl: "https://d-123.awsapps.com/start",
      region: "us-east-1",
      registrationScopes: ["sso:account:access", "codewhisperer:completions"],
      cacheId: "my-sso",
    });
  });

  it("reads a legacy profile, cached under its start URL", async () => {
    expect(await resolve({ profile: "legacy" })).toEqual({
      profileName: "legacy",
      sessionName: undefined,
      startUrl: "https://d-legacy.awsapps.com/start",
      region: "eu-west-1",
      registrationScopes: undefined,
      cacheId: "https://d-legacy.awsapps.com/start",
    });
  });

  it("takes the profile from AWS_PROFILE and the file from AWS_CONFIG_FILE", async () => {
    const other = join(home, "other-config");
    await writeFile(
      other,
      "[profile x]\nsso_start_url = https://x.awsapps.com/start\nsso_region = ap-south-1\n",
    );
    const config = await resolveSsoConfig({
      homeDir: home,
      env: { AWS_PROFILE: "x", AWS_CONFIG_FILE: other },
    });
    expect(config).toMatchObject({ profileName: "x", region: "ap-south-1" });
  });

  it("resolves an sso-session by name", async () => {
    expect(await resolve({ ssoSession: "my-sso" })).toMatchObject({
      profileName: undefined,
      sessionName: "my-sso",
      cacheId: "my-sso",
    });
  });

  it("re-reads the file on every call", async () => {
    await resolve({ profile: "dev" });
    await writeFile(
      configFilepath,
      "[profile dev]\nsso_start_url = https://new.awsapps.com/start\nsso_region = us-east-2\n",
    );
    expect(await resolve({ profile: "dev" })).toMatchObject({ region: "us-east-2" });
  });

  it("names an unknown profile", async () => {
    const error = await failure({ profile: "nope" });
    expect(error.code).toBe("ERR_SSO_OIDC_PROFILE_NOT_FOUND");
    expect(error.message).toBe(
      `The profile "nope" is not in ${configFilepath}; add a [profile nope] section or choose another profile with --profile or AWS_PROFILE.`,
    );
  });

  it("names an unknown sso-session", async () => {
    const error = await failure({ profile: "dangling" });
    expect(error.code).toBe("ERR_SSO_OIDC_SSO_SESSION_NOT_FOUND");
    expect(error.message).toBe(
      `The profile "dangling" uses sso_session "nowhere", but ${configFilepath} has no [sso-session nowhere] section; add one with sso_start_url and sso_region.`,
    );
    expect((await failure({ ssoSession: "nowhere" })).code).toBe(
      "ERR_SSO_OIDC_SSO_SESSION_NOT_FOUND",
    );
  });

  it("names a profile without SSO settings", async () => {
    const error = await failure({ profile: "plain" });
    expect(error.code).toBe("ERR_SSO_OIDC_PROFILE_NOT_SSO");
    expect(error.message).toBe(
      `The profile "plain" in ${configFilepath} has no SSO settings; add sso_session = <name> with an [sso-session <name>] section (sso_start_url, sso_region), or sso_start_url and sso_region.`,
    );
    expect((await failure({})).code).toBe("ERR_SSO_OIDC_PROFILE_NOT_SSO"); // [default]
  });

  it("refuses a start URL that is not https", async () => {
    const error = await failure({ profile: "insecure" });
    expect(error.code).toBe("ERR_SSO_OIDC_INVALID_START_URL");
    expect(error.message).toBe(
      'The profile "insecure" has sso_start_url "http://d-123.awsapps.com/start", which is not an https URL; use your AWS access portal URL, e.g. https://d-1234567890.awsapps.com/start.',
    );
  });

  it("refuses a profile that contradicts its sso-session, and an incomplete session", async () => {
    expect((await failure({ profile: "conflicting" })).code).toBe(
      "ERR_SSO_OIDC_CONFLICTING_SSO_CONFIG",
    );
    const half = await failure({ profile: "half" });
    expect(half.code).toBe("ERR_SSO_OIDC_INCOMPLETE_SSO_SESSION");
    expect(half.message).toBe(
      `[sso-session half] in ${configFilepath} has no sso_start_url; add it to that section.`,
    );
  });

  it("reports a missing config file as an unknown profile", async () => {
    await rm(configFilepath);
    expect((await failure({ profile: "dev" })).code).toBe("ERR_SSO_OIDC_PROFILE_NOT_FOUND");
  });
});

describe("the config's rules, shared with the CLI", () => {
  it("splitScopes splits on commas, trims, and drops blanks, as the AWS CLI reads the setting", () => {
    expect(splitScopes(" sso:account:access, codewhisperer:completions,, ")).toEqual([
      "sso:account:access",
      "codewhisperer:completions",
    ]);
    expect(splitScopes(",")).toEqual([]);
  });

  it("isHttpsUrl accepts only a parseable https URL", () => {
    expect(isHttpsUrl("https://d-123.awsapps.com/start")).toBe(true);
    expect(isHttpsUrl("http://d-123.awsapps.com/start")).toBe(false);
    expect(isHttpsUrl("d-123.awsapps.com/start")).toBe(false);
  });

  it("ssoConfigForStartUrl is the login a legacy profile with that start URL resolves to", async () => {
    const legacy = await resolve({ profile: "legacy" });
    expect(ssoConfigForStartUrl("https://d-legacy.awsapps.com/start", "eu-west-1")).toEqual({
      ...legacy,
      profileName: undefined,
    });
  });
});

describe("a config file that exists but cannot be read", () => {
  it("a folder at the config path is CONFIG_UNREADABLE with the OS's reason, not a missing profile", async () => {
    await rm(configFilepath);
    await mkdir(configFilepath);
    for (const options of [{ profile: "dev" }, { ssoSession: "my-sso" }]) {
      const error = await failure(options);
      expect(error).toMatchObject({
        code: "ERR_SSO_OIDC_CONFIG_UNREADABLE",
        configFilepath,
        message: `The config file ${configFilepath} cannot be read (EISDIR: illegal operation on a directory); make it a file you can read, or point AWS_CONFIG_FILE at one.`,
      });
    }
  });

  it.skipIf(process.getuid?.() === 0 || process.platform === "win32")(
    "a file without read permission is CONFIG_UNREADABLE (EACCES)",
    async () => {
      await chmod(configFilepath, 0o000);
      const error = await failure({ profile: "dev" });
      expect(error).toMatchObject({
        code: "ERR_SSO_OIDC_CONFIG_UNREADABLE",
        message: `The config file ${configFilepath} cannot be read (EACCES: permission denied); make it a file you can read, or point AWS_CONFIG_FILE at one.`,
      });
    },
  );

  it("a file that does not exist is still a missing profile", async () => {
    await rm(configFilepath);
    expect(await failure({ profile: "dev" })).toMatchObject({
      code: "ERR_SSO_OIDC_PROFILE_NOT_FOUND",
    });
  });
});
