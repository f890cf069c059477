import { mkdir, readdir, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { startEmulator } from "../../src/emulator/index";
import { RegisterClientCommand, SSOOIDCClient } from "../../src/index";
import { loginWithDeviceCode } from "../../src/flows/device-code";
import { createSsoTokenProvider } from "../../src/flows/token-provider";
import { refreshSsoToken } from "../../src/flows/refresh";
import {
  SsoTokenExpiredError,
  SsoTokenNotFoundError,
  TokenRefreshError,
} from "../../src/flows/errors";
import { createSsoCache } from "../../src/cache/sso-cache";
import { T0, count, createFakeTime, createTempHome, recordCalls, sequentialIds } from "./fixtures";
import type { Emulator } from "../../src/emulator/index";
import type { SsoCache, SsoToken } from "../../src/cache/sso-cache";
import type { FakeTime, RecordedCall } from "./fixtures";

const START_URL = "https://d-123.awsapps.com/start";
const MINUTE = 60_000;

let emu: Emulator;
let client: SSOOIDCClient;
let time: FakeTime;
let calls: RecordedCall[];
let home: Awaited<ReturnType<typeof createTempHome>>;
let cache: SsoCache;
let warnings: string[];

beforeEach(async () => {
  time = createFakeTime();
  emu = await startEmulator({ now: time.now, generateId: sequentialIds() });
  client = new SSOOIDCClient({ region: "us-east-1", endpoint: emu.url });
  calls = recordCalls(client, time.now);
  home = await createTempHome();
  warnings = [];
  cache = createSsoCache({ homeDir: home.dir, warn: (m) => void warnings.push(m) });
  await mkdir(join(home.dir, ".aws"));
  await writeFile(
    join(home.dir, ".aws", "config"),
    `[profile dev]\nsso_session = my-sso\n\n[sso-session my-sso]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n\n[profile legacy]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\n`,
  );
});
afterEach(async () => {
  client.destroy();
  await emu.close();
  await home.cleanup();
});

/** A refreshable token in the cache, minted by the emulator, expiring at T0 + `expiresInMs`. */
async function cacheToken(expiresInMs: number): Promise<SsoToken> {
  const reg = await client.send(
    new RegisterClientCommand({
      clientName: "test",
      clientType: "public",
      scopes: ["sso:account:access"],
      grantTypes: ["authorization_code", "refresh_token"],
      redirectUris: ["http://127.0.0.1/oauth/callback"],
    }),
  );
  calls.length = 0;
  // A real registration, so a refresh reaches the grant check; the emulator never issued this
  // refresh token, so the service refuses it unless a test fakes the answer.
  const token: SsoToken = {
    startUrl: START_URL,
    region: "us-east-1",
    accessToken: "cached-access",
    expiresAt: new Date(T0 + expiresInMs),
    clientId: reg.clientId!,
    clientSecret: reg.clientSecret!,
    registrationExpiresAt: new Date(reg.clientSecretExpiresAt! * 1000),
    refreshToken: "unknown-to-the-emulator",
  };
  await cache.writeToken("my-sso", token);
  return token;
}

function provider(overrides: Parameters<typeof createSsoTokenProvider>[0] = {}) {
  return createSsoTokenProvider({
    profile: "dev",
    homeDir: home.dir,
    env: {},
    cache,
    client,
    now: time.now,
    warn: (m) => void warnings.push(m),
    ...overrides,
  });
}

describe("createSsoTokenProvider", () => {
  it("returns the cached token as a TokenIdentity while it has more than 5 minutes left", async () => {
    await cacheToken(5 * MINUTE + 1000);
    expect(await provider()()).toEqual({
      token: "cached-access",
      expiration: new Date(T0 + 5 * MINUTE + 1000),
    });
    expect(calls).toEqual([]);
  });

  it("says how to log in when nothing is cached", async () => {
    const error = await provider()().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SsoTokenNotFoundError);
    expect(error).toMatchObject({
      code: "ERR_SSO_OIDC_TOKEN_NOT_FOUND",
      message: `No SSO token is cached for profile "dev" (${cache.tokenPath("my-sso")}); run \`sso-oidc login --profile dev\`.`,
    });
  });

  it("reads a legacy profile's token under its start URL", async () => {
    await cache.writeToken(START_URL, {
      accessToken: "legacy-access",
      expiresAt: new Date(T0 + 60 * MINUTE),
    });
    expect((await provider({ profile: "legacy" })()).token).toBe("legacy-access");
  });

  it("uses a token that cannot be refreshed until it expires, then says so", async () => {
    await cache.writeToken(START_URL, { accessToken: "legacy", expiresAt: new Date(T0 + MINUTE) });
    const get = provider({ profile: "legacy" });
    expect((await get()).token).toBe("legacy");
    expect(warnings).toEqual([]);
    time.advance(MINUTE);
    await expect(get()).rejects.toThrow(
      'The SSO token for profile "legacy" expired at 2026-03-01T12:01:00Z. The SSO token could not be refreshed: the cached token has no refresh token (logins without an sso-session get none). Run `sso-oidc login --profile legacy` to sign in again.',
    );
    time.advance(10_000);
    await expect(get()).rejects.toThrow(
      'The SSO token for profile "legacy" expired at 2026-03-01T12:01:00Z. Refreshing it failed less than 30 s ago. Run `sso-oidc login --profile legacy` to sign in again.',
    );
    expect(calls).toEqual([]);
  });
});

