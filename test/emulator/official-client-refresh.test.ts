import { describe, expect, it } from "vitest";
import { CreateTokenCommand } from "@aws-sdk/client-sso-oidc";
import { sequentialIds, startTestEmulator } from "./support/test-emulator";
import { describeException, officialClient, rejection, serviceException } from "./support/wire";
import { deviceLogin } from "./support/device-flow";

describe("official client: refresh tokens (RFC 6749 §6)", () => {
  it("rotates refresh tokens and rejects a used one with the service's words", async () => {
    const emu = await startTestEmulator({ generateId: sequentialIds() });
    const client = officialClient(emu.url);
    const { clientId, clientSecret, tokens } = await deviceLogin(emu, client);
    const refresh = (refreshToken: string) =>
      client.send(
        new CreateTokenCommand({
          clientId,
          clientSecret,
          grantType: "refresh_token",
          refreshToken,
        }),
      );

    const first = await refresh(tokens.refreshToken ?? "");
    expect(first).toMatchObject({
      accessToken: "accessToken-2",
      refreshToken: "refreshToken-2",
      tokenType: "Bearer",
      expiresIn: 3600,
    });
    expect(describeException(await rejection(refresh("refreshToken-1")))).toEqual(
      serviceException(
        "InvalidGrantException",
        400,
        "invalid_grant",
        "Invalid refresh token provided",
      ),
    );
    expect(await refresh("refreshToken-2")).toMatchObject({ refreshToken: "refreshToken-3" });
    expect((await rejection(refresh("never-issued"))).error_description).toBe(
      "Invalid refresh token provided",
    );
  });

  it("keeps the refresh token when rotateRefreshTokens is false", async () => {
    const emu = await startTestEmulator({
      rotateRefreshTokens: false,
      generateId: sequentialIds(),
    });
    const client = officialClient(emu.url);
    const { clientId, clientSecret } = await deviceLogin(emu, client);
    const input = {
      clientId,
      clientSecret,
      grantType: "refresh_token",
      refreshToken: "refreshToken-1",
    };
    expect(await client.send(new CreateTokenCommand(input))).toMatchObject({
      accessToken: "accessToken-2",
      refreshToken: "refreshToken-1",
    });
    expect(await client.send(new CreateTokenCommand(input))).toMatchObject({
      accessToken: "accessToken-3",
      refreshToken: "refreshToken-1",
    });
  });

  it("issues no refresh token to a legacy registration without scopes, unless refreshTokens is 'always'", async () => {
    const legacy = await startTestEmulator();
    const { tokens } = await deviceLogin(legacy, officialClient(legacy.url), []);
    expect(tokens.refreshToken).toBeUndefined();
    expect(tokens.accessToken).toMatch(/^aoa[A-Za-z0-9_-]{64}$/);

    const always = await startTestEmulator({ refreshTokens: "always" });
    const withRefresh = await deviceLogin(always, officialClient(always.url), []);
    expect(withRefresh.tokens.refreshToken).toMatch(/^aor[A-Za-z0-9_-]{64}$/);

    const never = await startTestEmulator({ refreshTokens: "never" });
    const withoutRefresh = await deviceLogin(never, officialClient(never.url));
    expect(withoutRefresh.tokens.refreshToken).toBeUndefined();
  });
});
