import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { describe, expect, it, onTestFinished } from "vitest";
import { CreateTokenCommand, ResponseTooLargeError, SSOOIDCClient } from "../../src/index";
import { getRuntimeConfig as browserRuntimeConfig } from "../../src/runtime/runtime-config.browser";
import { listenForTest } from "../support/loopback";
import type { AddressInfo } from "node:net";
import type { SSOOIDCClientConfig } from "../../src/runtime/config";

/** What the browser runtime config needs to know of the service (for its user agent). */
const SERVICE = { serviceId: "SSO OIDC", packageVersion: "0.1.0" };

/*
 * Response bodies are read up to the client's maxResponseBytes (1 MiB by default): a larger one
 * ends the call with ResponseTooLargeError, and the rest is never read.
 */

const MIB = 1024 * 1024;
const FIFTY_MB = 50 * 1000 * 1000;
const CHUNK = Buffer.alloc(64 * 1024, " ");

const input = {
  clientId: "client-1",
  clientSecret: "client-secret",
  grantType: "refresh_token",
  refreshToken: "refresh-1",
};

interface HugeServer {
  url: string;
  requests: () => number;
  /** Bytes of body the server had handed to the socket when the connection closed. */
  written: () => Promise<number>;
}

/**
 * Answers every request with `status` and 50 MB of spaces, written as fast as the client reads
 * them, with or without content-length; stops writing when the connection closes.
 */
async function serveHuge(status: number, withLength: boolean): Promise<HugeServer> {
  let requests = 0;
  let closed: Promise<number> = Promise.resolve(0);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests += 1;
    req.resume();
    let written = 0;
    closed = new Promise((resolve) => res.once("close", () => resolve(written)));
    res.writeHead(status, {
      "content-type": "application/json",
      "x-amzn-requestid": "req-huge",
      ...(withLength ? { "content-length": String(FIFTY_MB) } : {}),
    });
    const pump = () => {
      while (written < FIFTY_MB && !res.destroyed) {
        const chunk = CHUNK.subarray(0, Math.min(CHUNK.length, FIFTY_MB - written));
        written += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
      if (written >= FIFTY_MB) res.end();
    };
    pump();
  });
  const url = await listenForTest(server);
  return {
    url,
    requests: () => requests,
    written: () => closed,
  };
}

/** Answers every request with `body`. */
async function serveBody(body: string): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { "content-type": "application/json" });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function client(endpoint: string, config: Partial<SSOOIDCClientConfig> = {}): SSOOIDCClient {
  const created = new SSOOIDCClient({ region: "us-east-1", endpoint, ...config });
  onTestFinished(() => created.destroy());
  return created;
}

function tooLarge(status: number, limit = MIB): string {
  return `CreateToken returned HTTP ${status} with a body larger than the client's limit of ${limit} bytes; reading stopped there. This service's responses are a few KB: check the endpoint, or raise the limit with the client option maxResponseBytes.`;
}

describe("a 50 MB response ends the call with ResponseTooLargeError, unread", () => {
  it.each([
    ["a 200 with content-length", 200, true],
    ["a 200 without content-length", 200, false],
    ["a 400 of whitespace with content-length", 400, true],
    ["a 400 of whitespace without content-length", 400, false],
  ] as const)("%s", async (_name, status, withLength) => {
    const server = await serveHuge(status, withLength);
    const error = await client(server.url)
      .send(new CreateTokenCommand(input))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({
      name: "ResponseTooLargeError",
      code: "ERR_SSO_OIDC_RESPONSE_TOO_LARGE",
      operation: "CreateToken",
      maxResponseBytes: MIB,
      $metadata: { httpStatusCode: status, requestId: "req-huge", attempts: 1 },
    });
    expect((error as Error).message).toBe(tooLarge(status));
    expect(server.requests()).toBe(1);
    // The client dropped the connection: at most the limit and what socket buffers hold.
    expect(await server.written()).toBeLessThan(16 * MIB);
  });

  it("the fetch handler's body (a web stream) is cancelled at the limit too", async () => {
    const server = await serveHuge(200, false);
    const error = await client(server.url, {
      requestHandler: browserRuntimeConfig({}, SERVICE).requestHandler,
    })
      .send(new CreateTokenCommand(input))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as Error).message).toBe(tooLarge(200));
    expect(await server.written()).toBeLessThan(16 * MIB);
  });
});

describe("maxResponseBytes", () => {
  const body = JSON.stringify({ accessToken: "a".repeat(1.5 * MIB), expiresIn: 3600 });

  it("raised, lets a larger body through; the default refuses it", async () => {
    const endpoint = await serveBody(body);
    const out = await client(endpoint, { maxResponseBytes: 2 * MIB }).send(
      new CreateTokenCommand(input),
    );
    expect(out.accessToken).toHaveLength(1.5 * MIB);
    const error = await client(endpoint)
      .send(new CreateTokenCommand(input))
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe(tooLarge(200));
  });

  it("lowered, refuses a body one byte over it and reads one at it", async () => {
    const small = '{"accessToken":"at"}';
    const endpoint = await serveBody(small);
    const atLimit = client(endpoint, { maxResponseBytes: small.length });
    expect((await atLimit.send(new CreateTokenCommand(input))).accessToken).toBe("at");
    const error = await client(endpoint, { maxResponseBytes: small.length - 1 })
      .send(new CreateTokenCommand(input))
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe(tooLarge(200, small.length - 1));
  });

  it.each([0, -1, 1.5, Number.NaN, "1024"])("refuses %s when the client is built", (value) => {
    expect(
      () =>
        new SSOOIDCClient({ region: "us-east-1", maxResponseBytes: value as unknown as number }),
    ).toThrow(
      `SSOOIDCClient: maxResponseBytes must be a positive integer number of bytes (or Infinity for no limit), got ${String(value)}.`,
    );
  });

  it("is in the resolved config", () => {
    expect(client("http://127.0.0.1:1").config.maxResponseBytes).toBe(MIB);
    expect(
      client("http://127.0.0.1:1", { maxResponseBytes: Infinity }).config.maxResponseBytes,
    ).toBe(Infinity);
  });
});
