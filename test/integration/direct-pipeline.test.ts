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
 * The client sends through a direct pipeline while its middleware stack is its
 * own, and through the stack otherwise (cacheMiddleware: false forces it).
 * Both must behave the same: same requests, outputs, errors and retries.
 */

const server = new RecordingServer();
beforeAll(() => server.start());
afterAll(() => server.close());
beforeEach(() => server.reset());
afterEach(() => vi.useRealTimers());

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };
const refresh = { clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" };
const ERROR_TYPE = ":http://internal.amazon.com/coral/com.amazonaws.sso.oidc/";

const clientFor = (path: "direct" | "stack") =>
  new SSOOIDCClient({
    region: "us-east-1",
    endpoint: `${server.url}/base`,
    credentials,
    retryStrategy: new ConfiguredRetryStrategy(3, () => 5),
    ...(path === "stack" ? { cacheMiddleware: false } : {}),
  });

/** What must match between the two paths: everything but per-request ids and signatures. */
const wire = (request: RecordedRequest) => {
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
};

const outcome = async (promise: Promise<unknown>) => {
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
};

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

describe("the direct pipeline and the middleware stack", () => {
  it.each(scenarios)("%s: same requests, same outcome", async (_name, responses, call) => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-27T10:00:00Z"));
    const results = [];
    for (const path of ["direct", "stack"] as const) {
      server.reset();
      for (const response of responses) server.respond(response);
      const client = clientFor(path);
      const result = await outcome(call(client));
      const requests = [...server.requests];
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
    const [direct, stack] = results;
    expect(direct).toStrictEqual(stack);
    expect(direct!.requests).toHaveLength(responses.length);
  });

  it("the direct pipeline is left as soon as a middleware is added", async () => {
    const client = clientFor("direct");
    server.respond({ status: 200, body: "{}" }).respond({ status: 200, body: "{}" });
    await client.send(new CreateTokenCommand(refresh));
    client.middlewareStack.add(
      (next) => (args) => {
        (args.request as { headers: Record<string, string> }).headers["x-extra"] = "1";
        return next(args);
      },
      { step: "build", name: "extra" },
    );
    await client.send(new CreateTokenCommand(refresh));
    expect(server.requests.map((r) => r.headers["x-extra"])).toStrictEqual([undefined, "1"]);
    client.destroy();
  });
});
