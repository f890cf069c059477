import { CreateTokenCommand, SSOOIDCClient } from "@aws-sdk/client-sso-oidc";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index";
import { tokenCacheKey } from "../../src/index";
import { deviceLogin } from "../emulator/support/device-flow";

/*
 * A real consumer: @aws-sdk/token-providers 3.723.0, the last release whose
 * `fromSso` `require()`s @aws-sdk/client-sso-oidc (later ones carry their own
 * copy of the client), installed as the devDependency `token-providers-3723`.
 * npm cannot make one package's dependency resolve to the project itself
 * (a `file:.` override of it fails to install), so the test lays out, for
 * each client, a folder whose `node_modules` holds a copy of that release,
 * links to the dependencies npm installed for it, and
 * `@aws-sdk/client-sso-oidc` linked to either this package (its built `dist`)
 * or the official one. Node resolves the copy's `require()` from the folder:
 * no resolver hook, nothing outside Node's own rules. `fromSso` then runs in a
 * child process against the emulator, with the AWS CLI's files in a
 * temporary HOME, and both clients must give the same outcomes.
 */

const ROOT = join(__dirname, "../..");
const INSTALLED = join(ROOT, "node_modules/token-providers-3723");
const START_URL = "https://d-1234567890.awsapps.com/start";
const EXPIRED_MESSAGE =
  "Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.";

type ClientName = "ours" | "official";

const CLIENTS: Record<ClientName, string> = {
  ours: ROOT,
  official: join(ROOT, "node_modules/@aws-sdk/client-sso-oidc"),
};

const dirs: string[] = [];
const consumers = {} as Record<ClientName, string>;
let emu: Emulator;

/** A folder where `@aws-sdk/token-providers` 3.723.0 finds `client` as its SSO OIDC client. */
async function layOutConsumer(client: ClientName): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `sso-oidc-token-providers-${client}-`));
  dirs.push(dir);
  const modules = join(dir, "node_modules");
  await mkdir(join(modules, "@aws-sdk"), { recursive: true });
  await cp(INSTALLED, join(modules, "@aws-sdk/token-providers"), {
    recursive: true,
    dereference: true,
  });
  await symlink(CLIENTS[client], join(modules, "@aws-sdk/client-sso-oidc"), "dir");
  const manifest = JSON.parse(await readFile(join(INSTALLED, "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
  };
  const resolveFromInstalled = createRequire(join(INSTALLED, "package.json"));
  for (const dependency of Object.keys(manifest.dependencies)) {
    const copied = join(modules, "@aws-sdk/token-providers/node_modules", dependency);
    if (existsSync(copied)) continue;
    const target = dirname(resolveFromInstalled.resolve(`${dependency}/package.json`));
    await mkdir(dirname(join(modules, dependency)), { recursive: true });
    await symlink(target, join(modules, dependency), "dir");
  }
  return dir;
}

interface Sandbox {
  readonly env: Record<string, string>;
  readonly tokenPath: string;
}

/** A HOME with the AWS CLI's config naming the SSO session `corp`, and its token file path. */
async function sandbox(): Promise<Sandbox> {
  const home = await mkdtemp(join(tmpdir(), "sso-oidc-token-providers-home-"));
  dirs.push(home);
  const configPath = join(home, "config");
  await writeFile(
    configPath,
    `[profile p]\nsso_session = corp\n\n[sso-session corp]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\n`,
  );
  const cacheDir = join(home, ".aws/sso/cache");
  await mkdir(cacheDir, { recursive: true });
  return {
    tokenPath: join(cacheDir, `${tokenCacheKey("corp")}.json`),
    env: {
      PATH: process.env.PATH ?? "",
      HOME: home,
      AWS_CONFIG_FILE: configPath,
      AWS_SHARED_CREDENTIALS_FILE: join(home, "credentials"),
      AWS_ENDPOINT_URL_SSO_OIDC: emu.url,
      AWS_EC2_METADATA_DISABLED: "true",
      NODE_NO_WARNINGS: "1",
    },
  };
}

const FROM_SSO = `
const { realpathSync } = require("node:fs");
const providers = require.resolve("@aws-sdk/token-providers");
const client = realpathSync(require.resolve("@aws-sdk/client-sso-oidc", { paths: [providers] }));
const { fromSso } = require("@aws-sdk/token-providers");
fromSso({ profile: "p" })().then(
  (identity) => process.stdout.write(JSON.stringify({ client, token: identity.token, expiration: identity.expiration.toISOString() })),
  (error) => process.stdout.write(JSON.stringify({ client, error: { name: error.name, message: error.message } })),
);
`;

interface FromSsoOutcome {
  readonly client: string;
  readonly token?: string;
  readonly expiration?: string;
  readonly error?: { name: string; message: string };
}

function runFromSso(client: ClientName, env: Record<string, string>): Promise<FromSsoOutcome> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["-e", FROM_SSO],
      { cwd: consumers[client], env, timeout: 20_000 },
      (error, stdout, stderr) =>
        error
          ? reject(new Error(`${error.message}\n${stderr}`))
          : resolve(JSON.parse(stdout) as FromSsoOutcome),
    );
  });
}

