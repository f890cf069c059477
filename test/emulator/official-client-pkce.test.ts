import { describe, expect, it } from "vitest";
import { CreateTokenCommand, RegisterClientCommand } from "@aws-sdk/client-sso-oidc";
import { createManualClock, sequentialIds, startTestEmulator } from "./support/test-emulator";
import { describeException, officialClient, rejection, serviceException } from "./support/wire";
import { authorizeUrl, createPkcePair, startLoopbackListener } from "./support/pkce";
import { consentIdFrom, submitConsent } from "./support/pages";
import { callPortal } from "./support/portal";
import { deviceLogin } from "./support/device-flow";
import type { Emulator, EmulatorOptions } from "../../src/emulator/index";

const STATE = "0b6c1ba4-3c9e-4c3e-9f0e-5d1b2a7f9e11";

/**
 * The AWS CLI's PKCE registration: its redirect URI has no port, and the redirect it asks for
 * carries its listener's port (RFC 8252 §7.3).
 */
async function registerPkceClient(emu: Emulator) {
  return officialClient(emu.url).send(
    new RegisterClientCommand({
      clientName: "test-cli",
      clientType: "public",
      scopes: ["sso:account:access"],
      grantTypes: ["authorization_code", "refresh_token"],
      redirectUris: ["http://127.0.0.1/oauth/callback"],
      issuerUrl: "https://d-1234567890.awsapps.com/start",
    }),
  );
}

/** Registration, /authorize, consent; returns what the loopback listener would get. */
async function authorize(emu: Emulator, decision: "approve" | "deny") {
  const registration = await registerPkceClient(emu);
  const listener = await startLoopbackListener();
  const pkce = createPkcePair();
  const page = await fetch(
    authorizeUrl(emu.url, {
      clientId: registration.clientId ?? "",
      redirectUri: listener.redirectUri,
      state: STATE,
      codeChallenge: pkce.codeChallenge,
    }),
  );
  expect(page.status).toBe(200);
  expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
  const consent = await submitConsent(emu.url, consentIdFrom(await page.text()), decision);
  expect(consent.status).toBe(302);
  const location = consent.headers.get("location") ?? "";
  // Follow the redirect like a browser: the listener on the loopback port receives it.
  expect((await fetch(location)).status).toBe(200);
  return { registration, listener, pkce, location };
}

async function setUp(options: EmulatorOptions = {}) {
  const emu = await startTestEmulator({ generateId: sequentialIds(), ...options });
  const client = officialClient(emu.url);
  const flow = await authorize(emu, "approve");
  const exchange = (overrides: Partial<Record<string, string>> = {}) =>
    client.send(
      new CreateTokenCommand({
        clientId: flow.registration.clientId,
        clientSecret: flow.registration.clientSecret,
        grantType: "authorization_code",
        code: "authorizationCode-1",
        redirectUri: flow.listener.redirectUri,
        codeVerifier: flow.pkce.codeVerifier,
        ...overrides,
      }),
    );
  return { emu, client, flow, exchange };
}

