import { describe, expect, it } from "vitest";
import { sequentialIds, startTestEmulator } from "./support/test-emulator";
import {
  expectWireError,
  invalidRequest,
  postJson,
  serviceError,
  testWireErrors,
} from "./support/wire";
import type { WireErrorCase } from "./support/wire";

const CASES: WireErrorCase[] = [
  [
    "RegisterClient without clientName",
    "/client/register",
    () => ({ clientType: "public" }),
    invalidRequest("Missing required parameter 'clientName'"),
  ],
  [
    "RegisterClient without clientType",
    "/client/register",
    () => ({ clientName: "x" }),
    invalidRequest("Missing required parameter 'clientType'"),
  ],
  [
    "RegisterClient with a number for clientName",
    "/client/register",
    () => ({ clientName: 7, clientType: "public" }),
    invalidRequest("Parameter 'clientName' must be a string"),
  ],
  [
    "RegisterClient with a string for scopes",
    "/client/register",
    () => ({ clientName: "x", clientType: "public", scopes: "openid" }),
    invalidRequest("Parameter 'scopes' must be a list of strings"),
  ],
  [
    "RegisterClient for a confidential client",
    "/client/register",
    () => ({ clientName: "x", clientType: "confidential" }),
    serviceError(
      400,
      "InvalidClientMetadataException",
      "invalid_client_metadata",
      "Unsupported client type 'confidential'; only 'public' clients can register",
    ),
  ],
  [
    "RegisterClient with a scope containing a space",
    "/client/register",
    () => ({ clientName: "x", clientType: "public", scopes: ["a b"] }),
    serviceError(400, "InvalidScopeException", "invalid_scope", 'Invalid scope: "a b"'),
  ],
  [
    "RegisterClient with the password grant",
    "/client/register",
    () => ({ clientName: "x", clientType: "public", grantTypes: ["password"] }),
    serviceError(
      400,
      "UnsupportedGrantTypeException",
      "unsupported_grant_type",
      "Unsupported grant type: password",
    ),
  ],
  [
    "RegisterClient for authorization_code without redirect URIs",
    "/client/register",
    () => ({ clientName: "x", clientType: "public", grantTypes: ["authorization_code"] }),
    serviceError(
      400,
      "InvalidRedirectUriException",
      "invalid_redirect_uri",
      "The authorization_code grant requires at least one redirect URI",
    ),
  ],
  [
    "RegisterClient with an https redirect URI",
    "/client/register",
    () => ({
      clientName: "x",
      clientType: "public",
      grantTypes: ["authorization_code"],
      redirectUris: ["https://example.com/cb"],
    }),
    serviceError(
      400,
      "InvalidRedirectUriException",
      "invalid_redirect_uri",
      "Redirect URI must be an http loopback URI: https://example.com/cb",
    ),
  ],
  [
    "RegisterClient with a redirect URI with a fragment",
    "/client/register",
    () => ({
      clientName: "x",
      clientType: "public",
      grantTypes: ["authorization_code"],
      redirectUris: ["http://127.0.0.1/cb#x"],
    }),
    serviceError(
      400,
      "InvalidRedirectUriException",
      "invalid_redirect_uri",
      "Redirect URI must be an http loopback URI: http://127.0.0.1/cb#x",
    ),
  ],
  [
    "RegisterClient with redirect URIs but no authorization_code",
    "/client/register",
    () => ({ clientName: "x", clientType: "public", redirectUris: ["http://127.0.0.1/cb"] }),
    serviceError(
      400,
      "InvalidRedirectUriException",
      "invalid_redirect_uri",
      "Redirect URIs are only allowed with the authorization_code grant",
    ),
  ],
  [
    "RegisterClient with an issuerUrl that is no URL",
    "/client/register",
    () => ({ clientName: "x", clientType: "public", issuerUrl: "start" }),
    serviceError(
      400,
      "InvalidClientMetadataException",
      "invalid_client_metadata",
      "Invalid issuerUrl: start",
    ),
  ],
  [
    "StartDeviceAuthorization for an unknown client",
    "/device_authorization",
    () => ({ clientId: "nope", clientSecret: "s", startUrl: "https://x.awsapps.com/start" }),
    serviceError(
      401,
      "InvalidClientException",
      "invalid_client",
      "Invalid client id or client secret",
    ),
  ],
  [
    "StartDeviceAuthorization with a wrong secret",
    "/device_authorization",
    (c) => ({
      clientId: c.clientId,
      clientSecret: `${c.clientSecret}x`,
      startUrl: "https://x.awsapps.com/start",
    }),
    serviceError(
      401,
      "InvalidClientException",
      "invalid_client",
      "Invalid client id or client secret",
    ),
  ],
  [
    "StartDeviceAuthorization without startUrl",
    "/device_authorization",
    (c) => ({ clientId: c.clientId, clientSecret: c.clientSecret }),
    invalidRequest("Missing required parameter 'startUrl'"),
  ],
  [
    "StartDeviceAuthorization with a startUrl that is no URL",
    "/device_authorization",
    (c) => ({ clientId: c.clientId, clientSecret: c.clientSecret, startUrl: "start" }),
    invalidRequest("Invalid startUrl: start"),
  ],
];

describe("RegisterClient and StartDeviceAuthorization errors on the wire (raw fetch)", () => {
  testWireErrors(CASES);

  it("refuses device authorization to a client registered only for authorization_code", async () => {
    const emu = await startTestEmulator();
    const { clientId, clientSecret } = (
      await postJson(emu.url, "/client/register", {
        clientName: "web",
        clientType: "public",
        grantTypes: ["authorization_code"],
        redirectUris: ["http://[::1]/cb"],
      })
    ).body as { clientId: string; clientSecret: string };
    const response = await postJson(emu.url, "/device_authorization", {
      clientId,
      clientSecret,
      startUrl: "https://x.awsapps.com/start",
    });
    expectWireError(
      response,
      serviceError(
        400,
        "UnauthorizedClientException",
        "unauthorized_client",
        "Client is not registered for the urn:ietf:params:oauth:grant-type:device_code grant",
      ),
    );
  });

  it("returns exactly the model's members on success", async () => {
    const emu = await startTestEmulator({
      generateId: sequentialIds(),
      now: () => 1_700_000_000_000,
    });
    const response = await postJson(emu.url, "/client/register", {
      clientName: "raw",
      clientType: "public",
      grantTypes: ["authorization_code"],
      redirectUris: ["http://localhost/cb"],
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-amzn-requestid")).toBe("requestId-1");
    expect(response.body).toEqual({
      clientId: "clientId-1",
      clientSecret: "clientSecret-1",
      clientIdIssuedAt: 1_700_000_000,
      clientSecretExpiresAt: 1_707_776_000,
      authorizationEndpoint: `${emu.url}/authorize`,
      tokenEndpoint: `${emu.url}/token`,
    });
  });
});
