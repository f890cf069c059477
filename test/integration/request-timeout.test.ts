import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { describe, expect, it, onTestFinished } from "vitest";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { CreateTokenCommand, SSOOIDCClient } from "../../src/index";
import { getRuntimeConfig as browserRuntimeConfig } from "../../src/runtime/runtime-config.browser";
import { listenForTest } from "../support/loopback";
import type { SSOOIDCClientConfig } from "../../src/runtime/config";

/** What the browser runtime config needs to know of the service (for its user agent). */
const SERVICE = { serviceId: "SSO OIDC", packageVersion: "0.1.0" };

/*
 * A requestTimeout the caller sets ends the request with a TimeoutError, which the retry
 * strategy retries: against a server that accepts and never answers, and one that sends the
 * headers and part of the body, then stalls.
 */

const input = {
  clientId: "client-1",
  clientSecret: "client-secret",
  grantType: "refresh_token",
  refreshToken: "refresh-1",
};

/** Headers and the start of a 200 token body, then nothing more. */
function headersThenStall(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { "content-type": "application/json", "content-length": "200" });
  res.write('{"accessToken":"at-');
}

function neverAnswer(): void {}

/** A loopback server that answers every request with `answer`, closed when the test ends. */
async function serve(
  answer: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; requests: () => number }> {
  let requests = 0;
  const server = createServer((req, res) => {
    requests += 1;
    req.resume();
    req.on("end", () => answer(req, res));
  });
  const url = await listenForTest(server);
  return {
    url,
    requests: () => requests,
  };
}

/** Two attempts, no delay between them. */
const twoAttempts = new ConfiguredRetryStrategy(2, 0);

/** The send's error, or "still waiting" when it has not ended within `limitMs`. */
async function outcomeWithin(send: Promise<unknown>, limitMs: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const waiting = new Promise((resolve) => {
    timer = setTimeout(() => resolve("still waiting"), limitMs);
  });
  const outcome = await Promise.race([
    send.then(
      () => "succeeded",
      (error: unknown) => error,
    ),
    waiting,
  ]);
  clearTimeout(timer);
  return outcome;
}

function client(endpoint: string, config: Partial<SSOOIDCClientConfig>): SSOOIDCClient {
  const created = new SSOOIDCClient({
    region: "us-east-1",
    endpoint,
    retryStrategy: twoAttempts,
    ...config,
  });
  onTestFinished(() => created.destroy());
  return created;
}

describe("requestTimeout ends a request that gets no answer (node handler)", () => {
  it("set on the handler's options, without throwOnRequestTimeout", async () => {
    const server = await serve(neverAnswer);
    const started = Date.now();
    const error = await outcomeWithin(
      client(server.url, { requestHandler: { requestTimeout: 200 } }).send(
        new CreateTokenCommand(input),
      ),
      3000,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: "TimeoutError", $metadata: { attempts: 2 } });
    expect(server.requests()).toBe(2);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("set per call", async () => {
    const server = await serve(neverAnswer);
    const error = await outcomeWithin(
      client(server.url, {}).send(new CreateTokenCommand(input), { requestTimeout: 200 }),
      3000,
    );
    expect(error).toMatchObject({ name: "TimeoutError", $metadata: { attempts: 2 } });
    expect(server.requests()).toBe(2);
  });

  it("an explicit throwOnRequestTimeout: false keeps smithy's warning only", async () => {
    const server = await serve(neverAnswer);
    const warnings: string[] = [];
    const logger = { warn: (m: string) => void warnings.push(m) };
    const outcome = await outcomeWithin(
      client(server.url, {
        requestHandler: { requestTimeout: 200, throwOnRequestTimeout: false, logger },
      }).send(new CreateTokenCommand(input)),
      800,
    );
    expect(outcome).toBe("still waiting");
    expect(warnings).toHaveLength(1);
  });
});

describe("requestTimeout bounds a body that stalls after the headers", () => {
  it("node handler, set on the handler's options", async () => {
    const server = await serve(headersThenStall);
    const started = Date.now();
    const error = await outcomeWithin(
      client(server.url, { requestHandler: { requestTimeout: 300 } }).send(
        new CreateTokenCommand(input),
      ),
      3000,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: "TimeoutError", $metadata: { attempts: 2 } });
    expect((error as Error).message).toMatch(
      /^The response body was still arriving when the 300 ms requestTimeout ran out\./,
    );
    expect(server.requests()).toBe(2);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("node handler, set per call", async () => {
    const server = await serve(headersThenStall);
    const error = await outcomeWithin(
      client(server.url, {}).send(new CreateTokenCommand(input), { requestTimeout: 300 }),
      3000,
    );
    expect(error).toMatchObject({ name: "TimeoutError", $metadata: { attempts: 2 } });
  });

  it("fetch handler (the browser runtime's), set on the handler's options", async () => {
    const server = await serve(headersThenStall);
    const error = await outcomeWithin(
      client(server.url, {
        requestHandler: browserRuntimeConfig({ requestHandler: { requestTimeout: 300 } }, SERVICE)
          .requestHandler,
      }).send(new CreateTokenCommand(input)),
      3000,
    );
    expect(error).toMatchObject({ name: "TimeoutError", $metadata: { attempts: 2 } });
    expect(server.requests()).toBe(2);
  });

  it("a body that arrives in time is read whole, and its timer does not outlive it", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"accessToken":');
      setTimeout(() => res.end('"at-1"}'), 50);
    });
    const sent = client(server.url, { requestHandler: { requestTimeout: 1000 } });
    const out = await sent.send(new CreateTokenCommand(input));
    expect(out.accessToken).toBe("at-1");
    expect(sent.config.requestHandler).toBeInstanceOf(NodeHttpHandler);
  });
});
