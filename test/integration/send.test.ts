import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import {
  CreateTokenCommand,
  CreateTokenWithIAMCommand,
  RegisterClientCommand,
  SSOOIDCClient,
} from "../../src/index";
import {
  RecordingServer,
  type CannedResponse,
  type RecordedRequest,
} from "../support/recording-server";
import { verifySigV4 } from "../support/verify-sigv4";

/*
 * A client sends through its middleware stack (src/runtime/send.ts) and keeps
 * the handler the stack resolves to per command class while nothing that goes
 * into it changes; `cacheMiddleware: false` resolves it on every send. Both
 * must behave the same: same requests, outputs, errors and retries.
 */

const server = new RecordingServer();
beforeAll(() => server.start());
afterAll(() => server.close());
beforeEach(() => server.reset());
afterEach(() => vi.useRealTimers());

const input = { clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" };
const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };
const refresh = { clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" };
const ERROR_TYPE = ":http://internal.amazon.com/coral/com.amazonaws.sso.oidc/";

function clientFor(handler: "reused" | "resolved") {
  return new SSOOIDCClient({
    region: "us-east-1",
    endpoint: `${server.url}/base`,
    credentials,
    retryStrategy: new ConfiguredRetryStrategy(3, () => 5),
    ...(handler === "resolved" ? { cacheMiddleware: false } : {}),
  });
}

/** What must match between the two: everything but per-request ids and signatures. */
function wire(request: RecordedRequest) {
  const { "amz-sdk-invocation-id": id, authorization, ...headers } = request.headers;
  return {
    method: request.method,
    url: request.url,
    body: request.body,
    headers: {
      ...headers,
      "amz-sdk-invocation-id": typeof id,
      authorization: typeof authorization,
    },
  };
}

async function outcome(promise: Promise<unknown>) {
  try {
    return { ok: await promise };
  } catch (error) {
    const e = error as Error & Record<string, unknown>;
    return {
      error: {
        class: e.constructor.name,
        name: e.name,
        message: e.message,
        fault: e["$fault"],
        metadata: e["$metadata"],
        keys: Object.keys(e).sort(),
        response: (e["$response"] as { statusCode?: number } | undefined)?.statusCode,
      },
    };
  }
}

const scenarios: [string, CannedResponse[], (client: SSOOIDCClient) => Promise<unknown>][] = [
  [
    "a CreateToken success",
    [{ status: 200, body: '{"accessToken":"a","tokenType":"Bearer","expiresIn":60}' }],
    (c) => c.send(new CreateTokenCommand(refresh)),
  ],
  [
    "a modeled error, not retried",
    [
      {
        status: 400,
        headers: { "x-amzn-errortype": `InvalidGrantException${ERROR_TYPE}` },
        body: '{"error":"invalid_grant","error_description":"Invalid refresh token provided"}',
      },
    ],
    (c) => c.send(new CreateTokenCommand(refresh)),
  ],
  [
    "two 500s retried, then a success",
    [
      { status: 500, body: "" },
      { status: 503, body: "{}" },
      { status: 200, body: '{"clientId":"x"}' },
    ],
    (c) =>
      c.send(new RegisterClientCommand({ clientName: "n", clientType: "public", scopes: ["a"] })),
  ],
  [
    "retries exhausted",
    [
      { status: 500, headers: { "x-amzn-errortype": "InternalServerException" }, body: "{}" },
      { status: 500, headers: { "x-amzn-errortype": "InternalServerException" }, body: "{}" },
      { status: 500, headers: { "x-amzn-errortype": "InternalServerException" }, body: "{}" },
    ],
    (c) => c.send(new CreateTokenCommand(refresh)),
  ],
  [
    "a success body that is not JSON",
    [{ status: 200, body: "<html>" }],
    (c) => c.send(new CreateTokenCommand(refresh)),
  ],
  [
    "input that breaks the model",
    [],
    (c) => c.send(new CreateTokenCommand({ clientId: 1 } as never)),
  ],
  [
    "a signed CreateTokenWithIAM",
    [{ status: 200, body: '{"accessToken":"a","awsAdditionalDetails":{"identityContext":"i"}}' }],
    (c) =>
      c.send(
        new CreateTokenWithIAMCommand({
          clientId: "arn",
          grantType: "refresh_token",
          refreshToken: "r",
        }),
      ),
  ],
];

describe("a reused handler and one resolved for the send", () => {
  it.each(scenarios)("%s: same requests, same outcome", async (_name, responses, call) => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-27T10:00:00Z"));
    const results = [];
    for (const handler of ["reused", "resolved"] as const) {
      const client = clientFor(handler);
      // Each client makes the call once first: the reusing one resolves its handler then,
      // and both sample the server's clock from that response, as signed calls do.
      await outcome(call(client));
      server.reset();
      for (const response of responses) server.respond(response);
      const result = await outcome(call(client));
      const requests = server.take();
      client.destroy();
      results.push({
        result,
        requests: requests.map(wire),
        signed: requests.map(
          (r) =>
            r.headers.authorization !== undefined &&
            verifySigV4(r, credentials.secretAccessKey).valid,
        ),
      });
    }
    const [reused, resolved] = results;
    expect(reused).toStrictEqual(resolved);
    expect(reused!.requests).toHaveLength(responses.length);
  });
});

