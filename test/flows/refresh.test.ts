import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index";
import { InvalidGrantException, SSOOIDCClient } from "../../src/index";
import { loginWithDeviceCode } from "../../src/flows/device-code";
import { refreshSsoToken } from "../../src/flows/refresh";
import { TokenRefreshError } from "../../src/flows/errors";
import { T0, createFakeTime, recordCalls, sequentialIds } from "./fixtures";
import type { Emulator, EmulatorOptions } from "../../src/emulator/index";
import type { SsoToken } from "../../src/cache/sso-cache";
import type { FakeTime, RecordedCall } from "./fixtures";

let emu: Emulator;
let client: SSOOIDCClient;
let time: FakeTime;
let calls: RecordedCall[];
let token: SsoToken;

async function setUp(options: EmulatorOptions = {}) {
  time = createFakeTime();
  emu = await startEmulator({
    now: time.now,
    generateId: sequentialIds(),
    autoApprove: true,
    ...options,
  });
  client = new SSOOIDCClient({ region: "us-east-1", endpoint: emu.url });
  calls = recordCalls(client, time.now);
  token = await loginWithDeviceCode({
    client,
    startUrl: "https://d-123.awsapps.com/start",
    sessionName: "my-sso",
    scopes: ["sso:account:access"],
    cache: null,
    now: time.now,
    sleep: time.sleep,
    onVerification: () => undefined,
  });
  time.advance(3000 * 1000);
}

afterEach(async () => {
  client.destroy();
  await emu.close();
});

describe("refreshSsoToken", () => {
  beforeEach(() => setUp());

  it("sends the refresh_token grant and keeps the rotated refresh token", async () => {
    expect(token.refreshToken).toBe("refreshToken-1");
    const refreshed = await refreshSsoToken(token, { client, now: time.now });
    expect(calls.at(-1)!.input).toEqual({
      clientId: "clientId-1",
      clientSecret: "clientSecret-1",
      grantType: "refresh_token",
      refreshToken: "refreshToken-1",
    });
    expect(refreshed).toEqual({
      ...token,
      accessToken: "accessToken-2",
      expiresAt: new Date(T0 + 1000 + 3000_000 + 3600_000),
      refreshToken: "refreshToken-2",
    });
    // The emulator rotates: the old refresh token is spent, the new one works.
    await expect(refreshSsoToken(token, { client, now: time.now })).rejects.toBeInstanceOf(
      TokenRefreshError,
    );
    expect((await refreshSsoToken(refreshed, { client, now: time.now })).refreshToken).toBe(
      "refreshToken-3",
    );
  });

  it("keeps the previous refresh token when the response has none (RFC 6749 §6)", async () => {
    client.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        delete (result.output as { refreshToken?: string }).refreshToken;
        return result;
      },
      { step: "initialize", name: "dropRefreshToken" },
    );
    const refreshed = await refreshSsoToken(token, { client, now: time.now });
    expect(refreshed.accessToken).toBe("accessToken-2");
    expect(refreshed.refreshToken).toBe("refreshToken-1");
  });

  it("reports the service's refusal with the exception as cause", async () => {
    const error = (await refreshSsoToken(
      { ...token, refreshToken: "bogus" },
      { client, now: time.now },
    ).catch((e: unknown) => e)) as TokenRefreshError;
    expect(error).toBeInstanceOf(TokenRefreshError);
    expect(error.code).toBe("ERR_SSO_OIDC_REFRESH_FAILED");
    expect(error.message).toBe(
      "The SSO token could not be refreshed: CreateToken failed (InvalidGrantException: Invalid refresh token provided).",
    );
    expect(error.cause).toBeInstanceOf(InvalidGrantException);
  });

  it("says why a token cannot be refreshed, without calling the service", async () => {
    const before = calls.length;
    const { refreshToken: _, ...withoutRefresh } = token;
    await expect(refreshSsoToken(withoutRefresh, { client, now: time.now })).rejects.toThrow(
      "The SSO token could not be refreshed: the cached token has no refresh token (logins without an sso-session get none).",
    );
    await expect(
      refreshSsoToken(
        { ...token, registrationExpiresAt: new Date(time.now() - 1000) },
        { client, now: time.now },
      ),
    ).rejects.toThrow(
      "The SSO token could not be refreshed: the client registration expired at 2026-03-01T12:50:00.000Z.",
    );
    expect(calls.length).toBe(before);
  });
});
