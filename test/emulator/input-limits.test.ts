import { describe, expect, it } from "vitest";
import { startTestEmulator } from "./support/test-emulator";
import { expectWireError, invalidRequest, postJson, rawDeviceClient } from "./support/wire";

/*
 * The emulator's input length limits (the model declares none): one over the limit is
 * InvalidRequestException in the service's validation wording, without the value; at the
 * limit is accepted.
 */

function tooLong(path: string, max: number) {
  return invalidRequest(
    `Value at '${path}' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
  );
}

const REGISTRATION = { clientName: "app", clientType: "public" };
const PKCE = {
  grantTypes: ["authorization_code", "refresh_token"],
  redirectUris: ["http://127.0.0.1/oauth/callback"],
};

describe("RegisterClient input limits", () => {
  it.each([
    ["a 63 KB clientName", { clientName: "n".repeat(63 * 1024) }, tooLong("clientName", 256)],
    ["a 257-character clientName", { clientName: "n".repeat(257) }, tooLong("clientName", 256)],
    [
      "26 scopes",
      { scopes: Array.from({ length: 26 }, (_, i) => `scope:${i}`) },
      tooLong("scopes", 25),
    ],
    [
      "a 257-character third scope",
      { scopes: ["a", "b", "s".repeat(257)] },
      tooLong("scopes.3.member", 256),
    ],
    [
      "9 redirect URIs",
      { ...PKCE, redirectUris: Array.from({ length: 9 }, (_, i) => `http://127.0.0.1/cb${i}`) },
      tooLong("redirectUris", 8),
    ],
    [
      "a 2,049-character redirect URI",
      { ...PKCE, redirectUris: [`http://127.0.0.1/${"p".repeat(2049 - 17)}`] },
      tooLong("redirectUris.1.member", 2048),
    ],
    [
      "a 2,049-character issuerUrl",
      { issuerUrl: `https://${"h".repeat(2041)}` },
      tooLong("issuerUrl", 2048),
    ],
  ])("refuses %s", async (_name, members, expected) => {
    const emu = await startTestEmulator();
    expectWireError(
      await postJson(emu.url, "/client/register", { ...REGISTRATION, ...members }),
      expected,
    );
  });

  it("accepts every member at its limit", async () => {
    const emu = await startTestEmulator();
    const response = await postJson(emu.url, "/client/register", {
      ...REGISTRATION,
      ...PKCE,
      clientName: "n".repeat(256),
      scopes: Array.from({ length: 25 }, (_, i) => `${i}`.padEnd(256, "s")),
      redirectUris: Array.from({ length: 8 }, (_, i) => `http://127.0.0.1/${i}`.padEnd(2048, "p")),
      issuerUrl: "https://d-1234567890.awsapps.com/".padEnd(2048, "x"),
    });
    expect(response.status).toBe(200);
  });
});

describe("CreateToken and StartDeviceAuthorization input limits", () => {
  it("refuses a 2,049-character refresh token and start URL, naming the member only", async () => {
    const emu = await startTestEmulator();
    const device = await rawDeviceClient(emu);
    const refresh = await postJson(emu.url, "/token", {
      clientId: device.clientId,
      clientSecret: device.clientSecret,
      grantType: "refresh_token",
      refreshToken: "r".repeat(2049),
    });
    expectWireError(refresh, tooLong("refreshToken", 2048));
    expect(JSON.stringify(refresh.body)).not.toContain("rrrr");
    const start = await postJson(emu.url, "/device_authorization", {
      clientId: device.clientId,
      clientSecret: device.clientSecret,
      startUrl: `https://${"d".repeat(2041)}`,
    });
    expectWireError(start, tooLong("startUrl", 2048));
  });
});