/** A registration and tokens from a device login at the emulator, as `aws sso login` caches them. */
async function loggedIn(expiresAt: Date) {
  const client = new SSOOIDCClient({ region: "us-east-1", endpoint: emu.url });
  const login = await deviceLogin(emu, client);
  client.destroy();
  return {
    startUrl: START_URL,
    region: "us-east-1",
    accessToken: login.tokens.accessToken!,
    expiresAt: expiresAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
    clientId: login.clientId,
    clientSecret: login.clientSecret,
    registrationExpiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    refreshToken: login.tokens.refreshToken!,
  };
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, "dist/index.cjs"))) {
    throw new Error("dist is missing: run `npm run build` first (`npm test` does).");
  }
  emu = await startEmulator();
  consumers.ours = await layOutConsumer("ours");
  consumers.official = await layOutConsumer("official");
});
afterAll(async () => {
  await emu?.close();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Whether CreateToken with the cached registration and refresh token succeeds now. */
async function refreshSucceeds(token: Record<string, string>): Promise<boolean> {
  const client = new SSOOIDCClient({ region: "us-east-1", endpoint: emu.url, maxAttempts: 1 });
  try {
    await client.send(
      new CreateTokenCommand({
        clientId: token.clientId,
        clientSecret: token.clientSecret,
        grantType: "refresh_token",
        refreshToken: token.refreshToken,
      }),
    );
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

interface Scenario {
  /** When the cached token expires, from now. */
  readonly expiresInMs: number;
  /** The service answers the refresh with invalid_grant. */
  readonly invalidGrant: boolean;
  check(
    outcome: FromSsoOutcome,
    before: Record<string, string>,
    after: Record<string, string>,
  ): unknown;
}

/** Each scenario: the token file it starts from, and what it expects of fromSso and the file after. */
const SCENARIOS: Record<string, Scenario> = {
  "a token inside the five-minute window is refreshed with CreateToken and written back": {
    expiresInMs: 60_000,
    invalidGrant: false,
    check(outcome, before, after) {
      expect(outcome.error).toBeUndefined();
      expect(outcome.token).not.toBe(before.accessToken);
      expect(after.accessToken).toBe(outcome.token);
      expect(after.refreshToken).not.toBe(before.refreshToken);
      expect(new Date(outcome.expiration!).getTime()).toBeGreaterThan(Date.now() + 3_000_000);
      return { refreshed: true };
    },
  },
  "invalid_grant with a still valid token: the cached token is used": {
    expiresInMs: 120_000,
    invalidGrant: true,
    check(outcome, before, after) {
      expect(outcome).toMatchObject({
        token: before.accessToken,
        expiration: new Date(before.expiresAt!).toISOString(),
      });
      expect(after).toStrictEqual(before);
      return { refreshed: false, token: "cached" };
    },
  },
  "invalid_grant with an expired token: the token is expired": {
    expiresInMs: -60_000,
    invalidGrant: true,
    check(outcome, before, after) {
      expect(outcome.error).toStrictEqual({ name: "TokenProviderError", message: EXPIRED_MESSAGE });
      expect(after).toStrictEqual(before);
      return { refreshed: false, error: outcome.error };
    },
  },
};

describe.each(Object.keys(SCENARIOS))("@aws-sdk/token-providers 3.723.0 fromSso: %s", (name) => {
  it("has the same outcome with this package as its SSO OIDC client as with the official one", async () => {
    const scenario = SCENARIOS[name]!;
    const results: Record<ClientName, unknown> = { ours: undefined, official: undefined };
    for (const client of ["official", "ours"] as const) {
      const box = await sandbox();
      const before = await loggedIn(new Date(Date.now() + scenario.expiresInMs));
      await writeFile(box.tokenPath, JSON.stringify(before));
      if (scenario.invalidGrant) {
        emu.failNext("CreateToken", {
          error: "InvalidGrantException",
          errorDescription: "Invalid refresh token provided",
        });
      }
      const outcome = await runFromSso(client, box.env);
      // The refresh was attempted: the injected invalid_grant is used up, so this one works.
      if (scenario.invalidGrant) expect(await refreshSucceeds(before)).toBe(true);
      expect(outcome.client).toBe(
        await realpath(
          client === "ours"
            ? join(ROOT, "dist/index.cjs")
            : require.resolve("@aws-sdk/client-sso-oidc"),
        ),
      );
      const after = JSON.parse(await readFile(box.tokenPath, "utf8")) as Record<string, string>;
      results[client] = scenario.check(outcome, before, after);
    }
    expect(results.ours).toStrictEqual(results.official);
  });
});
