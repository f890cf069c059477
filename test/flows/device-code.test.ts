import { readFile } from "node:fs/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index";
import { ExpiredTokenException, SSOOIDCClient, AccessDeniedException } from "../../src/index";
import { loginWithDeviceCode } from "../../src/flows/device-code";
import {
  LoginDeniedError,
  LoginExpiredError,
  UnexpectedResponseError,
} from "../../src/flows/errors";
import { createSsoCache } from "../../src/cache/sso-cache";
import { T0, count, createFakeTime, createTempHome, recordCalls, sequentialIds } from "./fixtures";
import type { Emulator, EmulatorOptions } from "../../src/emulator/index";
import type { DeviceVerification } from "../../src/flows/device-code";
import type { SsoCache } from "../../src/cache/sso-cache";
import type { FakeTime, RecordedCall } from "./fixtures";

const START_URL = "https://d-1234567890.awsapps.com/start";

let emu: Emulator;
let client: SSOOIDCClient;
let time: FakeTime;
let calls: RecordedCall[];
let cache: SsoCache;
let home: Awaited<ReturnType<typeof createTempHome>>;
let verifications: DeviceVerification[];

async function setUp(options: EmulatorOptions = {}) {
  time = createFakeTime();
  emu = await startEmulator({ now: time.now, generateId: sequentialIds(), ...options });
  client = new SSOOIDCClient({ region: "us-east-1", endpoint: emu.url });
  calls = recordCalls(client, time.now);
  home = await createTempHome();
  cache = createSsoCache({ homeDir: home.dir });
  verifications = [];
}

/** Approves (or denies) the pending code right after the given sleep. */
function decideAfterSleep(sleepNumber: number, decision: "approve" | "deny" = "approve") {
  time.onSleep = (n) => {
    if (n === sleepNumber) emu[decision](verifications.at(-1)!.userCode);
  };
}

function login(overrides: Partial<Parameters<typeof loginWithDeviceCode>[0]> = {}) {
  return loginWithDeviceCode({
    client,
    startUrl: START_URL,
    cache,
    now: time.now,
    sleep: time.sleep,
    onVerification: (v) => void verifications.push(v),
    ...overrides,
  });
}

/** Approves each login's code right after its first sleep. */
function approveEachLogin() {
  const decided = new Set<string>();
  time.onSleep = () => {
    const { userCode } = verifications.at(-1)!;
    if (decided.has(userCode)) return;
    decided.add(userCode);
    emu.approve(userCode);
  };
}

function pollTimes(): number[] {
  return calls
    .filter((call) => call.command === "CreateTokenCommand")
    .map((call) => call.atMs - T0);
}

beforeEach(() => setUp({ intervalSeconds: 2 }));
afterEach(async () => {
  client.destroy();
  await emu.close();
  await home.cleanup();
});

