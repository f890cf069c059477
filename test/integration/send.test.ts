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
 * A client sends a command through a composition of the middleware its stack
 * holds, read off the stack once per command class (src/runtime/send.ts), or,
 * with per-call options, middleware on the command, or `cacheMiddleware:
 * false`, through the stack resolved for the send. Both must behave the
 * same: same requests, outputs, errors, retries and signatures.
 */

const server = new RecordingServer();
beforeAll(() => server.start());
afterAll(() => server.close());
beforeEach(() => server.reset());
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

const input = { clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" };
const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };
const refresh = { clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" };
const ERROR_TYPE = ":http://internal.amazon.com/coral/com.amazonaws.sso.oidc/";
const TRACE_ID = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

type SendPath = "composed" | "resolved";

function clientFor(path: SendPath) {
  return new SSOOIDCClient({
    region: "us-east-1",
    endpoint: `${server.url}/base`,
    credentials,
    customUserAgent: [["early", "1.0"]],
    retryStrategy: new ConfiguredRetryStrategy(3, () => 5),
    ...(path === "resolved" ? { cacheMiddleware: false } : {}),
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

interface Scenario {
  readonly responses: CannedResponse[];
  readonly call: (client: SSOOIDCClient) => Promise<unknown>;
  /** Done to the client after its first call, before the one compared. */
  readonly change?: (client: SSOOIDCClient) => void;
  readonly env?: Readonly<Record<string, string>>;
}

const iamInput = { clientId: "arn", grantType: "refresh_token", refreshToken: "r" };
const tokenBody = '{"accessToken":"a","tokenType":"Bearer","expiresIn":60}';

const scenarios: Record<string, Scenario> = {
  "a CreateToken success": {
    responses: [{ status: 200, body: tokenBody }],
    call: (c) => c.send(new CreateTokenCommand(refresh)),
  },
  "a modeled error, not retried": {
    responses: [
      {
        status: 400,
        headers: { "x-amzn-errortype": `InvalidGrantException${ERROR_TYPE}` },
        body: '{"error":"invalid_grant","error_description":"Invalid refresh token provided"}',
      },
    ],
    call: (c) => c.send(new CreateTokenCommand(refresh)),
  },
  "two 500s retried, then a success": {
    responses: [
      { status: 500, body: "" },
      { status: 503, body: "{}" },
      { status: 200, body: '{"clientId":"x"}' },
    ],
    call: (c) =>
      c.send(new RegisterClientCommand({ clientName: "n", clientType: "public", scopes: ["a"] })),
  },
  "retries exhausted": {
    responses: [
      { status: 500, headers: { "x-amzn-errortype": "InternalServerException" }, body: "{}" },
      { status: 500, headers: { "x-amzn-errortype": "InternalServerException" }, body: "{}" },
      { status: 500, headers: { "x-amzn-errortype": "InternalServerException" }, body: "{}" },
    ],
    call: (c) => c.send(new CreateTokenCommand(refresh)),
  },
  "a success body that is not JSON": {
    responses: [{ status: 200, body: "<html>" }],
    call: (c) => c.send(new CreateTokenCommand(refresh)),
  },
  "input that breaks the model": {
    responses: [],
    call: (c) => c.send(new CreateTokenCommand({ clientId: 1 } as never)),
  },
  "a signed CreateTokenWithIAM": {
    responses: [
      { status: 200, body: '{"accessToken":"a","awsAdditionalDetails":{"identityContext":"i"}}' },
    ],
    call: (c) => c.send(new CreateTokenWithIAMCommand(iamInput)),
  },
  "a signed CreateTokenWithIAM refused, then retried": {
    responses: [
      { status: 500, body: "" },
      { status: 200, body: '{"accessToken":"a"}' },
    ],
    call: (c) => c.send(new CreateTokenWithIAMCommand(iamInput)),
  },
  "inside AWS Lambda: the trace header": {
    env: { AWS_LAMBDA_FUNCTION_NAME: "my-function", _X_AMZN_TRACE_ID: TRACE_ID },
    responses: [{ status: 200, body: tokenBody }],
    call: (c) => c.send(new CreateTokenCommand(refresh)),
  },
  "a user agent pushed onto config.customUserAgent after the first call": {
    change: (c) => {
      const custom = c.config.customUserAgent;
      if (Array.isArray(custom)) custom.push(["late", "2.0"]);
    },
    responses: [{ status: 200, body: tokenBody }],
    call: (c) => c.send(new CreateTokenCommand(refresh)),
  },
  "middleware added after signing, after the first call": {
    change: (c) =>
      c.middlewareStack.addRelativeTo(
        (next: (args: any) => Promise<any>) => (args: any) => {
          args.request.headers["x-after-signing"] = String(
            args.request.headers.authorization ?? "none",
          );
          return next(args);
        },
        { relation: "after", toMiddleware: "httpSigningMiddleware", name: "afterSigning" },
      ),
    responses: [{ status: 200, body: tokenBody }],
    call: (c) => c.send(new CreateTokenCommand(refresh)),
  },
};

/** How often the client's own stack was resolved for a send while `call` ran. */
async function stackResolutions(client: SSOOIDCClient, call: () => Promise<unknown>) {
  const spies = [CreateTokenCommand, CreateTokenWithIAMCommand, RegisterClientCommand].map(
    (Command) => vi.spyOn(Command.prototype, "resolveMiddleware"),
  );
  try {
    const result = await outcome(call());
    const count = spies
      .flatMap((spy) => spy.mock.calls)
      .filter(([stack]) => stack === client.middlewareStack).length;
    return { result, count };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

describe("the composed path and the stack resolved per send", () => {
  it.each(Object.entries(scenarios))("%s: same requests, same outcome", async (_name, scenario) => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-27T10:00:00Z"));
    for (const [key, value] of Object.entries(scenario.env ?? {})) vi.stubEnv(key, value);
    const results = [];
    for (const path of ["composed", "resolved"] as const) {
      const client = clientFor(path);
      // Each client makes the call once first: the composing one reads its stack then,
      // and both sample the server's clock from that response, as signed calls do.
      await outcome(scenario.call(client));
      scenario.change?.(client);
      server.reset();
      for (const response of scenario.responses) server.respond(response);
      const { result, count } = await stackResolutions(client, () => scenario.call(client));
      const requests = server.take();
      client.destroy();
      results.push({
        path,
        resolvedForTheSend: count,
        result,
        requests: requests.map(wire),
        signed: requests.map(
          (r) =>
            r.headers.authorization !== undefined &&
            verifySigV4(r, credentials.secretAccessKey).valid,
        ),
      });
    }
    const [composed, resolved] = results;
    expect({ ...composed, path: "", resolvedForTheSend: 0 }).toStrictEqual({
      ...resolved,
      path: "",
      resolvedForTheSend: 0,
    });
    expect([composed!.resolvedForTheSend, resolved!.resolvedForTheSend]).toStrictEqual([0, 1]);
    expect(composed!.requests).toHaveLength(scenario.responses.length);
  });

  it("inside AWS Lambda both send the trace id, and outside neither does", async () => {
    for (const path of ["composed", "resolved"] as const) {
      const client = clientFor(path);
      await client.send(new CreateTokenCommand(refresh));
      vi.stubEnv("AWS_LAMBDA_FUNCTION_NAME", "my-function");
      vi.stubEnv("_X_AMZN_TRACE_ID", TRACE_ID);
      await client.send(new CreateTokenCommand(refresh));
      vi.unstubAllEnvs();
      client.destroy();
    }
    expect(server.requests.map((r) => r.headers["x-amzn-trace-id"])).toStrictEqual([
      undefined,
      TRACE_ID,
      undefined,
      TRACE_ID,
    ]);
  });

  it("middleware added after signing sees the signed request on both paths", async () => {
    const { change, call } = scenarios["middleware added after signing, after the first call"]!;
    for (const path of ["composed", "resolved"] as const) {
      const client = clientFor(path);
      change!(client);
      await call(client);
      await client.send(new CreateTokenWithIAMCommand(iamInput));
      client.destroy();
    }
    expect(
      server.requests.map((r) => String(r.headers["x-after-signing"]).split(" ")[0]),
    ).toStrictEqual(["none", "AWS4-HMAC-SHA256", "none", "AWS4-HMAC-SHA256"]);
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

describe("the composition read off the middleware stack", () => {
  it("is read once per command class while the stack is unchanged", async () => {
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

  it("is read once per command class with a logger too", async () => {
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

  it("is read again when middleware is added to or removed from the client", async () => {
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

  it("is read again when a middleware of the client's is replaced under its own name", async () => {
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

  it("is not used for a send with options: the stack is resolved, with the options in its context", async () => {
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

  it("gives each send a handler context of its own, holding the command being sent", async () => {
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url });
    client.middlewareStack.add(
      (next, context) => (args: any) => {
        const command = (context as Record<string, any>)["__smithy_context"].commandInstance;
        args.request.headers["x-sent-token"] = command.input.refreshToken;
        context.userAgent = [...(context.userAgent ?? []), ["seen"]];
        args.request.headers["x-context-marks"] = String(context.userAgent.length);
        return next(args);
      },
      { step: "build", name: "readContext" },
    );
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        client.send(new CreateTokenCommand({ ...input, refreshToken: `r${i}` })),
      ),
    );
    for (const request of server.requests) {
      expect(request.headers["x-sent-token"]).toBe(JSON.parse(request.body).refreshToken);
      expect(request.headers["x-context-marks"]).toBe("1");
    }
    expect(server.requests).toHaveLength(20);
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
