import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import {
  CreateTokenCommand,
  CreateTokenWithIAMCommand,
  InvalidGrantException,
  InvalidInputError,
  RegisterClientCommand,
  ResponseParseError,
  SSOOIDC,
  SSOOIDCClient,
  SSOOIDCServiceException,
  StartDeviceAuthorizationCommand,
  type CreateTokenCommandOutput,
} from "../../src/index";
import { PACKAGE_VERSION } from "../../src/client/version";
import { RecordingServer } from "../support/recording-server";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ERROR_TYPE_SUFFIX = ":http://internal.amazon.com/coral/com.amazonaws.sso.oidc/";

const server = new RecordingServer();
let client: SSOOIDCClient;

beforeAll(async () => {
  await server.start();
  client = new SSOOIDCClient({
    region: "us-east-1",
    endpoint: server.url,
    maxAttempts: 1,
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
  });
});
afterAll(async () => {
  client.destroy();
  await server.close();
});
beforeEach(() => server.reset());

const refreshInput = {
  clientId: "client-1",
  clientSecret: "secret-1",
  grantType: "refresh_token",
  refreshToken: "refresh-1",
};

describe("operations on the wire", () => {
  it("RegisterClient posts its members as JSON to /client/register", async () => {
    server.respond({
      status: 200,
      body: '{"clientId":"c1","clientSecret":"s1","clientIdIssuedAt":1700000000,"clientSecretExpiresAt":1707776000}',
    });
    const out = await client.send(
      new RegisterClientCommand({
        clientName: "app",
        clientType: "public",
        scopes: ["sso:account:access"],
      }),
    );
    const req = server.last();
    expect(req.method).toBe("POST");
    expect(req.url).toBe("/client/register");
    expect(req.body).toBe(
      '{"clientName":"app","clientType":"public","scopes":["sso:account:access"]}',
    );
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.headers["content-length"]).toBe(String(Buffer.byteLength(req.body)));
    expect(req.headers.host).toBe(new URL(server.url).host);
    expect(out).toStrictEqual({
      $metadata: {
        httpStatusCode: 200,
        requestId: "req-1",
        extendedRequestId: undefined,
        cfId: undefined,
        attempts: 1,
        totalRetryDelay: 0,
      },
      clientId: "c1",
      clientSecret: "s1",
      clientIdIssuedAt: 1700000000,
      clientSecretExpiresAt: 1707776000,
    });
  });

  it("StartDeviceAuthorization posts to /device_authorization and reads the codes", async () => {
    server.respond({
      status: 200,
      body: JSON.stringify({
        deviceCode: "dc",
        userCode: "ABCD-EFGH",
        verificationUri: "https://device.sso.us-east-1.amazonaws.com/",
        verificationUriComplete: "https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH",
        expiresIn: 600,
        interval: 1,
      }),
    });
    const out = await client.send(
      new StartDeviceAuthorizationCommand({
        clientId: "c1",
        clientSecret: "s1",
        startUrl: "https://example.awsapps.com/start",
      }),
    );
    expect(server.last().url).toBe("/device_authorization");
    expect(server.last().body).toBe(
      '{"clientId":"c1","clientSecret":"s1","startUrl":"https://example.awsapps.com/start"}',
    );
    expect(out.userCode).toBe("ABCD-EFGH");
    expect(out.expiresIn).toBe(600);
    expect(out.interval).toBe(1);
  });

  it("CreateToken posts to /token and sends the SDK headers", async () => {
    server.respond({
      status: 200,
      body: '{"accessToken":"at","tokenType":"Bearer","expiresIn":3600,"refreshToken":"rt2"}',
    });
    const out = await client.send(new CreateTokenCommand({ ...refreshInput, scope: [] }));
    const req = server.last();
    expect(req.url).toBe("/token");
    expect(req.body).toBe(
      '{"clientId":"client-1","clientSecret":"secret-1","grantType":"refresh_token","refreshToken":"refresh-1","scope":[]}',
    );
    expect(req.headers["amz-sdk-invocation-id"]).toMatch(UUID_V4);
    expect(req.headers["amz-sdk-request"]).toBe("attempt=1; max=1");
    expect(req.headers["x-amz-user-agent"]).toBe(`sso-oidc/${PACKAGE_VERSION}`);
    expect(req.headers["user-agent"]).toMatch(
      new RegExp(
        `^sso-oidc/${PACKAGE_VERSION} ua/2\\.1 os/${process.platform}#\\S+ lang/js md/nodejs#${process.versions.node.replace(/\./g, "\\.")} api/sso-oidc#${PACKAGE_VERSION} m/N,E$`,
      ),
    );
    expect(out.accessToken).toBe("at");
    expect(out.refreshToken).toBe("rt2");
  });

  it("CreateTokenWithIAM posts to /token?aws_iam=t and reads the nested details", async () => {
    server.respond({
      status: 200,
      body: JSON.stringify({
        accessToken: "at",
        tokenType: "Bearer",
        expiresIn: 3600,
        issuedTokenType: "urn:ietf:params:oauth:token-type:refresh_token",
        scope: ["openid"],
        awsAdditionalDetails: { identityContext: "ctx" },
        unknownMember: 1,
      }),
    });
    const out = await client.send(
      new CreateTokenWithIAMCommand({
        clientId: "arn:aws:sso::1:application/x",
        grantType: "authorization_code",
        code: "c",
      }),
    );
    expect(server.last().url).toBe("/token?aws_iam=t");
    expect(out.awsAdditionalDetails).toStrictEqual({ identityContext: "ctx" });
    expect(out.scope).toStrictEqual(["openid"]);
    expect(out).not.toHaveProperty("unknownMember");
  });

  it("keeps the path of a custom endpoint and accepts a URL object or a provider", async () => {
    const base = new SSOOIDCClient({
      region: "us-east-1",
      endpoint: `${server.url}/base`,
      maxAttempts: 1,
    });
    await base.send(new CreateTokenCommand(refreshInput));
    expect(server.last().url).toBe("/base/token");
    base.destroy();
    const url = new URL(server.url);
    // The config's type is the official's, which has no URL; a URL is taken at run time.
    const whatwgConfig: Record<string, unknown> = {
      region: "us-east-1",
      endpoint: new URL(`${server.url}/u`),
      maxAttempts: 1,
    };
    const whatwg = new SSOOIDCClient(whatwgConfig);
    await whatwg.send(new CreateTokenCommand(refreshInput));
    expect(server.last().url).toBe("/u/token");
    whatwg.destroy();
    const provided = new SSOOIDCClient({
      region: "us-east-1",
      maxAttempts: 1,
      endpoint: async () => ({
        protocol: "http:",
        hostname: url.hostname,
        port: Number(url.port),
        path: "/p",
      }),
    });
    await provided.send(new CreateTokenCommand(refreshInput));
    expect(server.last().url).toBe("/p/token");
    provided.destroy();
  });

  it("appends customUserAgent to both user-agent headers", async () => {
    const custom = new SSOOIDCClient({
      region: "us-east-1",
      endpoint: server.url,
      customUserAgent: [["my-tool", "1.2"]],
    });
    await custom.send(new CreateTokenCommand(refreshInput));
    expect(server.last().headers["x-amz-user-agent"]).toBe(
      `sso-oidc/${PACKAGE_VERSION} my-tool/1.2`,
    );
    expect(server.last().headers["user-agent"]).toMatch(/ my-tool\/1\.2$/);
    custom.destroy();
  });
});