function headerMiddleware(name: string, value: string) {
  return {
    middleware: (next: (args: any) => Promise<any>) => async (args: any) => {
      args.request.headers[name] = value;
      return next(args);
    },
    options: { step: "build" as const, name: `set-${name}` },
  };
}

/** The options of each resolution of CreateTokenCommand's middleware while `sends` runs. */
async function resolutions(sends: () => Promise<void>): Promise<unknown[]> {
  const spy = vi.spyOn(CreateTokenCommand.prototype, "resolveMiddleware");
  try {
    await sends();
    return spy.mock.calls.map((call) => call[2]);
  } finally {
    spy.mockRestore();
  }
}

describe("the handler resolved from the middleware stack", () => {
  it("is built once per command class while the stack is unchanged", async () => {
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url });
    const resolved = await resolutions(async () => {
      await client.send(new CreateTokenCommand(input));
      await client.send(new CreateTokenCommand(input));
      await client.send(new CreateTokenCommand(input));
    });
    expect(resolved).toStrictEqual([undefined]);
    expect(server.requests.map((r) => r.url)).toStrictEqual(["/token", "/token", "/token"]);
    client.destroy();
  });

  it("is built once per command class with a logger too", async () => {
    const logger = { debug() {}, info() {}, warn() {}, error() {} };
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, logger });
    const resolved = await resolutions(async () => {
      await client.send(new CreateTokenCommand(input));
      await client.send(new CreateTokenCommand(input));
      await client.send(new CreateTokenCommand(input));
    });
    expect(resolved).toStrictEqual([undefined]);
    await client.send(new RegisterClientCommand({ clientName: "a", clientType: "public" }));
    expect(server.requests.map((r) => r.url)).toStrictEqual([
      "/token",
      "/token",
      "/token",
      "/client/register",
    ]);
    client.destroy();
  });

  it("is rebuilt when middleware is added to or removed from the client", async () => {
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url });
    await client.send(new CreateTokenCommand(input));
    const { middleware, options } = headerMiddleware("x-added", "1");
    client.middlewareStack.add(middleware, options);
    await client.send(new CreateTokenCommand(input));
    client.middlewareStack.remove("set-x-added");
    await client.send(new CreateTokenCommand(input));
    expect(server.requests.map((r) => r.headers["x-added"])).toStrictEqual([
      undefined,
      "1",
      undefined,
    ]);
    client.destroy();
  });

  it("is rebuilt when a middleware of the client's is replaced under its own name", async () => {
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url });
    await client.send(new CreateTokenCommand(input));
    client.middlewareStack.add(
      (next) => (args) => {
        (args.request as { headers: Record<string, string> }).headers["x-amz-user-agent"] = "mine";
        return next(args);
      },
      {
        name: "getUserAgentMiddleware",
        step: "build",
        priority: "low",
        override: true,
      },
    );
    await client.send(new CreateTokenCommand(input));
    expect(server.requests.map((r) => r.headers["x-amz-user-agent"])).toStrictEqual([
      expect.stringMatching(/^sso-oidc\//),
      "mine",
    ]);
    client.destroy();
  });

  it("is resolved for a send with options, which go into the handler's context", async () => {
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url });
    const resolved = await resolutions(async () => {
      await client.send(new CreateTokenCommand(input));
      await client.send(new CreateTokenCommand(input), {
        abortSignal: new AbortController().signal,
      });
      await client.send(new CreateTokenCommand(input));
    });
    expect(resolved).toStrictEqual([undefined, { abortSignal: expect.any(AbortSignal) }]);
    client.destroy();
  });

  it("honours middleware added to one command instance, and only for it", async () => {
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url });
    await client.send(new CreateTokenCommand(input));
    const command = new CreateTokenCommand(input);
    const { middleware, options } = headerMiddleware("x-instance", "yes");
    command.middlewareStack.add(middleware, options);
    await client.send(command);
    await client.send(new CreateTokenCommand(input));
    expect(server.requests.map((r) => r.headers["x-instance"])).toStrictEqual([
      undefined,
      "yes",
      undefined,
    ]);
    client.destroy();
  });

  it("is not shared between concurrent sends with different inputs", async () => {
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        client.send(new CreateTokenCommand({ ...input, refreshToken: `r${i}` })),
      ),
    );
    const sent = server.requests.map((r) => JSON.parse(r.body).refreshToken as string).sort();
    expect(sent).toStrictEqual(Array.from({ length: 20 }, (_, i) => `r${i}`).sort());
    client.destroy();
  });

  it("cacheMiddleware: false resolves the chain on every send", async () => {
    const client = new SSOOIDCClient({
      region: "us-east-1",
      endpoint: server.url,
      cacheMiddleware: false,
    });
    const resolved = await resolutions(async () => {
      await client.send(new CreateTokenCommand(input));
      await client.send(new CreateTokenCommand(input));
    });
    expect(resolved).toStrictEqual([undefined, undefined]);
    client.destroy();
  });
});