describe("createSsoTokenProvider refresh", () => {
  it("refreshes within 5 minutes of expiry, writes the new token back and returns it", async () => {
    const autoEmu = await startEmulator({
      now: time.now,
      generateId: sequentialIds(),
      autoApprove: true,
    });
    const autoClient = new SSOOIDCClient({ region: "us-east-1", endpoint: autoEmu.url });
    const autoCalls = recordCalls(autoClient, time.now);
    try {
      const token = await loginWithDeviceCode({
        client: autoClient,
        startUrl: START_URL,
        sessionName: "my-sso",
        scopes: ["sso:account:access"],
        cache,
        now: time.now,
        sleep: time.sleep,
        onVerification: () => undefined,
      });
      time.advance(56 * MINUTE); // 4 minutes and 1 second left
      const identity = await provider({ client: autoClient })();
      expect(identity).toEqual({
        token: "accessToken-2",
        expiration: new Date(T0 + 1000 + 56 * MINUTE + 60 * MINUTE),
      });
      expect(await cache.readToken("my-sso")).toEqual({
        ...token,
        accessToken: "accessToken-2",
        expiresAt: identity.expiration,
        refreshToken: "refreshToken-2",
      });
      expect(count(autoCalls, "CreateTokenCommand")).toBe(2);
    } finally {
      autoClient.destroy();
      await autoEmu.close();
    }
  });

  it("two concurrent calls share one refresh", async () => {
    await cacheToken(MINUTE);
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName !== "CreateTokenCommand") return next(args);
        return {
          response: {},
          output: { $metadata: {}, accessToken: "fresh", expiresIn: 3600, tokenType: "Bearer" },
        } as never;
      },
      { step: "initialize", name: "fakeRefresh", priority: "low" },
    );
    const get = provider();
    const [a, b] = await Promise.all([get(), get()]);
    expect(a).toEqual({ token: "fresh", expiration: new Date(T0 + 60 * MINUTE) });
    expect(b).toEqual(a);
    expect(count(calls, "CreateTokenCommand")).toBe(1);
    // The response had no refresh token: the cached one is kept.
    expect((await cache.readToken("my-sso"))!.refreshToken).toBe("unknown-to-the-emulator");
  });

  it("a failed refresh on a still-valid token returns it; attempts are 30 s apart", async () => {
    await cacheToken(4 * MINUTE);
    const get = provider();
    expect(await get()).toEqual({ token: "cached-access", expiration: new Date(T0 + 4 * MINUTE) });
    expect(count(calls, "CreateTokenCommand")).toBe(1);
    expect(warnings).toEqual([
      'Refreshing the SSO token for profile "dev" failed; using the cached token until it expires at 2026-03-01T12:04:00.000Z. The SSO token could not be refreshed: CreateToken failed (InvalidGrantException: Invalid refresh token provided).',
    ]);

    time.advance(29_000);
    expect((await get()).token).toBe("cached-access");
    expect(count(calls, "CreateTokenCommand")).toBe(1);

    time.advance(1_000);
    expect((await get()).token).toBe("cached-access");
    expect(count(calls, "CreateTokenCommand")).toBe(2);
  });

  it("an expired token whose refresh fails is reported as expired, with the cause", async () => {
    await cacheToken(-MINUTE);
    const error = (await provider()().catch((e: unknown) => e)) as SsoTokenExpiredError;
    expect(error).toBeInstanceOf(SsoTokenExpiredError);
    expect(error.code).toBe("ERR_SSO_OIDC_TOKEN_EXPIRED");
    expect(error.cause).toBeInstanceOf(TokenRefreshError);
    expect(error.message).toBe(
      'The SSO token for profile "dev" expired at 2026-03-01T11:59:00Z. The SSO token could not be refreshed: CreateToken failed (InvalidGrantException: Invalid refresh token provided). Run `sso-oidc login --profile dev` to sign in again.',
    );
  });

  it("a network failure on a valid token is not reported as expiry", async () => {
    await cacheToken(2 * MINUTE);
    emu.failNext("CreateToken", { reset: true, times: 3 });
    expect(await provider()()).toEqual({
      token: "cached-access",
      expiration: new Date(T0 + 2 * MINUTE),
    });
    expect(warnings).toHaveLength(1);
  });
});

