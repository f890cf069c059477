import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { fromSSO } from "@aws-sdk/credential-provider-sso";
import { ListAccountsCommand, LogoutCommand } from "@aws-sdk/client-sso";
import { SSOOIDCClient, createSsoCache, loginWithDeviceCode } from "../../src/index";
import { createManualClock, sequentialIds, startTestEmulator } from "./support/test-emulator";
import { describePortalException, portalClient, portalException } from "./support/portal";
import { rejection } from "./support/wire";
import type { SSOServiceException } from "@aws-sdk/client-sso";
import type { Emulator, EmulatorIdKind } from "../../src/emulator/index";
import type { ManualClock } from "./support/test-emulator";

const START_URL = "https://d-1234567890.awsapps.com/start";
const SESSION = "corp";

/**
 * Profiles as `aws configure sso` writes them: `dev` with an sso-session, and `legacy` with the
 * start URL in the profile (its token is cached under the start URL and never refreshed).
 */
const CONFIG = `[profile dev]
sso_session = ${SESSION}
sso_account_id = 222222222222
sso_role_name = ReadOnlyAccess
region = eu-west-1

[sso-session ${SESSION}]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile legacy]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_account_id = 111111111111
sso_role_name = AdministratorAccess
`;

/**
 * Sequential ids, with role credentials shaped like real ones so each can be told apart:
 * `ASIAEMULATORKEY0000n`, and a 40-character secret and a session token ending in `n`.
 */
function wellFormedIds(): (kind: EmulatorIdKind) => string {
  const sequential = sequentialIds();
  return (kind) => {
    const id = sequential(kind);
    const n = id.slice(id.lastIndexOf("-") + 1);
    if (kind === "accessKeyId") return `ASIAEMULATORKEY${n.padStart(5, "0")}`;
    if (kind === "secretAccessKey") return `EmulatorSecret${n.padStart(26, "0")}`;
    if (kind === "sessionToken") return `EmulatorSessionToken${n.padStart(44, "0")}`;
    return id;
  };
}

/**
 * A home with `~/.aws/config`, and the environment the SDK reads set to it and to the emulator
 * (`AWS_ENDPOINT_URL_SSO` for the portal, `AWS_ENDPOINT_URL_SSO_OIDC` for the token refresh);
 * both are undone when the test ends.
 */
async function sandbox(emulatorUrl: string) {
  const home = await mkdtemp(join(tmpdir(), "sso-oidc-fromsso-"));
  onTestFinished(() => rm(home, { recursive: true, force: true }));
  const configFile = join(home, ".aws", "config");
  await mkdir(join(home, ".aws"));
  await writeFile(configFile, CONFIG);
  onTestFinished(() => void vi.unstubAllEnvs());
  vi.stubEnv("HOME", home);
  vi.stubEnv("AWS_CONFIG_FILE", configFile);
  vi.stubEnv("AWS_SHARED_CREDENTIALS_FILE", join(home, ".aws", "credentials"));
  vi.stubEnv("AWS_ENDPOINT_URL_SSO", emulatorUrl);
  vi.stubEnv("AWS_ENDPOINT_URL_SSO_OIDC", emulatorUrl);
  vi.stubEnv("AWS_PROFILE", undefined);
  vi.stubEnv("AWS_ENDPOINT_URL", undefined);
  vi.stubEnv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", undefined);
  return home;
}

/** A device login with this package's flow, approved at once, written to the home's cache. */
async function login(
  emu: Emulator,
  clock: ManualClock,
  home: string,
  session: { sessionName?: string; scopes?: string[] },
) {
  const oidc = new SSOOIDCClient({ region: "us-east-1", endpoint: emu.url });
  onTestFinished(() => oidc.destroy());
  return loginWithDeviceCode({
    client: oidc,
    startUrl: START_URL,
    ...session,
    cache: createSsoCache({ homeDir: home }),
    now: clock.now,
    sleep: async (ms) => clock.advance(ms),
    onVerification: ({ userCode }) => emu.approve(userCode),
  });
}

/** The credentials as a test compares them, without the SDK's bookkeeping (`$source`). */
function plain(credentials: Awaited<ReturnType<ReturnType<typeof fromSSO>>>) {
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = credentials;
  return { accessKeyId, secretAccessKey, sessionToken, expiration };
}

