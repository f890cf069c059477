import { appendFile, mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GetRoleCredentialsCommand, SSOClient, UnauthorizedException } from "@aws-sdk/client-sso";
import { startEmulator } from "../../src/emulator/index";
import {
  CreateTokenCommand,
  InvalidGrantException,
  registrationCacheKey,
  SSOOIDCClient,
  tokenCacheKey,
} from "../../src/index";
import {
  START_URL,
  createSandbox,
  deviceLogin,
  recordingIds,
  requireBuiltBin,
  runBinToEnd,
} from "./support/cli-harness";
import type { Emulator } from "../../src/emulator/index";
import type { Sandbox } from "./support/cli-harness";

/*
 * `sso-oidc logout` as `aws sso logout`: Logout at the access portal for each token it removes,
 * the AWS CLI's SSO role credentials removed, registrations kept; against a real emulator.
 */

let emu: Emulator;
const ids = recordingIds();

beforeAll(async () => {
  requireBuiltBin();
  emu = await startEmulator({ generateId: ids.generateId, autoApprove: true });
});
afterAll(() => emu.close());

/** Profiles that take a role through each login, as `aws configure sso` writes them. */
const ROLE_PROFILES = `
[profile p-admin]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = AdministratorAccess

[profile p-read]
sso_session = corp
sso_account_id = 222222222222
sso_role_name = ReadOnlyAccess

[profile legacy-read]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_account_id = 222222222222
sso_role_name = ReadOnlyAccess
`;

/**
 * The AWS CLI's role credentials file names for those profiles: sha1 of
 * `json.dumps({"accountId", "roleName", "sessionName" or "startUrl"}, sort_keys=True,
 * separators=(",", ":"))`, computed with Python's json and hashlib.
 */
const CORP_ADMIN = "16e5f373157b11b9ca274bd774686b0119407b56.json";
const CORP_READ = "c511edc416210d8577598c5c3ad7777c36f4a4fc.json";
const LEGACY_READ = "19ff5e2b94d628533a643fb8212ecd216160beed.json";

const CORP_TOKEN = `${tokenCacheKey("corp")}.json`;
const LEGACY_TOKEN = `${tokenCacheKey(START_URL)}.json`;
const CORP_REGISTRATION = `${registrationCacheKey({
  startUrl: START_URL,
  region: "us-east-1",
  scopes: ["sso:account:access"],
  sessionName: "corp",
})}.json`;
const LEGACY_REGISTRATION = `${registrationCacheKey({ startUrl: START_URL, region: "us-east-1" })}.json`;

interface Login {
  accessToken: string;
  refreshToken: string;
  clientId: string;
  clientSecret: string;
}

async function sandbox(): Promise<Sandbox & { cliCacheDir: string }> {
  const box = await createSandbox(emu.url);
  await appendFile(box.configPath, ROLE_PROFILES);
  const cliCacheDir = join(box.home, ".aws", "cli", "cache");
  await mkdir(cliCacheDir, { recursive: true });
  return { ...box, cliCacheDir };
}

async function login(box: Sandbox, ...target: string[]): Promise<Login> {
  await deviceLogin(box, target);
  const token = await box.readToken(target[0] === "--start-url" ? START_URL : "corp");
  return {
    accessToken: token["accessToken"]!,
    refreshToken: token["refreshToken"] ?? "",
    clientId: token["clientId"] ?? "",
    clientSecret: token["clientSecret"] ?? "",
  };
}

function portal(): SSOClient {
  return new SSOClient({ region: "us-east-1", endpoint: emu.url, maxAttempts: 1 });
}

function getRoleCredentials(accessToken: string, accountId: string, roleName: string) {
  return portal().send(new GetRoleCredentialsCommand({ accessToken, accountId, roleName }));
}

/**
 * Role credentials from the portal (which proves the token works), cached the way the AWS CLI
 * caches them for a profile: `{"ProviderType": "sso", "Credentials": {...}}`.
 */
