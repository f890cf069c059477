import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import type { NodeHttpHandler } from "@smithy/node-http-handler";
import {
  AuthorizationPendingException,
  CreateTokenCommand,
  InternalServerException,
  SSOOIDCClient,
} from "../../src/index";

type Step = (req: IncomingMessage, res: ServerResponse) => void;

function ok(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { "content-type": "application/json", "x-amzn-requestid": "ok" });
  res.end('{"accessToken":"at"}');
}

function status(code: number, type?: string, body = "{}"): Step {
  return (_req, res) => {
    res.writeHead(code, {
      "content-type": "application/json",
      ...(type && { "x-amzn-errortype": type }),
    });
    res.end(body);
  };
}

function reset(req: IncomingMessage): void {
  req.socket.destroy();
}

function stall(): void {}

let server: Server | undefined;
const seen: { attempt: string | undefined; invocation: string | undefined }[] = [];

/** A loopback server that plays the given steps, one per request, then answers 200. */
async function serve(steps: Step[]): Promise<string> {
  seen.length = 0;
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      seen.push({
        attempt: req.headers["amz-sdk-request"] as string | undefined,
        invocation: req.headers["amz-sdk-invocation-id"] as string | undefined,
      });
      (steps.shift() ?? ok)(req, res);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

const input = { clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" };

/** Backoff is injected: 7 ms after the first failure, 11 ms after the second. */
function strategy(maxAttempts: number) {
  return new ConfiguredRetryStrategy(maxAttempts, (attempt: number) => (attempt === 1 ? 7 : 11));
}

describe("retries", () => {
  it.each([
    ["a connection reset", reset],
    ["HTTP 500", status(500)],
    ["HTTP 503", status(503)],
    ["a modeled InternalServerException", status(500, "InternalServerException")],
    ["a throttling error", status(400, "ThrottlingException")],
  ])("retries %s, then succeeds", async (_name, step) => {
    const endpoint = await serve([step, step]);
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint, retryStrategy: strategy(3) });
    const out = await client.send(new CreateTokenCommand(input));
    expect(out.accessToken).toBe("at");
    expect(out.$metadata).toMatchObject({ attempts: 3, totalRetryDelay: 18, requestId: "ok" });
    expect(seen.map((s) => s.attempt)).toStrictEqual([
      "attempt=1; max=3",
      "attempt=2; max=3",
      "attempt=3; max=3",
    ]);
    expect(new Set(seen.map((s) => s.invocation)).size).toBe(1);
    client.destroy();
  });

  it("retries a request that stalls past requestTimeout (a TimeoutError)", async () => {
    const endpoint = await serve([stall]);
    const client = new SSOOIDCClient({
      region: "us-east-1",
      endpoint,
      retryStrategy: strategy(2),
      requestHandler: { requestTimeout: 150, throwOnRequestTimeout: true, connectionTimeout: 1000 },
    });
    const out = await client.send(new CreateTokenCommand(input));
    const handler = client.config.requestHandler as NodeHttpHandler;
    expect(handler.httpHandlerConfigs()).toMatchObject({
      requestTimeout: 150,
      connectionTimeout: 1000,
    });
    expect(out.$metadata.attempts).toBe(2);
    expect(seen).toHaveLength(2);
    client.destroy();
  });

  it("does not retry a modeled client error such as AuthorizationPending", async () => {
    const endpoint = await serve([
      status(
        400,
        "AuthorizationPendingException",
        '{"error":"authorization_pending","error_description":"Pending"}',
      ),
    ]);
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint, retryStrategy: strategy(3) });
    const error = await client.send(new CreateTokenCommand(input)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthorizationPendingException);
    expect(error).toMatchObject({ $metadata: { attempts: 1, totalRetryDelay: 0 } });
    expect(seen).toHaveLength(1);
    client.destroy();
  });

  it("gives up after maxAttempts with the last error and the attempt count", async () => {
    const endpoint = await serve([
      status(500, "InternalServerException"),
      status(500, "InternalServerException"),
    ]);
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint, retryStrategy: strategy(2) });
    const error = await client.send(new CreateTokenCommand(input)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerException);
    expect(error).toMatchObject({
      $fault: "server",
      $metadata: { attempts: 2, totalRetryDelay: 7 },
    });
    client.destroy();
  });

  it("maxAttempts sets the attempt count of the default strategy", async () => {
    const endpoint = await serve([]);
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint, maxAttempts: 5 });
    await client.send(new CreateTokenCommand(input));
    expect(seen[0]?.attempt).toBe("attempt=1; max=5");
    expect(await client.config.maxAttempts()).toBe(5);
    client.destroy();
  });

  it("retryMode adaptive selects the adaptive strategy", async () => {
    const endpoint = await serve([status(503)]);
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint, retryMode: "adaptive" });
    const strategyInUse = await client.config.retryStrategy();
    expect(strategyInUse.constructor.name).toBe("AdaptiveRetryStrategy");
    const out = await client.send(new CreateTokenCommand(input));
    expect(out.$metadata.attempts).toBe(2);
    client.destroy();
  });
});