describe("loginWithDeviceCode", () => {
  it("shows the code, polls every interval while pending, and caches the token", async () => {
    decideAfterSleep(3);
    const token = await login();

    expect(verifications).toEqual([
      {
        userCode: "CODE-0001",
        verificationUri: `${emu.url}/device`,
        verificationUriComplete: `${emu.url}/device?user_code=CODE-0001`,
        expiresAt: new Date(T0 + 600_000),
      },
    ]);
    expect(time.sleeps).toEqual([2000, 2000, 2000]);
    expect(pollTimes()).toEqual([2000, 4000, 6000]);
    expect(calls.find((c) => c.command === "CreateTokenCommand")!.input).toEqual({
      clientId: "clientId-1",
      clientSecret: "clientSecret-1",
      grantType: "urn:ietf:params:oauth:grant-type:device_code",
      deviceCode: "deviceCode-1",
    });
    expect(token).toEqual({
      startUrl: START_URL,
      region: "us-east-1",
      accessToken: "accessToken-1",
      expiresAt: new Date(T0 + 6000 + 3600_000),
      clientId: "clientId-1",
      clientSecret: "clientSecret-1",
      registrationExpiresAt: new Date(T0 + 90 * 86_400_000),
    });
    // Legacy login (no sso-session, no scopes): the AWS CLI's file, keyed by the start URL.
    expect(JSON.parse(await readFile(cache.tokenPath(START_URL), "utf8"))).toEqual({
      startUrl: START_URL,
      region: "us-east-1",
      accessToken: "accessToken-1",
      expiresAt: "2026-03-01T13:00:06Z",
      clientId: "clientId-1",
      clientSecret: "clientSecret-1",
      registrationExpiresAt: "2026-05-30T12:00:00Z",
    });
    expect(await cache.readRegistration({ startUrl: START_URL, region: "us-east-1" })).toEqual({
      clientId: "clientId-1",
      clientSecret: "clientSecret-1",
      expiresAt: new Date(T0 + 90 * 86_400_000),
    });
  });

  it("reuses the cached registration on the next login", async () => {
    approveEachLogin();
    await login();
    await login();
    expect(count(calls, "RegisterClientCommand")).toBe(1);
    expect(count(calls, "StartDeviceAuthorizationCommand")).toBe(2);
    expect((await cache.readToken(START_URL))!.accessToken).toBe("accessToken-2");
  });

  it("registers anew, once, when the service refuses the cached registration", async () => {
    approveEachLogin();
    await login();
    const key = {
      startUrl: START_URL,
      region: "us-east-1",
      scopes: undefined,
      sessionName: undefined,
    };
    const cached = (await cache.readRegistration(key))!;
    await cache.writeRegistration(key, { ...cached, clientId: "unknown-client" });
    await login();
    expect(calls.map((c) => c.command).filter((c) => c !== "CreateTokenCommand")).toStrictEqual([
      "RegisterClientCommand",
      "StartDeviceAuthorizationCommand",
      "StartDeviceAuthorizationCommand",
      "RegisterClientCommand",
      "StartDeviceAuthorizationCommand",
    ]);
    expect((await cache.readRegistration(key))!.clientId).not.toBe("unknown-client");
    expect((await cache.readToken(START_URL))!.accessToken).toBe("accessToken-2");
  });

  it("registers anew when the cached registration is about to expire", async () => {
    approveEachLogin();
    await login();
    time.advance(90 * 86_400_000 - 10 * 60_000);
    await login();
    expect(count(calls, "RegisterClientCommand")).toBe(2);
  });

  it("an sso-session login registers its scopes and caches under the session name", async () => {
    decideAfterSleep(1);
    const token = await login({ sessionName: "my-sso", scopes: ["sso:account:access"] });
    expect(calls[0]!.input).toEqual({
      clientName: "sso-oidc-my-sso",
      clientType: "public",
      scopes: ["sso:account:access"],
    });
    expect(token.refreshToken).toBe("refreshToken-1");
    expect(await cache.readToken("my-sso")).toEqual(token);
    expect(await cache.readToken(START_URL)).toBeUndefined();
  });

  it("slow_down adds 5 s to this and every later poll (RFC 8628 §3.5)", async () => {
    emu.failNext("CreateToken", { error: "SlowDownException" });
    decideAfterSleep(4);
    await login();
    expect(time.sleeps).toEqual([2000, 7000, 7000, 7000]);
    expect(pollTimes()).toEqual([2000, 9000, 16000, 23000]);
  });

  it("two slow_downs add 10 s", async () => {
    emu.failNext("CreateToken", { error: "SlowDownException", times: 2 });
    decideAfterSleep(3);
    await login();
    expect(time.sleeps).toEqual([2000, 7000, 12000]);
  });

  it.each([
    ["0", 0],
    ["absent", undefined],
  ])("polls every 5 s when the interval is %s (RFC 8628 §3.2)", async (_, interval) => {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        if (context.commandName === "StartDeviceAuthorizationCommand") {
          (result.output as { interval?: number }).interval = interval;
        }
        return result;
      },
      { step: "initialize", name: "rewriteInterval" },
    );
    decideAfterSleep(2);
    await login();
    expect(time.sleeps).toEqual([5000, 5000]);
    expect(pollTimes()).toEqual([5000, 10000]);
  });

  it("ends with LoginExpiredError when expiresIn is reached, without polling after it", async () => {
    await emu.close();
    await setUp({ intervalSeconds: 2, deviceCodeExpiresInSeconds: 5 });
    const error = await login().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoginExpiredError);
    expect(error).toMatchObject({
      code: "ERR_SSO_OIDC_LOGIN_EXPIRED",
      message:
        "The login request expired before it was approved (it was valid for 5 s). Run the login again and approve the request in the browser before it expires.",
    });
    expect(time.sleeps).toEqual([2000, 2000, 1000]);
    expect(pollTimes()).toEqual([2000, 4000]);
  });

  it("ends with LoginExpiredError on ExpiredTokenException", async () => {
    emu.failNext("CreateToken", { error: "ExpiredTokenException" });
    const error = (await login().catch((e: unknown) => e)) as LoginExpiredError;
    expect(error).toBeInstanceOf(LoginExpiredError);
    expect(error.cause).toBeInstanceOf(ExpiredTokenException);
    expect(pollTimes()).toEqual([2000]);
  });

  it("ends with LoginDeniedError when the user denies", async () => {
    decideAfterSleep(2, "deny");
    const error = (await login().catch((e: unknown) => e)) as LoginDeniedError;
    expect(error).toBeInstanceOf(LoginDeniedError);
    expect(error.code).toBe("ERR_SSO_OIDC_LOGIN_DENIED");
    expect(error.message).toBe(
      "The login request was denied in the browser. If you meant to sign in, run the login again and approve the request.",
    );
    expect(error.cause).toBeInstanceOf(AccessDeniedException);
    expect(pollTimes()).toEqual([2000, 4000]);
    expect(await cache.readToken(START_URL)).toBeUndefined();
  });

  it("an abort mid-sleep ends the login at once with the signal's reason", async () => {
    const controller = new AbortController();
    const reason = new Error("user pressed Ctrl-C");
    time.hangAt = 2;
    time.onSleep = undefined;
    const pending = login({ signal: controller.signal });
    while (time.sleeps.length < 2) await new Promise((resolve) => setTimeout(resolve, 1));
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(pollTimes()).toEqual([2000]);
  });

  it("an aborted signal sends nothing", async () => {
    const reason = new Error("cancelled");
    await expect(login({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(calls).toEqual([]);
  });

  it("service errors other than the polling ones propagate unchanged", async () => {
    emu.failNext("CreateToken", { error: "InvalidClientException" });
    await expect(login()).rejects.toMatchObject({ name: "InvalidClientException" });
  });

  it("waits an interval longer than a timer holds in parts, never polling early", async () => {
    // Just past what a Node timer holds: such a delay fires after 1 ms.
    await emu.close();
    await setUp({ intervalSeconds: 2_147_484, deviceCodeExpiresInSeconds: 2 ** 31 - 1 });
    decideAfterSleep(1);
    await login();
    expect(time.sleeps).toEqual([2 ** 31 - 1, 2_147_484_000 - (2 ** 31 - 1)]);
    expect(pollTimes()).toEqual([2_147_484_000]);
  });

  it("the last wait before the deadline is clamped to the code's remaining lifetime", async () => {
    await emu.close();
    await setUp({ intervalSeconds: 2_147_484, deviceCodeExpiresInSeconds: 600 });
    const error = await login().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoginExpiredError);
    expect(time.sleeps).toEqual([600_000]);
    expect(pollTimes()).toEqual([]);
  });

  it.each([
    ["StartDeviceAuthorization", 0, "StartDeviceAuthorizationCommand"],
    ["StartDeviceAuthorization", -600, "StartDeviceAuthorizationCommand"],
    ["CreateToken", 0, "CreateTokenCommand"],
    ["CreateToken", -1, "CreateTokenCommand"],
    ["CreateToken", Number.POSITIVE_INFINITY, "CreateTokenCommand"],
  ])(
    "a %s response with expiresIn %s is an UnexpectedResponseError",
    async (operation, value, command) => {
      client.middlewareStack.add(
        (next, context) => async (args) => {
          const result = await next(args);
          if (context.commandName === command) {
            (result.output as { expiresIn?: number }).expiresIn = value;
          }
          return result;
        },
        { step: "initialize", name: "rewriteExpiresIn" },
      );
      decideAfterSleep(1);
      const error = await login().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnexpectedResponseError);
      expect(error).toMatchObject({
        code: "ERR_SSO_OIDC_UNEXPECTED_RESPONSE",
        operation,
        member: "expiresIn",
        message: `${operation} succeeded but its response has no valid expiresIn (a number above zero); the service or a proxy in between sent an incomplete answer. Try again; if it persists, check the endpoint.`,
      });
      expect(await cache.readToken(START_URL)).toBeUndefined();
    },
  );
});
