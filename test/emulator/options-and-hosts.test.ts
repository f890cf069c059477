import { request } from "node:http";
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { EmulatorOptionError, startEmulator } from "../../src/emulator/index";
import { startTestEmulator } from "./support/test-emulator";
import { postJson, rawDeviceClient } from "./support/wire";
import type { EmulatorOptions } from "../../src/emulator/index";

/*
 * Option values are checked before anything listens; the approval pages answer only under
 * the emulator's own address or localhost (DNS rebinding defence).
 */

describe("startEmulator checks every option before it listens", () => {
  it.each([
    [
      { corsOrigin: "http://localhost:5173/app" },
      'corsOrigin must be "*", "null" or an origin such as "http://localhost:5173" (scheme, host and port, no path), got "http://localhost:5173/app"',
    ],
    [
      { corsOrigin: "http://a\nb" },
      'corsOrigin must be "*", "null" or an origin such as "http://localhost:5173" (scheme, host and port, no path), got "http://a\\nb"',
    ],
    [
      { corsOrigin: "ftp://files.example" },
      'corsOrigin must be "*", "null" or an origin such as "http://localhost:5173" (scheme, host and port, no path), got "ftp://files.example"',
    ],
    [{ host: "" }, 'host must be an IP address or a host name, got ""'],
    [{ host: "bad host" }, 'host must be an IP address or a host name, got "bad host"'],
    [{ port: 65536 }, "port must be an integer from 0 to 65535, got 65536"],
    [{ autoApprove: "yes" }, 'autoApprove must be true or false, got "yes"'],
    [{ rotateRefreshTokens: 1 }, "rotateRefreshTokens must be true or false, got 1"],
    [{ now: 5 }, "now must be a function, got 5"],
    [{ generateId: "x" }, 'generateId must be a function, got "x"'],
    [{ intervalSeconds: 1.5 }, "intervalSeconds must be a positive integer, got 1.5"],
    [{ evictionIntervalMs: 0 }, "evictionIntervalMs must be a positive integer, got 0"],
    [
      { evictionIntervalMs: 60_001 },
      "evictionIntervalMs must be a positive integer of at most 60000, got 60001",
    ],
    [
      { refreshTokens: "sometimes" },
      'refreshTokens must be "registration", "always" or "never", got "sometimes"',
    ],
    [
      { credentials: { accessKeyId: "AKID", secretAccessKey: "" } },
      "credentials must have accessKeyId and secretAccessKey (and may have sessionToken), each a non-empty string without spaces",
    ],
  ])("refuses %j", async (options, message) => {
    const started = startEmulator(options as unknown as EmulatorOptions);
    await expect(started).rejects.toThrow(new EmulatorOptionError(`startEmulator: ${message}`));
    await expect(started).rejects.toMatchObject({ code: "INVALID_OPTION_VALUE" });
  });

  it.each(["*", "null", "http://localhost:5173", "https://app.example.com:8443"])(
    "accepts corsOrigin %s and sends it",
    async (corsOrigin) => {
      const emu = await startTestEmulator({ corsOrigin });
      const response = await fetch(`${emu.url}/client/register`, { method: "POST" });
      expect(response.headers.get("access-control-allow-origin")).toBe(corsOrigin);
    },
  );
});

interface RawAnswer {
  status: number;
  body: string;
}

/** A request with exactly the Host header given (none when undefined). */
function get(url: string, path: string, host: string | undefined, method = "GET", body = "") {
  const { hostname, port } = new URL(url);
  return new Promise<RawAnswer>((resolve, reject) => {
    const headers: Record<string, string> = {
      "content-type": "application/x-www-form-urlencoded",
      "content-length": String(Buffer.byteLength(body)),
    };
    if (host !== undefined) headers["host"] = host;
    const req = request({ hostname, port, path, method, headers, setHost: false }, (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** An HTTP/1.0 request, which may leave Host out. */
function getWithoutHost(url: string, path: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () =>
      socket.write(`GET ${path} HTTP/1.0\r\n\r\n`),
    );
    let text = "";
    socket.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
    socket.on("end", () => resolve(text));
    socket.on("error", reject);
  });
}

function alert(body: string): string | undefined {
  return /<p class="error" role="alert">([^<]*)<\/p>/.exec(body)?.[1];
}

describe("the approval pages answer only under their own address or localhost", () => {
  it("refuses a foreign Host on GET and POST of /device, and the code stays pending", async () => {
    const emu = await startTestEmulator();
    const { port } = new URL(emu.url);
    const device = await rawDeviceClient(emu);
    const refusal = `This page answers only at its own address: open ${emu.url}/device.`;
    for (const host of [`rebind.example:${port}`, `127.0.0.1:${Number(port) + 1}`, "127.0.0.1"]) {
      const page = await get(emu.url, `/device?user_code=${device.userCode}`, host);
      expect([host, page.status, alert(page.body)]).toEqual([host, 403, refusal]);
    }
    const form = `user_code=${device.userCode}&decision=approve`;
    const post = await get(emu.url, "/device", `rebind.example:${port}`, "POST", form);
    expect([post.status, alert(post.body)]).toEqual([403, refusal]);
    const poll = await postJson(emu.url, "/token", {
      clientId: device.clientId,
      clientSecret: device.clientSecret,
      grantType: "urn:ietf:params:oauth:grant-type:device_code",
      deviceCode: device.deviceCode,
    });
    expect((poll.body as { error: string }).error).toBe("authorization_pending");
    expect(await getWithoutHost(emu.url, "/device")).toMatch(/^HTTP\/1\.1 403 /);
  });

  it("accepts the listening address and localhost, in any case", async () => {
    const emu = await startTestEmulator();
    const { port } = new URL(emu.url);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LocalHost:${port}`]) {
      expect([host, (await get(emu.url, "/device", host)).status]).toEqual([host, 200]);
    }
  });

  it("refuses a foreign Host on /authorize too, and not on the API", async () => {
    const emu = await startTestEmulator();
    const { port } = new URL(emu.url);
    const page = await get(emu.url, "/authorize?client_id=x", `rebind.example:${port}`);
    expect([page.status, alert(page.body)]).toEqual([
      403,
      `This page answers only at its own address: open ${emu.url}/authorize.`,
    ]);
    const api = await get(emu.url, "/client/register", `rebind.example:${port}`, "POST");
    // The API's own answer to an empty body, not the pages' refusal.
    expect([api.status, JSON.parse(api.body)]).toEqual([
      400,
      { error: "invalid_request", error_description: "Missing required parameter 'clientName'" },
    ]);
  });

  it("on a wildcard bind, accepts loopback and localhost", async () => {
    const emu = await startTestEmulator({ host: "0.0.0.0" });
    const { port } = new URL(emu.url);
    expect((await get(emu.url, "/device", `127.0.0.1:${port}`)).status).toBe(200);
    expect((await get(emu.url, "/device", `localhost:${port}`)).status).toBe(200);
    expect((await get(emu.url, "/device", `rebind.example:${port}`)).status).toBe(403);
  });
});
