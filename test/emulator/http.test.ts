import { describe, expect, it } from "vitest";
import { startTestEmulator } from "./support/test-emulator";
import { expectWireError, invalidRequest, send, wireError } from "./support/wire";

describe("transport errors keep the service's error format", () => {
  it.each([
    [
      "malformed JSON",
      "POST",
      "/token",
      "application/json",
      "{",
      invalidRequest("Request body is not valid JSON"),
    ],
    [
      "a JSON array",
      "POST",
      "/client/register",
      "application/json",
      "[]",
      invalidRequest("Request body must be a JSON object"),
    ],
    [
      "JSON null",
      "POST",
      "/client/register",
      "application/json",
      "null",
      invalidRequest("Request body must be a JSON object"),
    ],
    [
      "a text/plain body",
      "POST",
      "/token",
      "text/plain",
      "{}",
      invalidRequest("Content-Type must be application/json", 415),
    ],
    [
      "a form body",
      "POST",
      "/device_authorization",
      "application/x-www-form-urlencoded",
      "a=b",
      invalidRequest("Content-Type must be application/json", 415),
    ],
    [
      "an empty body",
      "POST",
      "/client/register",
      "application/json",
      "",
      invalidRequest("Missing required parameter 'clientName'"),
    ],
    [
      "an unknown path",
      "POST",
      "/nope",
      "application/json",
      "{}",
      invalidRequest("No such resource: POST /nope", 404),
    ],
    [
      "a double-slash path",
      "GET",
      "//evil.example/x",
      undefined,
      undefined,
      invalidRequest("No such resource: GET //evil.example/x", 404),
    ],
    [
      "GET on an operation",
      "GET",
      "/token",
      undefined,
      undefined,
      invalidRequest("Method GET is not allowed here", 405),
    ],
    [
      "PUT on a page",
      "PUT",
      "/device",
      "application/json",
      "{}",
      invalidRequest("Method PUT is not allowed here", 405),
    ],
  ])("%s", async (_name, method, path, contentType, body, expected) => {
    const emu = await startTestEmulator();
    const response = await send(`${emu.url}${path}`, {
      method,
      ...(contentType ? { headers: { "content-type": contentType } } : {}),
      ...(body !== undefined ? { body } : {}),
    });
    expectWireError(response, expected);
  });

  it("answers 405 with an Allow header", async () => {
    const emu = await startTestEmulator();
    const response = await fetch(`${emu.url}/client/register`, { method: "DELETE" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST, OPTIONS");
  });

  it("answers 413 to a body over 64 KiB and keeps serving", async () => {
    const emu = await startTestEmulator();
    const big = JSON.stringify({ clientName: "x".repeat(64 * 1024), clientType: "public" });
    const response = await send(`${emu.url}/client/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: big,
    });
    expectWireError(response, invalidRequest("Request body is larger than 65536 bytes", 413));
    const exactLimit = JSON.stringify({ clientName: "x", clientType: "public", pad: "" });
    const padded = exactLimit.replace(
      '"pad":""',
      `"pad":"${"y".repeat(65536 - exactLimit.length)}"`,
    );
    expect(Buffer.byteLength(padded)).toBe(65536);
    const ok = await fetch(`${emu.url}/client/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: padded,
    });
    expect(ok.status).toBe(200);
  });

  it("treats /token?aws_iam=t as CreateTokenWithIAM, which needs a signature", async () => {
    const emu = await startTestEmulator();
    const response = await send(`${emu.url}/token?aws_iam=t`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(wireError(response)).toEqual({
      status: 403,
      errorType: "MissingAuthenticationTokenException",
      body: { message: "Missing Authentication Token" },
    });
  });
});

describe("CORS for browser clients", () => {
  it("answers a preflight with methods, the requested headers and a max age", async () => {
    const emu = await startTestEmulator();
    const requested = "content-type,x-amz-user-agent,amz-sdk-invocation-id,amz-sdk-request";
    const response = await fetch(`${emu.url}/token`, {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:5173",
        "access-control-request-method": "POST",
        "access-control-request-headers": requested,
      },
    });
    expect(response.status).toBe(204);
    const cors: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (name.startsWith("access-control-")) cors[name] = value;
    });
    expect(cors).toEqual({
      "access-control-allow-origin": "*",
      "access-control-allow-methods": "GET, POST, OPTIONS",
      "access-control-allow-headers": requested,
      "access-control-expose-headers": "x-amzn-requestid, x-amzn-errortype",
      "access-control-max-age": "600",
    });
  });

  it("lists the official client's headers when the preflight names none, and uses a configured origin", async () => {
    const emu = await startTestEmulator({ corsOrigin: "http://localhost:5173" });
    const preflight = await fetch(`${emu.url}/client/register`, { method: "OPTIONS" });
    expect(preflight.headers.get("access-control-allow-headers")).toBe(
      "content-type, x-amz-user-agent, amz-sdk-invocation-id, amz-sdk-request, authorization, x-amz-date, x-amz-content-sha256, x-amz-security-token, x-amz-sso_bearer_token",
    );
    const error = await fetch(`${emu.url}/token`, {
      method: "POST",
      body: "{",
      headers: { "content-type": "application/json" },
    });
    expect(error.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(error.headers.get("vary")).toBe("origin");
    expect(error.headers.get("access-control-expose-headers")).toBe(
      "x-amzn-requestid, x-amzn-errortype",
    );
  });
});
