import { describe, expect, it } from "vitest";
import { CreateTokenWithIAMCommand, RegisterClientCommand } from "@aws-sdk/client-sso-oidc";
import { sequentialIds, startTestEmulator } from "./support/test-emulator";
import { describeException, rejection, serviceException } from "./support/wire";
import { authorizeUrl, createPkcePair } from "./support/pkce";
import { iamClient } from "./support/iam-client";
import type { Emulator } from "../../src/emulator/index";

const APPLICATION_ARN =
  "arn:aws:sso::123456789012:application/ssoins-111111111111/apl-222222222222";
const REFRESH_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:refresh_token";
const ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
const FUTURE_SECONDS = Math.floor(Date.now() / 1000) + 3600;

function jwt(payload: object, header: object = { alg: "RS256", typ: "JWT" }): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part(header)}.${part(payload)}.c2lnbmF0dXJl`;
}

function decodePayload(token: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from((token ?? "").split(".")[1] ?? "", "base64url").toString());
}

/** A registered PKCE client and an authorization code for it (autoApprove skips the page). */
async function authorizationCode(emu: Emulator) {
  const { client } = iamClient(emu);
  const registration = await client.send(
    new RegisterClientCommand({
      clientName: "web-app",
      clientType: "public",
      scopes: ["openid", "sso:account:access"],
      grantTypes: ["authorization_code", "refresh_token"],
      redirectUris: ["http://127.0.0.1/callback"],
    }),
  );
  const pkce = createPkcePair();
  const redirectUri = "http://127.0.0.1:8080/callback";
  const url = authorizeUrl(emu.url, {
    clientId: registration.clientId ?? "",
    redirectUri,
    state: "s",
    codeChallenge: pkce.codeChallenge,
    scopes: "openid sso:account:access",
  });
  const location = (await fetch(url, { redirect: "manual" })).headers.get("location") ?? "";
  const code = new URL(location).searchParams.get("code") ?? "";
  return { clientId: registration.clientId ?? "", code, redirectUri, ...pkce };
}

describe("official client: CreateTokenWithIAM, SigV4-signed for sso-oauth", () => {
  it("exchanges an authorization code, refreshes, and exchanges the access token", async () => {
    const emu = await startTestEmulator({ autoApprove: true, generateId: sequentialIds() });
    const { client, sent } = iamClient(emu);
    const { clientId, code, redirectUri, codeVerifier } = await authorizationCode(emu);

    const { $metadata, ...tokens } = await client.send(
      new CreateTokenWithIAMCommand({
        clientId,
        grantType: "authorization_code",
        code,
        redirectUri,
        codeVerifier,
      }),
    );
    expect(sent.at(-1)?.headers["authorization"]).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/us-east-1\/sso-oauth\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/,
    );
    expect(tokens).toEqual({
      accessToken: "accessToken-1",
      tokenType: "Bearer",
      expiresIn: 3600,
      refreshToken: "refreshToken-1",
      idToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      issuedTokenType: REFRESH_TOKEN_TYPE,
      scope: ["openid", "sso:account:access"],
      awsAdditionalDetails: { identityContext: "identityContext-1" },
    });
    expect(decodePayload(tokens.idToken)).toMatchObject({
      iss: emu.url,
      aud: "clientId-1",
      sub: "emulator-user",
      "sts:identity_context": "identityContext-1",
    });

    const refreshed = await client.send(
      new CreateTokenWithIAMCommand({
        clientId,
        grantType: "refresh_token",
        refreshToken: "refreshToken-1",
      }),
    );
    expect(refreshed).toMatchObject({
      accessToken: "accessToken-2",
      refreshToken: "refreshToken-2",
      issuedTokenType: REFRESH_TOKEN_TYPE,
      scope: ["openid", "sso:account:access"],
    });

    const exchanged = await client.send(
      new CreateTokenWithIAMCommand({
        clientId,
        grantType: "urn:ietf:params:oauth:grant-type:token-exchange",
        subjectToken: "accessToken-2",
        subjectTokenType: ACCESS_TOKEN_TYPE,
        requestedTokenType: ACCESS_TOKEN_TYPE,
      }),
    );
    expect(exchanged).toMatchObject({
      accessToken: "accessToken-3",
      issuedTokenType: ACCESS_TOKEN_TYPE,
      scope: ["openid", "sso:account:access"],
      awsAdditionalDetails: { identityContext: "identityContext-3" },
    });
    expect(exchanged.refreshToken).toBeUndefined();
  });

  it("accepts a JWT bearer assertion with a future exp for an application ARN", async () => {
    const emu = await startTestEmulator({ generateId: sequentialIds() });
    const { client } = iamClient(emu);
    const out = await client.send(
      new CreateTokenWithIAMCommand({
        clientId: APPLICATION_ARN,
        grantType: "urn:ietf:params:oauth:grant-type:jwt-bearer",
        assertion: jwt({ sub: "user", exp: FUTURE_SECONDS }),
      }),
    );
    expect(out).toMatchObject({
      accessToken: "accessToken-1",
      refreshToken: "refreshToken-1",
      issuedTokenType: REFRESH_TOKEN_TYPE,
      scope: ["openid", "aws", "sts:identity_context"],
      awsAdditionalDetails: { identityContext: "identityContext-1" },
    });
  });

  it.each([
    ["not-a-jwt", "Assertion is not a well-formed JWT"],
    ["a.b", "Assertion is not a well-formed JWT"],
    [
      `${jwt({ exp: FUTURE_SECONDS }).split(".").slice(0, 2).join(".")}.`,
      "Assertion is not a well-formed JWT",
    ],
    [
      `bm90IGpzb24.${Buffer.from("{}").toString("base64url")}.c2ln`,
      "Assertion is not a well-formed JWT",
    ],
    [jwt({ sub: "user" }), "Assertion has no numeric exp claim"],
    [jwt({ exp: 1_600_000_000 }), "Assertion has expired"],
  ])("rejects the assertion %s", async (assertion, description) => {
    const emu = await startTestEmulator();
    const call = iamClient(emu).client.send(
      new CreateTokenWithIAMCommand({
        clientId: APPLICATION_ARN,
        grantType: "urn:ietf:params:oauth:grant-type:jwt-bearer",
        assertion,
      }),
    );
    expect(describeException(await rejection(call))).toEqual(
      serviceException("InvalidGrantException", 400, "invalid_grant", description),
    );
  });

  it.each([
    [
      {
        grantType: "urn:ietf:params:oauth:grant-type:token-exchange",
        subjectToken: "aoa-unknown",
        subjectTokenType: ACCESS_TOKEN_TYPE,
      },
      serviceException(
        "InvalidGrantException",
        400,
        "invalid_grant",
        "Invalid subject token provided",
      ),
    ],
    [
      {
        grantType: "urn:ietf:params:oauth:grant-type:token-exchange",
        subjectToken: "x",
        subjectTokenType: "urn:ietf:params:oauth:token-type:id_token",
      },
      serviceException(
        "InvalidRequestException",
        400,
        "invalid_request",
        "Unsupported subjectTokenType: urn:ietf:params:oauth:token-type:id_token",
      ),
    ],
    [
      { grantType: "urn:ietf:params:oauth:grant-type:device_code" },
      serviceException(
        "UnsupportedGrantTypeException",
        400,
        "unsupported_grant_type",
        "Unsupported grant type: urn:ietf:params:oauth:grant-type:device_code",
      ),
    ],
    [
      { grantType: "refresh_token", refreshToken: "aor-unknown" },
      serviceException(
        "InvalidGrantException",
        400,
        "invalid_grant",
        "Invalid refresh token provided",
      ),
    ],
    [
      { clientId: "not-an-arn", grantType: "refresh_token", refreshToken: "x" },
      serviceException("InvalidClientException", 401, "invalid_client", "Invalid client id"),
    ],
  ])("rejects %j", async (input, expected) => {
    const emu = await startTestEmulator();
    const call = iamClient(emu).client.send(
      new CreateTokenWithIAMCommand({ clientId: APPLICATION_ARN, ...input }),
    );
    expect(describeException(await rejection(call))).toEqual(expected);
  });
});