describe("official @aws-sdk/credential-provider-sso fromSSO against the emulator", () => {
  it("gets role credentials for a profile signed in with loginWithDeviceCode, and again after the token expired and was refreshed", async () => {
    // Whole seconds of the real clock: fromSSO judges the cached token by Date.now().
    const startMs = Math.floor(Date.now() / 1000) * 1000;
    const clock = createManualClock(startMs);
    const emu = await startTestEmulator({ now: clock.now, generateId: wellFormedIds() });
    const home = await sandbox(emu.url);
    const cache = createSsoCache({ homeDir: home });

    const token = await login(emu, clock, home, {
      sessionName: SESSION,
      scopes: ["sso:account:access"],
    });
    // One polling interval (1 s) after the start.
    const loginMs = startMs + 1000;
    expect(token).toMatchObject({
      accessToken: "accessToken-1",
      refreshToken: "refreshToken-1",
      expiresAt: new Date(loginMs + 3600_000),
    });

    const first = await fromSSO({ profile: "dev" })();
    expect(plain(first)).toEqual({
      accessKeyId: "ASIAEMULATORKEY00001",
      secretAccessKey: "EmulatorSecret00000000000000000000000001",
      sessionToken: `EmulatorSessionToken${"1".padStart(44, "0")}`,
      expiration: new Date(loginMs + 3600_000),
    });

    // The hour passes on the emulator, and the cache says so in the SDK's (real) time.
    clock.advance(3600_000);
    const sso = portalClient(emu.url);
    const refused = sso.send(new ListAccountsCommand({ accessToken: "accessToken-1" }));
    expect(describePortalException(await rejection<SSOServiceException>(refused))).toEqual(
      portalException("UnauthorizedException", 401, "Session token not found or invalid"),
    );
    await cache.writeToken(SESSION, { ...token, expiresAt: new Date(Date.now() - 60_000) });

    const beforeRefreshMs = Date.now();
    const second = await fromSSO({ profile: "dev" })();
    const afterRefreshMs = Date.now();
    expect(plain(second)).toEqual({
      accessKeyId: "ASIAEMULATORKEY00002",
      secretAccessKey: "EmulatorSecret00000000000000000000000002",
      sessionToken: `EmulatorSessionToken${"2".padStart(44, "0")}`,
      expiration: new Date(loginMs + 3600_000 + 3600_000),
    });

    // The SDK refreshed with CreateToken and wrote the new token back, in the AWS CLI's file.
    const cached = JSON.parse(await readFile(cache.tokenPath(SESSION), "utf8")) as Record<
      string,
      string
    >;
    expect(cached).toMatchObject({
      accessToken: "accessToken-2",
      refreshToken: "refreshToken-2",
      clientId: "clientId-1",
      clientSecret: "clientSecret-1",
      region: "us-east-1",
      startUrl: START_URL,
    });
    const expiresAtMs = Date.parse(cached["expiresAt"] ?? "");
    expect(expiresAtMs).toBeGreaterThanOrEqual(beforeRefreshMs + 3600_000);
    expect(expiresAtMs).toBeLessThanOrEqual(afterRefreshMs + 3600_000);
    const listed = await sso.send(new ListAccountsCommand({ accessToken: "accessToken-2" }));
    expect(listed.accountList?.map((account) => account.accountId)).toEqual([
      "111111111111",
      "222222222222",
    ]);
  });

  it("gets role credentials for a legacy profile, whose token is cached under the start URL", async () => {
    const startMs = Math.floor(Date.now() / 1000) * 1000;
    const clock = createManualClock(startMs);
    const emu = await startTestEmulator({ now: clock.now, generateId: wellFormedIds() });
    const home = await sandbox(emu.url);
    const token = await login(emu, clock, home, {});
    expect(token.refreshToken).toBeUndefined();

    expect(plain(await fromSSO({ profile: "legacy" })())).toEqual({
      accessKeyId: "ASIAEMULATORKEY00001",
      secretAccessKey: "EmulatorSecret00000000000000000000000001",
      sessionToken: `EmulatorSessionToken${"1".padStart(44, "0")}`,
      expiration: new Date(startMs + 1000 + 3600_000),
    });
  });

  it("fails with the portal's words once the session was logged out", async () => {
    const emu = await startTestEmulator();
    const home = await sandbox(emu.url);
    const token = await login(emu, createManualClock(Date.now()), home, {
      sessionName: SESSION,
      scopes: ["sso:account:access"],
    });
    await portalClient(emu.url).send(new LogoutCommand({ accessToken: token.accessToken }));

    const error = await rejection<Error>(fromSSO({ profile: "dev" })());
    expect({ name: error.name, message: error.message }).toEqual({
      name: "CredentialsProviderError",
      message: "UnauthorizedException: Session token not found or invalid",
    });
  });
});