describe("call styles", () => {
  it("send(cmd, cb) and send(cmd, options, cb) call back with the output", async () => {
    server.respond({ status: 200, body: '{"accessToken":"cb1"}' });
    const first = await new Promise<CreateTokenCommandOutput | undefined>((resolve, reject) =>
      client.send(new CreateTokenCommand(refreshInput), (err, data) =>
        err ? reject(err) : resolve(data),
      ),
    );
    expect(first?.accessToken).toBe("cb1");
    server.respond({ status: 200, body: '{"accessToken":"cb2"}' });
    const second = await new Promise<CreateTokenCommandOutput | undefined>((resolve, reject) =>
      client.send(new CreateTokenCommand(refreshInput), {}, (err, data) =>
        err ? reject(err) : resolve(data),
      ),
    );
    expect(second?.accessToken).toBe("cb2");
  });

  it("send(cmd, cb) passes a service error to the callback", async () => {
    server.respond({
      status: 400,
      headers: { "x-amzn-errortype": `InvalidGrantException${ERROR_TYPE_SUFFIX}` },
      body: '{"error":"invalid_grant","error_description":"Invalid refresh token provided"}',
    });
    const err = await new Promise<unknown>((resolve) =>
      client.send(new CreateTokenCommand(refreshInput), (e) => resolve(e)),
    );
    expect(err).toBeInstanceOf(InvalidGrantException);
    expect((err as Error).message).toBe("Invalid refresh token provided");
  });

  it("the aggregated SSOOIDC client has a method per operation, with promises and callbacks", async () => {
    const v2 = new SSOOIDC({
      region: "us-east-1",
      endpoint: server.url,
      credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
    });
    server.respond({ status: 200, body: '{"clientId":"c9"}' });
    expect((await v2.registerClient({ clientName: "a", clientType: "public" })).clientId).toBe(
      "c9",
    );
    server.respond({ status: 200, body: '{"deviceCode":"d9"}' });
    expect(
      (
        await v2.startDeviceAuthorization({
          clientId: "c",
          clientSecret: "s",
          startUrl: "https://x",
        })
      ).deviceCode,
    ).toBe("d9");
    server.respond({ status: 200, body: '{"accessToken":"a9"}' });
    expect(
      (
        await v2.createTokenWithIAM({
          clientId: "c",
          grantType: "refresh_token",
          refreshToken: "r",
        })
      ).accessToken,
    ).toBe("a9");
    server.respond({ status: 200, body: '{"accessToken":"b9"}' });
    const viaCallback = await new Promise<string | undefined>((resolve, reject) =>
      v2.createToken(refreshInput, (err: unknown, data?: CreateTokenCommandOutput) =>
        err ? reject(err) : resolve(data?.accessToken),
      ),
    );
    expect(viaCallback).toBe("b9");
    expect(server.requests.map((r) => r.url)).toStrictEqual([
      "/client/register",
      "/device_authorization",
      "/token?aws_iam=t",
      "/token",
    ]);
    v2.destroy();
  });
});