async function cacheRoleCredentials(
  box: { cliCacheDir: string },
  file: string,
  accessToken: string,
  accountId: string,
  roleName: string,
): Promise<void> {
  const { roleCredentials } = await getRoleCredentials(accessToken, accountId, roleName);
  expect(roleCredentials?.accessKeyId).toBe(ids.last("accessKeyId"));
  await writeFile(
    join(box.cliCacheDir, file),
    JSON.stringify({
      ProviderType: "sso",
      Credentials: {
        AccessKeyId: roleCredentials?.accessKeyId,
        SecretAccessKey: roleCredentials?.secretAccessKey,
        SessionToken: roleCredentials?.sessionToken,
        Expiration: new Date(roleCredentials?.expiration ?? 0).toISOString(),
      },
    }),
  );
}

/** The portal's answer to a token it does not take: UnauthorizedException, HTTP 401. */
async function expectRefusedByPortal(accessToken: string): Promise<void> {
  const error: unknown = await getRoleCredentials(
    accessToken,
    "111111111111",
    "AdministratorAccess",
  ).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(UnauthorizedException);
  expect((error as UnauthorizedException).$metadata.httpStatusCode).toBe(401);
}

/** CreateToken with the login's refresh token, which Logout revoked: invalid_grant. */
async function expectRefreshRefused(token: Login): Promise<void> {
  const client = new SSOOIDCClient({ region: "us-east-1", endpoint: emu.url, maxAttempts: 1 });
  const refresh = client.send(
    new CreateTokenCommand({
      clientId: token.clientId,
      clientSecret: token.clientSecret,
      grantType: "refresh_token",
      refreshToken: token.refreshToken,
    }),
  );
  await expect(refresh).rejects.toBeInstanceOf(InvalidGrantException);
  client.destroy();
}

/** Other things the AWS CLI keeps in ~/.aws/cli/cache, which a logout leaves alone. */
async function writeOtherCliCacheFiles(box: { cliCacheDir: string }): Promise<string[]> {
  const assumeRole = "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567.json";
  await writeFile(
    join(box.cliCacheDir, assumeRole),
    JSON.stringify({ Credentials: { AccessKeyId: "ASIAOTHER" }, AssumedRoleUser: {} }),
  );
  await writeFile(join(box.cliCacheDir, "notes.txt"), "kept");
  return [assumeRole, "notes.txt"];
}

