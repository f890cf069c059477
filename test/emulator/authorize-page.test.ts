import { describe, expect, it } from "vitest";
import { startTestEmulator } from "./support/test-emulator";
import { postJson } from "./support/wire";
import { authorizeUrl, createPkcePair } from "./support/pkce";
import { alertText, consentIdFrom, submitConsent } from "./support/pages";
import type { Emulator } from "../../src/emulator/index";

describe("authorize page (RFC 6749 §4.1.2.1)", () => {
  async function pkceClient(emu: Emulator) {
    const registered = await postJson(emu.url, "/client/register", {
      clientName: "cli",
      clientType: "public",
      scopes: ["sso:account:access"],
      grantTypes: ["authorization_code", "refresh_token"],
      redirectUris: ["http://127.0.0.1/oauth/callback"],
    });
    return (registered.body as { clientId: string }).clientId;
  }
  const challenge = createPkcePair().codeChallenge;

  /** GET /authorize for a new client, some parameters overridden; redirects are not followed. */
  async function requestAuthorization(state: string, override: Record<string, string> = {}) {
    const emu = await startTestEmulator();
    const url = new URL(
      authorizeUrl(emu.url, {
        clientId: await pkceClient(emu),
        redirectUri: "http://127.0.0.1:5000/oauth/callback",
        state,
        codeChallenge: challenge,
      }),
    );
    for (const [key, value] of Object.entries(override)) url.searchParams.set(key, value);
    return { emu, response: await fetch(url, { redirect: "manual" }) };
  }

  it.each([
    [
      "an unknown client",
      { client_id: "nope" },
      "The client_id is missing, unknown or its registration has expired.",
    ],
    [
      "another path",
      { redirect_uri: "http://127.0.0.1:5000/evil" },
      "The redirect_uri is missing or not registered for this client.",
    ],
    [
      "another host",
      { redirect_uri: "http://evil.example/oauth/callback" },
      "The redirect_uri is missing or not registered for this client.",
    ],
    [
      "https",
      { redirect_uri: "https://127.0.0.1/oauth/callback" },
      "The redirect_uri is missing or not registered for this client.",
    ],
    [
      "no redirect_uri",
      { redirect_uri: "" },
      "The redirect_uri is missing or not registered for this client.",
    ],
  ])("shows an error page, never a redirect, for %s", async (_name, override, message) => {
    const { response } = await requestAuthorization("s", override);
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(await alertText(response)).toBe(message);
  });

  it.each([
    [
      "response_type=token",
      { response_type: "token" },
      "unsupported_response_type",
      "response_type must be code",
    ],
    [
      "no code_challenge",
      { code_challenge: "" },
      "invalid_request",
      "code_challenge and code_challenge_method=S256 are required",
    ],
    [
      "the plain method",
      { code_challenge_method: "plain" },
      "invalid_request",
      "code_challenge and code_challenge_method=S256 are required",
    ],
    [
      "a short challenge",
      { code_challenge: "abc" },
      "invalid_request",
      "code_challenge must be a base64url SHA-256 (43 characters)",
    ],
    [
      "an unregistered scope",
      { scopes: "sso:account:access openid" },
      "invalid_scope",
      "Scopes not registered for this client: openid",
    ],
  ])("redirects an error for %s", async (_name, override, error, description) => {
    const { response } = await requestAuthorization("s-1", override);
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location") ?? "");
    expect(`${location.origin}${location.pathname}`).toBe("http://127.0.0.1:5000/oauth/callback");
    expect(Object.fromEntries(location.searchParams)).toEqual({
      error,
      error_description: description,
      state: "s-1",
    });
  });

  it("answers a consent form once, and refuses unknown ones", async () => {
    const { emu, response: page } = await requestAuthorization("s");
    const consentId = consentIdFrom(await page.text());
    expect((await submitConsent(emu.url, consentId, "approve")).status).toBe(302);
    const replayed = await submitConsent(emu.url, consentId, "approve");
    expect(replayed.status).toBe(400);
    expect(await alertText(replayed)).toBe(
      "This authorization request is unknown or was already answered.",
    );
  });
});