describe("middleware and config", () => {
  it("a user middleware added to the build step changes the request on the wire", async () => {
    const custom = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url });
    custom.middlewareStack.add(
      (next) => async (args) => {
        (args.request as { headers: Record<string, string> }).headers["x-custom"] =
          "from-middleware";
        return next(args);
      },
      { step: "build", name: "customHeader" },
    );
    await custom.send(new CreateTokenCommand(refreshInput));
    expect(server.last().headers["x-custom"]).toBe("from-middleware");
    expect(custom.middlewareStack.identify()).toContain("customHeader - build");
    custom.destroy();
  });

  it("names its middleware as the official client does", () => {
    expect(client.middlewareStack.identify()).toStrictEqual([
      "loggerMiddleware - initialize",
      "serializerMiddleware - serialize",
      "contentLengthMiddleware - build",
      "getUserAgentMiddleware - build",
      "hostHeaderMiddleware - build",
      "recursionDetectionMiddleware - build",
      "retryMiddleware - finalizeRequest",
      "httpSigningMiddleware (a.k.a. apiKeyMiddleware,tokenMiddleware,awsAuthMiddleware) - finalizeRequest",
      "deserializerMiddleware - deserialize",
    ]);
  });

  it("logs input and output with sensitive members hidden", async () => {
    const lines: unknown[] = [];
    const logger = {
      debug: () => {},
      info: (x: unknown) => lines.push(x),
      warn: () => {},
      error: (x: unknown) => lines.push(x),
    };
    const logged = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, logger });
    server.respond({
      status: 200,
      body: '{"accessToken":"at-secret","tokenType":"Bearer","refreshToken":"rt-secret"}',
    });
    await logged.send(new CreateTokenCommand(refreshInput));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      clientName: "SSOOIDCClient",
      commandName: "CreateTokenCommand",
      input: {
        clientId: "client-1",
        clientSecret: "***SensitiveInformation***",
        refreshToken: "***SensitiveInformation***",
      },
      output: {
        accessToken: "***SensitiveInformation***",
        tokenType: "Bearer",
        refreshToken: "***SensitiveInformation***",
      },
      metadata: { httpStatusCode: 200 },
    });
    expect(JSON.stringify(lines)).not.toMatch(/secret-1|refresh-1|at-secret|rt-secret/);
    logged.destroy();
  });

  it("uses a request handler instance, or options for the default one", async () => {
    const handler = new NodeHttpHandler();
    const calls: string[] = [];
    const original = handler.handle.bind(handler);
    handler.handle = (request, options) => {
      calls.push(request.path);
      return original(request, options);
    };
    const withInstance = new SSOOIDCClient({
      region: "us-east-1",
      endpoint: server.url,
      requestHandler: handler,
    });
    await withInstance.send(new CreateTokenCommand(refreshInput));
    expect(calls).toStrictEqual(["/token"]);
    const withOptions = new SSOOIDCClient({
      region: "us-east-1",
      endpoint: server.url,
      requestHandler: { requestTimeout: 5000 },
    });
    expect(withOptions.config.requestHandler).toBeInstanceOf(NodeHttpHandler);
    withInstance.destroy();
    withOptions.destroy();
  });

  it("destroy() closes the kept-alive sockets", async () => {
    const own = await new RecordingServer().start();
    const short = new SSOOIDCClient({ region: "us-east-1", endpoint: own.url });
    await short.send(new CreateTokenCommand(refreshInput));
    const open = await own.connections();
    expect(open).toBe(1);
    short.destroy();
    await expect.poll(() => own.connections()).toBe(0);
    await own.close();
  });
});

