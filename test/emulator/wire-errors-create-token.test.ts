import { describe, it } from "vitest";
import { startTestEmulator } from "./support/test-emulator";
import {
  invalidRequest,
  postJson,
  rawDeviceClient,
  serviceError,
  testWireErrors,
  expectWireError,
} from "./support/wire";
import { DEVICE_CODE_GRANT } from "./support/device-flow";
import type { WireErrorCase } from "./support/wire";

const CASES: WireErrorCase[] = [
  [
    "CreateToken without grantType",
    "/token",
    (c) => ({ clientId: c.clientId, clientSecret: c.clientSecret }),
    invalidRequest("Missing required parameter 'grantType'"),
  ],
  [
    "CreateToken with the password grant",
    "/token",
    (c) => ({ clientId: c.clientId, clientSecret: c.clientSecret, grantType: "password" }),
    serviceError(
      400,
      "UnsupportedGrantTypeException",
      "unsupported_grant_type",
      "Unsupported grant type: password",
    ),
  ],
  [
    "CreateToken with the JWT bearer grant (IAM only)",
    "/token",
    (c) => ({
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      grantType: "urn:ietf:params:oauth:grant-type:jwt-bearer",
    }),
    serviceError(
      400,
      "UnsupportedGrantTypeException",
      "unsupported_grant_type",
      "Unsupported grant type: urn:ietf:params:oauth:grant-type:jwt-bearer",
    ),
  ],
  [
    "CreateToken with a wrong secret",
    "/token",
    (c) => ({
      clientId: c.clientId,
      clientSecret: "wrong",
      grantType: DEVICE_CODE_GRANT,
      deviceCode: c.deviceCode,
    }),
    serviceError(
      401,
      "InvalidClientException",
      "invalid_client",
      "Invalid client id or client secret",
    ),
  ],
  [
    "CreateToken without deviceCode",
    "/token",
    (c) => ({ clientId: c.clientId, clientSecret: c.clientSecret, grantType: DEVICE_CODE_GRANT }),
    invalidRequest("Missing required parameter 'deviceCode'"),
  ],
  [
    "CreateToken with an unknown device code",
    "/token",
    (c) => ({
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      grantType: DEVICE_CODE_GRANT,
      deviceCode: "nope",
    }),
    serviceError(400, "InvalidGrantException", "invalid_grant", "Invalid device code provided"),
  ],
  [
    "CreateToken, hyphenated device grant spelling, pending",
    "/token",
    (c) => ({
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      grantType: "urn:ietf:params:oauth:grant-type:device-code",
      deviceCode: c.deviceCode,
    }),
    serviceError(
      400,
      "AuthorizationPendingException",
      "authorization_pending",
      "Authorization is still pending",
    ),
  ],
  [
    "CreateToken with an unknown refresh token",
    "/token",
    (c) => ({
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      grantType: "refresh_token",
      refreshToken: "x",
      scope: ["openid"],
    }),
    serviceError(400, "InvalidGrantException", "invalid_grant", "Invalid refresh token provided"),
  ],
  [
    "CreateToken without refreshToken",
    "/token",
    (c) => ({ clientId: c.clientId, clientSecret: c.clientSecret, grantType: "refresh_token" }),
    invalidRequest("Missing required parameter 'refreshToken'"),
  ],
  [
    "CreateToken for authorization_code by a device client",
    "/token",
    (c) => ({
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      grantType: "authorization_code",
      code: "c",
    }),
    serviceError(
      400,
      "UnauthorizedClientException",
      "unauthorized_client",
      "Client is not registered for the authorization_code grant",
    ),
  ],
];

describe("CreateToken errors on the wire (raw fetch)", () => {
  testWireErrors(CASES);

  it("rejects a device code used by another client and a scope that was not granted", async () => {
    const emu = await startTestEmulator();
    const a = await rawDeviceClient(emu);
    const b = await rawDeviceClient(emu);
    emu.approve(a.userCode);
    const stolen = await postJson(emu.url, "/token", {
      clientId: b.clientId,
      clientSecret: b.clientSecret,
      grantType: DEVICE_CODE_GRANT,
      deviceCode: a.deviceCode,
    });
    expectWireError(
      stolen,
      serviceError(400, "InvalidGrantException", "invalid_grant", "Invalid device code provided"),
    );
    const widened = await postJson(emu.url, "/token", {
      clientId: a.clientId,
      clientSecret: a.clientSecret,
      grantType: DEVICE_CODE_GRANT,
      deviceCode: a.deviceCode,
      scope: ["sso:account:access", "codewhisperer:completions"],
    });
    expectWireError(
      widened,
      serviceError(
        400,
        "InvalidScopeException",
        "invalid_scope",
        "Scope was not granted: codewhisperer:completions",
      ),
    );
  });
});