describe("sso-oidc logout, as aws sso logout", () => {
  it("signs the login out at the portal, removes its token and its profiles' role credentials, and keeps the rest", async () => {
    const box = await sandbox();
    const corp = await login(box, "--profile", "p");
    const legacy = await login(box, "--start-url", START_URL, "--region", "us-east-1");
    await cacheRoleCredentials(
      box,
      CORP_ADMIN,
      corp.accessToken,
      "111111111111",
      "AdministratorAccess",
    );
    await cacheRoleCredentials(box, CORP_READ, corp.accessToken, "222222222222", "ReadOnlyAccess");
    await cacheRoleCredentials(
      box,
      LEGACY_READ,
      legacy.accessToken,
      "222222222222",
      "ReadOnlyAccess",
    );
    const others = await writeOtherCliCacheFiles(box);

    expect(await runBinToEnd(["logout", "--profile", "p"], box.env)).toEqual({
      code: 0,
      stdout: [
        `Removed ~/.aws/sso/cache/${CORP_TOKEN} (signed out at ${emu.url})`,
        `Removed ~/.aws/cli/cache/${CORP_ADMIN} (role credentials)`,
        `Removed ~/.aws/cli/cache/${CORP_READ} (role credentials)`,
        'Logged out profile "p" (sso-session "corp"): removed 1 cached token and 2 role credentials files.',
        "",
      ].join("\n"),
      stderr: "",
    });

    await expectRefusedByPortal(corp.accessToken);
    await expectRefreshRefused(corp);
    // The other login is untouched, at the service and on disk.
    expect(
      (await getRoleCredentials(legacy.accessToken, "111111111111", "ReadOnlyAccess"))
        .roleCredentials,
    ).toBeDefined();
    expect((await readdir(box.cacheDir)).sort()).toEqual(
      [CORP_REGISTRATION, LEGACY_REGISTRATION, LEGACY_TOKEN].sort(),
    );
    expect((await readdir(box.cliCacheDir)).sort()).toEqual([LEGACY_READ, ...others].sort());

    // Again: nothing of this login is left.
    expect(await runBinToEnd(["logout", "--profile", "p"], box.env)).toEqual({
      code: 0,
      stdout: `No cached token for profile "p" (sso-session "corp") (~/.aws/sso/cache/${CORP_TOKEN}); nothing to remove.\n`,
      stderr: "",
    });
  });

  it("removes a login's role credentials when its token is gone already, and a damaged token file", async () => {
    const box = await sandbox();
    const legacy = await login(box, "--start-url", START_URL, "--region", "us-east-1");
    await cacheRoleCredentials(
      box,
      LEGACY_READ,
      legacy.accessToken,
      "222222222222",
      "ReadOnlyAccess",
    );
    await rm(box.tokenPath(START_URL));
    expect(await runBinToEnd(["logout", "--profile", "legacy-read"], box.env)).toEqual({
      code: 0,
      stdout: [
        `Removed ~/.aws/cli/cache/${LEGACY_READ} (role credentials)`,
        'Logged out profile "legacy-read": removed 1 role credentials file.',
        "",
      ].join("\n"),
      stderr: "",
    });

    const again = await login(box, "--start-url", START_URL, "--region", "us-east-1");
    await cacheRoleCredentials(
      box,
      LEGACY_READ,
      again.accessToken,
      "222222222222",
      "ReadOnlyAccess",
    );
    await writeFile(box.tokenPath(START_URL), "{damaged");
    expect(
      await runBinToEnd(["logout", "--start-url", START_URL, "--region", "us-east-1"], box.env),
    ).toEqual({
      code: 0,
      stdout: [
        `Removed ~/.aws/sso/cache/${LEGACY_TOKEN} (not a valid token)`,
        `Removed ~/.aws/cli/cache/${LEGACY_READ} (role credentials)`,
        `Logged out start URL ${START_URL}: removed 1 cached token and 1 role credentials file.`,
        "",
      ].join("\n"),
      stderr: "",
    });
    expect(await readdir(box.cliCacheDir)).toEqual([]);
  });

  it("--all signs every token out, removes every SSO role credentials file, and keeps registrations", async () => {
    const box = await sandbox();
    const corp = await login(box, "--profile", "p");
    const legacy = await login(box, "--start-url", START_URL, "--region", "us-east-1");
    await cacheRoleCredentials(
      box,
      CORP_ADMIN,
      corp.accessToken,
      "111111111111",
      "AdministratorAccess",
    );
    await cacheRoleCredentials(
      box,
      LEGACY_READ,
      legacy.accessToken,
      "222222222222",
      "ReadOnlyAccess",
    );
    // SSO role credentials of a profile no config file names any more go too, as with the AWS CLI.
    const orphan = "ffffffffffffffffffffffffffffffffffffffff.json";
    await writeFile(join(box.cliCacheDir, orphan), JSON.stringify({ ProviderType: "sso" }));
    const others = await writeOtherCliCacheFiles(box);

    const tokenLines = [CORP_TOKEN, LEGACY_TOKEN]
      .sort()
      .map((name) => `Removed ~/.aws/sso/cache/${name} (signed out at ${emu.url})`);
    const roleLines = [CORP_ADMIN, LEGACY_READ, orphan]
      .sort()
      .map((name) => `Removed ~/.aws/cli/cache/${name} (role credentials)`);
    expect(await runBinToEnd(["logout", "--all"], box.env)).toEqual({
      code: 0,
      stdout: [
        ...tokenLines,
        ...roleLines,
        "Logged out: removed 2 cached tokens and 3 role credentials files.",
        "",
      ].join("\n"),
      stderr: "",
    });

    await expectRefusedByPortal(corp.accessToken);
    await expectRefusedByPortal(legacy.accessToken);
    // A legacy login (no scopes) gets no refresh token; the sso-session login's is revoked.
    expect(legacy.refreshToken).toBe("");
    await expectRefreshRefused(corp);
    expect((await readdir(box.cacheDir)).sort()).toEqual(
      [CORP_REGISTRATION, LEGACY_REGISTRATION].sort(),
    );
    expect((await readdir(box.cliCacheDir)).sort()).toEqual(others.sort());
  });

  it("takes a token the portal no longer accepts as signed out already", async () => {
    const box = await sandbox();
    const corp = await login(box, "--profile", "p");
    const signedOut = await fetch(`${emu.url}/logout`, {
      method: "POST",
      headers: { "x-amz-sso_bearer_token": corp.accessToken },
    });
    expect(signedOut.status).toBe(200);

    expect(await runBinToEnd(["logout", "--sso-session", "corp"], box.env)).toEqual({
      code: 0,
      stdout: [
        `Removed ~/.aws/sso/cache/${CORP_TOKEN} (the portal no longer took it: expired or signed out already)`,
        'Logged out sso-session "corp": removed 1 cached token.',
        "",
      ].join("\n"),
      stderr: "",
    });
  });
});

