import { describe, expect, it } from "vitest";
import { CreateTokenWithIAMCommand } from "@aws-sdk/client-sso-oidc";
import { startTestEmulator } from "./support/test-emulator";
import { rejection, wireError } from "./support/wire";
import { iamClient, replay, tamperSignature } from "./support/iam-client";
import type { Emulator } from "../../src/emulator/index";

const APPLICATION_ARN =
  "arn:aws:sso::123456789012:application/ssoins-111111111111/apl-222222222222";
const MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
const INVALID_TOKEN = "The security token included in the request is invalid.";

/** A valid JWT-bearer call: it succeeds when the signature does, so only SigV4 is under test. */
function jwtBearerCommand() {
  const payload = Buffer.from(JSON.stringify({ exp: 4_102_444_800 })).toString("base64url");
  return new CreateTokenWithIAMCommand({
    clientId: APPLICATION_ARN,
    grantType: "urn:ietf:params:oauth:grant-type:jwt-bearer",
    assertion: `eyJhbGciOiJub25lIn0.${payload}.c2ln`,
  });
}

/** One signed request from the official client, captured for replay. */
async function signedRequest(emu: Emulator) {
  const { client, sent } = iamClient(emu);
  await client.send(jwtBearerCommand());
  const request = sent[0];
  if (!request) throw new Error("no request captured");
  return request;
}

/** The wire error an AWS front end answers a bad signature with: bare type, `message` only. */
function signatureError(status: number, type: string, message: string) {
  return { status, errorType: type, body: { message } };
}

/** What a test compares for the official client's exception from a signature error. */
function describeSignatureError(error: Error & { $metadata: { httpStatusCode?: number } }) {
  return { name: error.name, status: error.$metadata.httpStatusCode, message: error.message };
}

describe("SigV4 verification on CreateTokenWithIAM", () => {
  it("rejects a signature with one character changed, sent by the official client", async () => {
    const emu = await startTestEmulator();
    const { client } = iamClient(emu, emu.credentials, (headers) => {
      headers["authorization"] = tamperSignature(headers["authorization"] ?? "");
    });
    expect(describeSignatureError(await rejection(client.send(jwtBearerCommand())))).toEqual({
      name: "InvalidSignatureException",
      status: 403,
      message: MISMATCH,
    });
  });

  it("accepts the captured request unchanged and rejects each tampered replay exactly", async () => {
    const emu = await startTestEmulator();
    const request = await signedRequest(emu);
    expect(request.headers["x-amz-content-sha256"]).toMatch(/^[0-9a-f]{64}$/);
    const ok = await replay(emu, request);
    expect(ok.status).toBe(200);

    const cases = [
      [
        { headers: { authorization: tamperSignature(request.headers["authorization"] ?? "") } },
        signatureError(403, "InvalidSignatureException", MISMATCH),
      ],
      [
        { body: request.body.replace("jwt-bearer", "jwt-bearer ") },
        signatureError(403, "InvalidSignatureException", MISMATCH),
      ],
      [
        { headers: { "x-amz-date": "20200101T000000Z" } },
        signatureError(
          403,
          "InvalidSignatureException",
          `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${request.headers["x-amz-date"]?.slice(0, 8)}' != '20200101', from '20200101T000000Z'.`,
        ),
      ],
      [
        { headers: { "amz-sdk-invocation-id": "00000000-0000-4000-8000-000000000000" } },
        signatureError(403, "InvalidSignatureException", MISMATCH),
      ],
      [
        { headers: { authorization: undefined } },
        signatureError(403, "MissingAuthenticationTokenException", "Missing Authentication Token"),
      ],
      [
        { headers: { authorization: "Bearer abc" } },
        signatureError(
          400,
          "IncompleteSignatureException",
          "Unsupported AWS 'algorithm': 'Bearer'.",
        ),
      ],
      [
        {
          headers: {
            authorization: (request.headers["authorization"] ?? "").replace(/, Signature=.*$/, ""),
          },
        },
        signatureError(
          400,
          "IncompleteSignatureException",
          "Authorization header requires 'Signature' parameter.",
        ),
      ],
      [
        {
          headers: {
            authorization: (request.headers["authorization"] ?? "").replace(
              "/sso-oauth/",
              "/oidc/",
            ),
          },
        },
        signatureError(
          403,
          "InvalidSignatureException",
          "Credential should be scoped to correct service: 'sso-oauth'.",
        ),
      ],
      [
        {
          headers: {
            authorization: (request.headers["authorization"] ?? "")
              .replace("SignedHeaders=", "SignedHeaders=x-amz-date;")
              .replace(/;host;/, ";"),
          },
        },
        signatureError(
          400,
          "IncompleteSignatureException",
          "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
        ),
      ],
      [
        { headers: { "x-amz-date": undefined } },
        signatureError(
          400,
          "IncompleteSignatureException",
          "Authorization header requires existence of a valid 'X-Amz-Date' header.",
        ),
      ],
      [
        { headers: { "x-amz-security-token": "session" } },
        signatureError(403, "UnrecognizedClientException", INVALID_TOKEN),
      ],
    ] as const;
    for (const [change, expected] of cases) {
      const response = await replay(emu, request, change);
      expect(wireError(response), JSON.stringify(change)).toEqual(expected);
      expect(response.headers.get("content-type")).toBe("application/json");
    }
  });

  it("answers an unknown access key id with UnrecognizedClientException", async () => {
    const emu = await startTestEmulator();
    const { client } = iamClient(emu, {
      accessKeyId: "AKIAUNKNOWN000000000",
      secretAccessKey: "x",
    });
    expect(describeSignatureError(await rejection(client.send(jwtBearerCommand())))).toEqual({
      name: "UnrecognizedClientException",
      status: 403,
      message: INVALID_TOKEN,
    });
  });

  it("checks the session token when the emulator's credentials have one", async () => {
    const credentials = {
      accessKeyId: "ASIATESTSESSION00000",
      secretAccessKey: "secret",
      sessionToken: "token-1",
    };
    const emu = await startTestEmulator({ credentials });
    const good = await iamClient(emu, credentials).client.send(jwtBearerCommand());
    expect(good.accessToken).toMatch(/^aoa/);
    const { client } = iamClient(emu, { ...credentials, sessionToken: "token-2" });
    expect((await rejection(client.send(jwtBearerCommand()))).name).toBe(
      "UnrecognizedClientException",
    );
  });

  it("rejects a signature more than 5 minutes off the emulator's clock; the official client corrects its skew from the Date header", async () => {
    const emulatorNowMs = Math.floor(Date.now() / 1000) * 1000 + 10 * 60_000;
    const emu = await startTestEmulator({ now: () => emulatorNowMs });
    const { client, sent } = iamClient(emu);
    const out = await client.send(jwtBearerCommand());
    expect(out.$metadata.attempts).toBe(2);

    const stale = sent[0];
    if (!stale) throw new Error("no request captured");
    const amzDate = stale.headers["x-amz-date"] ?? "";
    const iso = (ms: number) => new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, "");
    const response = await replay(emu, stale);
    expect(wireError(response)).toEqual(
      signatureError(
        403,
        "InvalidSignatureException",
        `Signature expired: ${amzDate} is now earlier than ${iso(emulatorNowMs - 300_000)} (${iso(emulatorNowMs)} - 5 min.)`,
      ),
    );
    expect(response.headers.get("date")).toBe(new Date(emulatorNowMs).toUTCString());
  });
});