describe("createSsoTokenProvider refresh shared with other processes", () => {
  it("reads the cache again under the lock and returns a token another process refreshed", async () => {
    const stale = await cacheToken(MINUTE);
    const other = {
      ...stale,
      accessToken: "refreshed-elsewhere",
      expiresAt: new Date(T0 + 60 * MINUTE),
    };
    const locks: string[] = [];
    const sharedCache: SsoCache = {
      ...cache,
      // Another process finished its refresh while this one waited for the lock.
      async lockToken(id) {
        await cache.writeToken(id, other);
        locks.push(id);
        return cache.lockToken!(id);
      },
    };
    expect(await provider({ cache: sharedCache })()).toEqual({
      token: "refreshed-elsewhere",
      expiration: new Date(T0 + 60 * MINUTE),
    });
    expect(locks).toEqual(["my-sso"]);
    expect(count(calls, "CreateTokenCommand")).toBe(0);
    await expect(readdir(cache.directory)).resolves.not.toContain(
      `${basename(cache.tokenPath("my-sso"))}.lock`,
    );
  });

  it("invalid_grant: returns the valid token that a process without the lock wrote", async () => {
    const autoEmu = await startEmulator({
      now: time.now,
      generateId: sequentialIds(),
      autoApprove: true,
      rotateRefreshTokens: true,
    });
    const ours = new SSOOIDCClient({ region: "us-east-1", endpoint: autoEmu.url });
    const theirs = new SSOOIDCClient({ region: "us-east-1", endpoint: autoEmu.url });
    onTestFinished(async () => {
      ours.destroy();
      theirs.destroy();
      await autoEmu.close();
    });
    const ourCalls = recordCalls(ours, time.now);
    const token = await loginWithDeviceCode({
      client: theirs,
      startUrl: START_URL,
      sessionName: "my-sso",
      scopes: ["sso:account:access"],
      cache,
      now: time.now,
      sleep: time.sleep,
      onVerification: () => undefined,
    });
    time.advance(58 * MINUTE);
    // Just before this process's refresh goes out, another one (the AWS CLI, say) spends the
    // same refresh token and writes its result.
    let raced = false;
    ours.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === "CreateTokenCommand" && !raced) {
          raced = true;
          await cache.writeToken(
            "my-sso",
            await refreshSsoToken(token, { client: theirs, now: time.now }),
          );
        }
        return next(args);
      },
      { step: "initialize", name: "raceAnotherProcess" },
    );
    const identity = await provider({ client: ours })();
    expect(identity).toEqual({
      token: "accessToken-2",
      expiration: new Date(T0 + 1000 + 58 * MINUTE + 60 * MINUTE),
    });
    // Ours was refused (the refresh token was spent), and nothing was overwritten.
    expect(count(ourCalls, "CreateTokenCommand")).toBe(1);
    expect((await cache.readToken("my-sso"))!.refreshToken).toBe("refreshToken-2");
    expect(warnings).toEqual([]);
  });
});
