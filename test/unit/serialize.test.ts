import { describe, expect, it } from "vitest";
import { se_CreateTokenCommand } from "../../src/client/protocol/CreateToken";
import { se_CreateTokenWithIAMCommand } from "../../src/client/protocol/CreateTokenWithIAM";
import { se_RegisterClientCommand } from "../../src/client/protocol/RegisterClient";
import { se_StartDeviceAuthorizationCommand } from "../../src/client/protocol/StartDeviceAuthorization";
import { InvalidInputError } from "../../src/runtime/errors";
import { serdeContext } from "./serde-context";

/** The body as the official client builds it: UTF-8 bytes of the JSON text. */
function bodyText(body: unknown): string {
  expect(body).toBeInstanceOf(Uint8Array);
  return new TextDecoder().decode(body as Uint8Array);
}

describe("generated serializers", () => {
  it("CreateToken: POST /token, members in model order, absent and null members left out", async () => {
    const request = await se_CreateTokenCommand(
      {
        refreshToken: "r",
        grantType: "refresh_token",
        clientSecret: "s",
        clientId: "c",
        deviceCode: undefined,
        code: null as unknown as string,
      },
      serdeContext(),
    );
    expect(request).toMatchObject({
      method: "POST",
      protocol: "https:",
      hostname: "oidc.us-east-1.amazonaws.com",
      path: "/token",
      query: {},
      headers: { "content-type": "application/json" },
    });
    expect(bodyText(request.body)).toBe(
      '{"clientId":"c","clientSecret":"s","grantType":"refresh_token","refreshToken":"r"}',
    );
  });

  it("CreateTokenWithIAM carries the aws_iam=t query literal", async () => {
    const request = await se_CreateTokenWithIAMCommand(
      {
        clientId: "arn",
        grantType: "urn:ietf:params:oauth:grant-type:jwt-bearer",
        assertion: "a.b.c",
      },
      serdeContext(),
    );
    expect(request.path).toBe("/token");
    expect(request.query).toStrictEqual({ aws_iam: "t" });
    expect(bodyText(request.body)).toBe(
      '{"clientId":"arn","grantType":"urn:ietf:params:oauth:grant-type:jwt-bearer","assertion":"a.b.c"}',
    );
  });

  it("RegisterClient sends lists as JSON arrays", async () => {
    const request = await se_RegisterClientCommand(
      {
        clientName: "n",
        clientType: "public",
        grantTypes: ["authorization_code", "refresh_token"],
        redirectUris: ["http://127.0.0.1/oauth/callback"],
        issuerUrl: "https://example.awsapps.com/start",
      },
      serdeContext("http://127.0.0.1:8080/prefix"),
    );
    expect(request).toMatchObject({
      protocol: "http:",
      hostname: "127.0.0.1",
      port: 8080,
      path: "/prefix/client/register",
    });
    expect(JSON.parse(bodyText(request.body))).toStrictEqual({
      clientName: "n",
      clientType: "public",
      redirectUris: ["http://127.0.0.1/oauth/callback"],
      grantTypes: ["authorization_code", "refresh_token"],
      issuerUrl: "https://example.awsapps.com/start",
    });
  });

  it("names every missing required member and every wrong type at once", async () => {
    const error = await se_StartDeviceAuthorizationCommand(
      { clientId: ["c"], startUrl: 3 } as never,
      serdeContext(),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({
      code: "ERR_SSO_OIDC_INVALID_INPUT",
      operation: "StartDeviceAuthorization",
      problems: [
        "clientId must be a string, not an array",
        "clientSecret is required",
        "startUrl must be a string, not a number",
      ],
    });
  });

  it("rejects an input that is not an object", async () => {
    const error = await se_RegisterClientCommand(null as never, serdeContext()).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toBe(
      "RegisterClient was not sent: the input must be an object, not null.",
    );
  });

  it("rejects a list member that is not an array", async () => {
    const error = await se_RegisterClientCommand(
      { clientName: "n", clientType: "public", scopes: "sso:account:access" } as never,
      serdeContext(),
    ).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      "RegisterClient was not sent: scopes must be an array of strings, not a string.",
    );
  });
});