describe("official client: authorization code with PKCE (RFC 7636, RFC 8252)", () => {
  it("redirects to the loopback port with code and state, and exchanges the code once", async () => {
    const { emu, client, flow, exchange } = await setUp();
    expect(flow.registration).toMatchObject({
      clientId: "clientId-1",
      authorizationEndpoint: `${emu.url}/authorize`,
      tokenEndpoint: `${emu.url}/token`,
    });
    expect(flow.location).toBe(
      `http://127.0.0.1:${flow.listener.port}/oauth/callback?code=authorizationCode-1&state=${STATE}`,
    );
    expect(flow.listener.received.map((query) => Object.fromEntries(query))).toEqual([
      { code: "authorizationCode-1", state: STATE },
    ]);

    const { $metadata, ...tokens } = await exchange();
    expect(tokens).toEqual({
      accessToken: "accessToken-1",
      tokenType: "Bearer",
      expiresIn: 3600,
      refreshToken: "refreshToken-1",
    });

    // RFC 6749 §4.1.2: a replayed code fails and revokes what the code produced.
    expect(describeException(await rejection(exchange()))).toEqual(
      serviceException(
        "InvalidGrantException",
        400,
        "invalid_grant",
        "Authorization code has already been used",
      ),
    );
    const refresh = client.send(
      new CreateTokenCommand({
        clientId: flow.registration.clientId,
        clientSecret: flow.registration.clientSecret,
        grantType: "refresh_token",
        refreshToken: "refreshToken-1",
      }),
    );
    expect((await rejection(refresh)).error_description).toBe("Invalid refresh token provided");
  });

  it("a code replayed after refreshes ends every token descended from it (RFC 6749 §4.1.2)", async () => {
    const { emu, client, flow, exchange } = await setUp();
    const first = await exchange();
    const refresh = (refreshToken: string) =>
      client.send(
        new CreateTokenCommand({
          clientId: flow.registration.clientId,
          clientSecret: flow.registration.clientSecret,
          grantType: "refresh_token",
          refreshToken,
        }),
      );
    const second = await refresh(first.refreshToken ?? "");
    const third = await refresh(second.refreshToken ?? "");
    expect([first, second, third].map((t) => [t.accessToken, t.refreshToken])).toEqual([
      ["accessToken-1", "refreshToken-1"],
      ["accessToken-2", "refreshToken-2"],
      ["accessToken-3", "refreshToken-3"],
    ]);
    expect((await callPortal(emu, "/assignment/accounts", "accessToken-3")).status).toBe(200);

    expect((await rejection(exchange())).error_description).toBe(
      "Authorization code has already been used",
    );
    // The rotated refresh token and every access token of the session stop working.
    expect((await rejection(refresh("refreshToken-3"))).error_description).toBe(
      "Invalid refresh token provided",
    );
    for (const accessToken of ["accessToken-1", "accessToken-2", "accessToken-3"]) {
      const portal = await callPortal(emu, "/assignment/accounts", accessToken);
      expect([accessToken, portal.status]).toEqual([accessToken, 401]);
    }
  });

  it("a replay ends only the session the code started", async () => {
    const emu = await startTestEmulator({ generateId: sequentialIds() });
    const client = officialClient(emu.url);
    const other = await deviceLogin(emu, client);
    const flow = await authorize(emu, "approve");
    const exchange = () =>
      client.send(
        new CreateTokenCommand({
          clientId: flow.registration.clientId,
          clientSecret: flow.registration.clientSecret,
          grantType: "authorization_code",
          code: new URL(flow.location).searchParams.get("code") ?? "",
          redirectUri: flow.listener.redirectUri,
          codeVerifier: flow.pkce.codeVerifier,
        }),
      );
    await exchange();
    await rejection(exchange());
    const portal = await callPortal(emu, "/assignment/accounts", other.tokens.accessToken);
    expect(portal.status).toBe(200);
  });

  it("redirects with error=access_denied and the state when the user denies", async () => {
    const emu = await startTestEmulator();
    const { location, listener } = await authorize(emu, "deny");
    const expected = new URL(listener.redirectUri);
    expected.search = new URLSearchParams({
      error: "access_denied",
      error_description: "The user denied the authorization request",
      state: STATE,
    }).toString();
    expect(location).toBe(expected.toString());
  });

  it.each([
    [{ codeVerifier: "x".repeat(43) }, "Code verifier does not match the code challenge"],
    [{ codeVerifier: "short" }, "Code verifier does not match the code challenge"],
    [
      { redirectUri: "http://127.0.0.1:1/oauth/callback" },
      "Redirect URI does not match the authorization request",
    ],
    [{ code: "authorizationCode-999" }, "Invalid authorization code provided"],
  ])("rejects a token request with %j", async (overrides, description) => {
    const { exchange } = await setUp();
    expect(describeException(await rejection(exchange(overrides)))).toEqual(
      serviceException("InvalidGrantException", 400, "invalid_grant", description),
    );
    // A failed attempt does not burn the code.
    expect((await exchange()).accessToken).toBe("accessToken-1");
  });

  it("rejects a code after 10 minutes and a code of another client", async () => {
    const clock = createManualClock();
    const { emu, client, exchange } = await setUp({ now: clock.now });
    const other = await registerPkceClient(emu);
    const stolen = client.send(
      new CreateTokenCommand({
        clientId: other.clientId,
        clientSecret: other.clientSecret,
        grantType: "authorization_code",
        code: "authorizationCode-1",
        redirectUri: "http://127.0.0.1/oauth/callback",
        codeVerifier: "x".repeat(43),
      }),
    );
    expect((await rejection(stolen)).error_description).toBe("Invalid authorization code provided");
    clock.advance(600_000);
    expect(describeException(await rejection(exchange()))).toEqual(
      serviceException(
        "InvalidGrantException",
        400,
        "invalid_grant",
        "Authorization code has expired",
      ),
    );
  });

  it("redirects at once with autoApprove", async () => {
    const emu = await startTestEmulator({ autoApprove: true, generateId: sequentialIds() });
    const registration = await registerPkceClient(emu);
    const response = await fetch(
      authorizeUrl(emu.url, {
        clientId: registration.clientId ?? "",
        redirectUri: "http://127.0.0.1:4321/oauth/callback",
        state: STATE,
        codeChallenge: createPkcePair().codeChallenge,
      }),
      { redirect: "manual" },
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(
      `http://127.0.0.1:4321/oauth/callback?code=authorizationCode-1&state=${STATE}`,
    );
  });
});