describe("sso-oidc logout when the portal fails", () => {
  it("still removes the files, warns in one line without the token, and exits 1 (portal error)", async () => {
    const box = await sandbox();
    const corp = await login(box, "--profile", "p");
    await cacheRoleCredentials(
      box,
      CORP_ADMIN,
      corp.accessToken,
      "111111111111",
      "AdministratorAccess",
    );
    emu.failNext("Logout", { error: "TooManyRequestsException" });

    const result = await runBinToEnd(["logout", "--profile", "p-admin"], box.env);
    expect(result).toEqual({
      code: 1,
      stdout: [
        `Removed ~/.aws/sso/cache/${CORP_TOKEN} (not signed out at the portal, see the warning)`,
        `Removed ~/.aws/cli/cache/${CORP_ADMIN} (role credentials)`,
        'Logged out profile "p-admin" (sso-session "corp"): removed 1 cached token and 1 role credentials file.',
        "",
      ].join("\n"),
      stderr: `sso-oidc: warning: PORTAL_REFUSED: Logout at ${emu.url} was refused (TooManyRequestsException, HTTP 429). ~/.aws/sso/cache/${CORP_TOKEN} is removed here, but its session stays valid at the service until it expires.\n`,
    });
    expect(result.stdout + result.stderr).not.toContain(corp.accessToken);
    // The warning is true: the session still works at the service.
    expect(
      (await getRoleCredentials(corp.accessToken, "111111111111", "AdministratorAccess"))
        .roleCredentials,
    ).toBeDefined();
    expect(await readdir(box.cacheDir)).toEqual([CORP_REGISTRATION]);
    expect(await readdir(box.cliCacheDir)).toEqual([]);
  });

  it("still removes the files, warns in one line, and exits 1 (portal stopped)", async () => {
    const stopped = await startEmulator();
    await stopped.close();
    const box = await sandbox();
    const corp = await login(box, "--profile", "p");
    const result = await runBinToEnd(["logout", "--all"], {
      ...box.env,
      AWS_ENDPOINT_URL_SSO: stopped.url,
    });
    expect(result).toEqual({
      code: 1,
      stdout: [
        `Removed ~/.aws/sso/cache/${CORP_TOKEN} (not signed out at the portal, see the warning)`,
        "Logged out: removed 1 cached token.",
        "",
      ].join("\n"),
      stderr: `sso-oidc: warning: PORTAL_UNREACHABLE: Logout at ${stopped.url} failed: ECONNREFUSED. ~/.aws/sso/cache/${CORP_TOKEN} is removed here, but its session stays valid at the service until it expires.\n`,
    });
    expect(result.stdout + result.stderr).not.toContain(corp.accessToken);
    expect(await readdir(box.cacheDir)).toEqual([CORP_REGISTRATION]);
  });
});