describe("errors", () => {
  it("an HTML 502 from a proxy names the status and describes the body", async () => {
    server.respond({
      status: 502,
      headers: { "content-type": "text/html" },
      body: "<html><body>Bad Gateway</body></html>",
    });
    const err = await client.send(new CreateTokenCommand(refreshInput)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SSOOIDCServiceException);
    expect(err).toMatchObject({
      name: "Unknown",
      $fault: "server",
      $metadata: { httpStatusCode: 502, requestId: "req-1" },
    });
    expect((err as Error).message).toBe(
      "CreateToken failed with HTTP 502 and a body that is not valid JSON (37 bytes; parsing stopped at byte 0: an unexpected character)",
    );
    expect(Object.keys(err as object)).not.toContain("$response");
    expect((err as { $response: { statusCode: number } }).$response.statusCode).toBe(502);
  });

  it("an empty 500 says so", async () => {
    server.respond({ status: 500, body: "" });
    const err = await client.send(new CreateTokenCommand(refreshInput)).catch((e: unknown) => e);
    expect(err).toMatchObject({
      name: "Unknown",
      $fault: "server",
      message: "CreateToken failed with HTTP 500 and an empty body",
    });
  });

  it("an unmodeled type keeps its name and the service's description", async () => {
    server.respond({
      status: 400,
      headers: { "x-amzn-errortype": "ThrottlingException" },
      body: '{"error":"slow","error_description":"Rate exceeded"}',
    });
    const err = await client.send(new CreateTokenCommand(refreshInput)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SSOOIDCServiceException);
    expect(err).toMatchObject({
      name: "ThrottlingException",
      $fault: "client",
      message: "Rate exceeded",
      error: "slow",
    });
  });

  it("a success body that is not JSON names the operation and the status", async () => {
    server.respond({ status: 200, body: '{"accessToken": ' });
    const err = await client.send(new CreateTokenCommand(refreshInput)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResponseParseError);
    expect((err as Error).message).toBe(
      "CreateToken returned HTTP 200 with a body that does not match the model: the body is not valid JSON (16 bytes; parsing stopped at byte 16: it ends before the JSON value is complete).",
    );
    // The engine's SyntaxError may quote the body: it is not kept.
    expect((err as Error).cause).toBeUndefined();
  });

  it("a member of the wrong JSON type names the member", async () => {
    server.respond({ status: 200, body: '{"accessToken":"a","expiresIn":"3600"}' });
    const err = await client.send(new CreateTokenCommand(refreshInput)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResponseParseError);
    expect((err as Error).message).toBe(
      'CreateToken returned HTTP 200 with a body that does not match the model: member expiresIn should be a 32-bit integer but is string "3600".',
    );
    expect(err).toMatchObject({
      code: "ERR_SSO_OIDC_BAD_RESPONSE",
      $metadata: { httpStatusCode: 200, requestId: "req-1" },
    });
  });

  it("input that breaks the model is not sent, and every problem is named", async () => {
    const bad = {
      clientId: 42,
      grantType: "refresh_token",
      scope: ["a", 7],
      extra: "x",
    } as unknown as ConstructorParameters<typeof CreateTokenCommand>[0];
    const err = await client.send(new CreateTokenCommand(bad)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect((err as Error).message).toBe(
      "CreateToken was not sent: clientId must be a string, not a number; clientSecret is required; scope[1] must be a string, not a number.",
    );
    expect(server.requests).toHaveLength(0);
  });

  it("unknown input members are not sent", async () => {
    const input = { ...refreshInput, notInTheModel: "x" } as ConstructorParameters<
      typeof CreateTokenCommand
    >[0];
    await client.send(new CreateTokenCommand(input));
    expect(JSON.parse(server.last().body)).not.toHaveProperty("notInTheModel");
  });
});
