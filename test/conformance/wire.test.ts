import * as Official from "@aws-sdk/client-sso-oidc";
import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";
import { HttpRequest } from "@smithy/core/protocols";
import { SignatureV4 } from "@smithy/signature-v4";
import type { SourceData } from "@smithy/types";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Ours from "../../src/index";
import { RecordingServer, type RecordedRequest } from "../support/recording-server";
import { commandsFor, type Input, type OperationName } from "./commands";

/*
 * The same input through the official client and ours must put the same bytes
 * on the wire: method, path, query, JSON body, and the headers that describe it.
 */

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const CREDENTIALS = { accessKeyId: "AKID", secretAccessKey: "SECRET" };

/** A `@smithy/types` Checksum over node:crypto, for the reference signer. */
class NodeSha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.hash =
      secret === undefined
        ? createHash("sha256")
        : createHmac(
            "sha256",
            typeof secret === "string" ? secret : Buffer.from(secret as Uint8Array),
          );
  }
  update(data: Uint8Array | string): void {
    this.hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

/**
 * The authorization header a reference SigV4 signer computes for the recorded
 * request, over the headers it says it signed, at the time it says it signed.
 */
async function recomputedAuthorization(request: RecordedRequest): Promise<string | undefined> {
  const header = String(request.headers.authorization);
  const names = /SignedHeaders=([^,]+)/.exec(header)?.[1]?.split(";") ?? [];
  const headers = Object.fromEntries(names.map((name) => [name, String(request.headers[name])]));
  const amzDate = String(request.headers["x-amz-date"]);
  const signingDate = new Date(
    `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T` +
      `${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
  );
  const [hostname, port] = String(request.headers.host).split(":");
  const signer = new SignatureV4({
    credentials: CREDENTIALS,
    region: "us-east-1",
    service: "sso-oauth",
    sha256: NodeSha256,
    uriEscapePath: true,
    applyChecksum: true,
  });
  const signed = await signer.sign(
    new HttpRequest({
      method: request.method,
      protocol: "http:",
      hostname,
      port: Number(port),
      path: request.path,
      query: Object.fromEntries(request.query),
      headers,
      body: request.body,
    }),
    { signingDate },
  );
  return signed.headers.authorization;
}

const server = new RecordingServer();

function clientConfig(endpoint: string) {
  return {
    region: "us-east-1",
    endpoint,
    maxAttempts: 1,
    credentials: CREDENTIALS,
  };
}

const clients: Array<{ destroy(): void }> = [];

function officialClient(endpoint: string): Official.SSOOIDCClient {
  const client = new Official.SSOOIDCClient(clientConfig(endpoint));
  clients.push(client);
  return client;
}

function ourClient(endpoint: string): Ours.SSOOIDCClient {
  const client = new Ours.SSOOIDCClient(clientConfig(endpoint));
  clients.push(client);
  return client;
}

/** Sends `input` through the official client, then ours; returns what each put on the wire. */
async function sendBoth(
  operation: OperationName,
  input: Input,
  endpoint: string = server.url,
): Promise<{ official: RecordedRequest; ours: RecordedRequest }> {
  server.take();
  const { OfficialCommand, OurCommand } = commandsFor(operation);
  await officialClient(endpoint).send(new OfficialCommand(structuredClone(input)));
  const [official] = server.take();
  await ourClient(endpoint).send(new OurCommand(structuredClone(input)));
  const [ours] = server.take();
  if (official === undefined || ours === undefined) throw new Error("a request was not recorded");
  return { official, ours };
}

function expectSameWire(official: RecordedRequest, ours: RecordedRequest): void {
  expect(ours.method).toBe(official.method);
  expect(ours.url).toBe(official.url);
  expect(ours.path).toBe(official.path);
  expect(ours.query).toStrictEqual(official.query);
  expect(ours.body).toBe(official.body);
  expect(ours.bytes.equals(official.bytes)).toBe(true);
  expect(ours.headers["content-type"]).toBe(official.headers["content-type"]);
  expect(ours.headers.host).toBe(official.headers.host);
  expect(ours.headers["content-length"]).toBe(official.headers["content-length"]);
}

interface WireCase {
  readonly name: string;
  readonly operation: OperationName;
  readonly input: Input;
  /** The path below the endpoint's own path. */
  readonly path: string;
  readonly query: ReadonlyArray<readonly [string, string]>;
  /** The exact JSON both clients must send. */
  readonly body: string;
}

const START_URL = "https://d-1234567890.awsapps.com/start";
const APP_ARN =
  "arn:aws:sso::123456789012:application/ssoins-1111222233334444/apl-5555666677778888";
const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
const JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
const ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";
const REFRESH_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:refresh_token";

const cases: readonly WireCase[] = [
  {
    name: "RegisterClient with every member",
    operation: "RegisterClient",
    input: {
      clientName: "my-cli",
      clientType: "public",
      scopes: ["sso:account:access", "codewhisperer:completions"],
      redirectUris: ["http://127.0.0.1/oauth/callback", "http://127.0.0.1:8080/cb"],
      grantTypes: ["authorization_code", "refresh_token"],
      issuerUrl: START_URL,
      entitledApplicationArn: APP_ARN,
    },
    path: "/client/register",
    query: [],
    body:
      '{"clientName":"my-cli","clientType":"public",' +
      '"scopes":["sso:account:access","codewhisperer:completions"],' +
      '"redirectUris":["http://127.0.0.1/oauth/callback","http://127.0.0.1:8080/cb"],' +
      '"grantTypes":["authorization_code","refresh_token"],' +
      `"issuerUrl":"${START_URL}","entitledApplicationArn":"${APP_ARN}"}`,
  },
  {
    name: "RegisterClient with its members in reverse order",
    operation: "RegisterClient",
    input: {
      entitledApplicationArn: APP_ARN,
      issuerUrl: START_URL,
      grantTypes: ["refresh_token", "authorization_code"],
      redirectUris: ["http://127.0.0.1/oauth/callback"],
      scopes: ["sso:account:access"],
      clientType: "public",
      clientName: "reversed",
    },
    path: "/client/register",
    query: [],
    body:
      '{"clientName":"reversed","clientType":"public","scopes":["sso:account:access"],' +
      '"redirectUris":["http://127.0.0.1/oauth/callback"],' +
      '"grantTypes":["refresh_token","authorization_code"],' +
      `"issuerUrl":"${START_URL}","entitledApplicationArn":"${APP_ARN}"}`,
  },
  {
    name: "RegisterClient with empty lists",
    operation: "RegisterClient",
    input: {
      grantTypes: [],
      clientName: "empty",
      scopes: [],
      clientType: "public",
      redirectUris: [],
    },
    path: "/client/register",
    query: [],
    body: '{"clientName":"empty","clientType":"public","scopes":[],"redirectUris":[],"grantTypes":[]}',
  },
  {
    name: "RegisterClient with only the required members and non-ASCII text",
    operation: "RegisterClient",
    input: {
      clientType: "public",
      clientName: 'Zoë\'s CLI \u540d\u524d \u{1F511} "quoted" \\ \u2028',
    },
    path: "/client/register",
    query: [],
    body: '{"clientName":"Zoë\'s CLI 名前 🔑 \\"quoted\\" \\\\ \u2028","clientType":"public"}',
  },
  {
    name: "StartDeviceAuthorization",
    operation: "StartDeviceAuthorization",
    input: { clientId: "client-id-1", clientSecret: "client-secret-1", startUrl: START_URL },
    path: "/device_authorization",
    query: [],
    body: `{"clientId":"client-id-1","clientSecret":"client-secret-1","startUrl":"${START_URL}"}`,
  },
  {
    name: "StartDeviceAuthorization with its members in reverse order",
    operation: "StartDeviceAuthorization",
    input: { startUrl: START_URL, clientSecret: "s", clientId: "c" },
    path: "/device_authorization",
    query: [],
    body: `{"clientId":"c","clientSecret":"s","startUrl":"${START_URL}"}`,
  },
  {
    name: "CreateToken, device_code grant",
    operation: "CreateToken",
    input: {
      clientId: "client-id-1",
      clientSecret: "client-secret-1",
      grantType: DEVICE_GRANT,
      deviceCode: "device-code-1",
    },
    path: "/token",
    query: [],
    body:
      '{"clientId":"client-id-1","clientSecret":"client-secret-1",' +
      `"grantType":"${DEVICE_GRANT}","deviceCode":"device-code-1"}`,
  },
  {
    name: "CreateToken, refresh_token grant with scopes, keys shuffled",
    operation: "CreateToken",
    input: {
      scope: ["sso:account:access", "openid"],
      refreshToken: "aorvJYubGpU6i91YnH7Mfo:MGUCMQ",
      grantType: "refresh_token",
      clientSecret: "client-secret-1",
      clientId: "client-id-1",
    },
    path: "/token",
    query: [],
    body:
      '{"clientId":"client-id-1","clientSecret":"client-secret-1","grantType":"refresh_token",' +
      '"refreshToken":"aorvJYubGpU6i91YnH7Mfo:MGUCMQ","scope":["sso:account:access","openid"]}',
  },
  {
    name: "CreateToken, authorization_code grant with PKCE, keys shuffled",
    operation: "CreateToken",
    input: {
      codeVerifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
      redirectUri: "http://127.0.0.1:54321/oauth/callback",
      code: "auth-code-1",
      grantType: "authorization_code",
      clientId: "client-id-1",
      clientSecret: "client-secret-1",
      scope: [],
    },
    path: "/token",
    query: [],
    body:
      '{"clientId":"client-id-1","clientSecret":"client-secret-1","grantType":"authorization_code",' +
      '"code":"auth-code-1","scope":[],"redirectUri":"http://127.0.0.1:54321/oauth/callback",' +
      '"codeVerifier":"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"}',
  },
  {
    name: "CreateTokenWithIAM, authorization_code grant with every member it uses, keys reversed",
    operation: "CreateTokenWithIAM",
    input: {
      codeVerifier: "verifier",
      redirectUri: "https://app.example.com/cb",
      scope: ["openid", "aws"],
      code: "auth-code-2",
      grantType: "authorization_code",
      clientId: APP_ARN,
    },
    path: "/token",
    query: [["aws_iam", "t"]],
    body:
      `{"clientId":"${APP_ARN}","grantType":"authorization_code","code":"auth-code-2",` +
      '"scope":["openid","aws"],"redirectUri":"https://app.example.com/cb","codeVerifier":"verifier"}',
  },
  {
    name: "CreateTokenWithIAM, refresh_token grant",
    operation: "CreateTokenWithIAM",
    input: { clientId: APP_ARN, grantType: "refresh_token", refreshToken: "refresh-2" },
    path: "/token",
    query: [["aws_iam", "t"]],
    body: `{"clientId":"${APP_ARN}","grantType":"refresh_token","refreshToken":"refresh-2"}`,
  },
  {
    name: "CreateTokenWithIAM, jwt-bearer grant with an empty scope list",
    operation: "CreateTokenWithIAM",
    input: {
      assertion: "eyJhbGciOiJSUzI1NiJ9.e30.c2ln",
      scope: [],
      grantType: JWT_GRANT,
      clientId: APP_ARN,
    },
    path: "/token",
    query: [["aws_iam", "t"]],
    body: `{"clientId":"${APP_ARN}","grantType":"${JWT_GRANT}","assertion":"eyJhbGciOiJSUzI1NiJ9.e30.c2ln","scope":[]}`,
  },
  {
    name: "CreateTokenWithIAM, token-exchange grant",
    operation: "CreateTokenWithIAM",
    input: {
      requestedTokenType: REFRESH_TOKEN_TYPE,
      subjectTokenType: ID_TOKEN_TYPE,
      subjectToken: "subject-token",
      grantType: EXCHANGE_GRANT,
      clientId: APP_ARN,
    },
    path: "/token",
    query: [["aws_iam", "t"]],
    body:
      `{"clientId":"${APP_ARN}","grantType":"${EXCHANGE_GRANT}","subjectToken":"subject-token",` +
      `"subjectTokenType":"${ID_TOKEN_TYPE}","requestedTokenType":"${REFRESH_TOKEN_TYPE}"}`,
  },
];

beforeAll(async () => {
  await server.start();
});

afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
  server.reset();
});

afterAll(async () => {
  await server.close();
});

describe.each([
  { endpointName: "the server's root", basePath: "" },
  { endpointName: "a custom endpoint with a base path", basePath: "/base" },
])("requests to $endpointName", ({ basePath }) => {
  it.each(cases)("$name: same method, path, query, body bytes and headers", async (wire) => {
    const { official, ours } = await sendBoth(
      wire.operation,
      wire.input,
      `${server.url}${basePath}`,
    );
    expectSameWire(official, ours);

    const expectedTarget =
      `${basePath}${wire.path}` +
      (wire.query.length === 0
        ? ""
        : `?${new URLSearchParams(wire.query.map(([key, value]) => [key, value])).toString()}`);
    for (const request of [official, ours]) {
      expect(request.method).toBe("POST");
      expect(request.url).toBe(expectedTarget);
      expect(request.query).toStrictEqual(wire.query);
      expect(request.body).toBe(wire.body);
      expect(request.headers["content-type"]).toBe("application/json");
      expect(request.headers.host).toBe(server.host);
      expect(request.headers["content-length"]).toBe(String(Buffer.byteLength(wire.body, "utf8")));
      expect(request.headers["amz-sdk-invocation-id"]).toMatch(UUID_V4);
      expect(request.headers["amz-sdk-request"]).toBe("attempt=1; max=1");
    }
  });
});

describe("headers", () => {
  it("each call gets a fresh invocation id", async () => {
    const input = { clientId: "c", clientSecret: "s", startUrl: START_URL };
    const first = await sendBoth("StartDeviceAuthorization", input);
    const second = await sendBoth("StartDeviceAuthorization", input);
    const ids = [first.official, first.ours, second.official, second.ours].map(
      (request) => request.headers["amz-sdk-invocation-id"],
    );
    expect(new Set(ids).size).toBe(4);
  });

  it.each([
    "RegisterClient",
    "StartDeviceAuthorization",
    "CreateToken",
    "CreateTokenWithIAM",
  ] as const)("%s: both send the same set of header names", async (operation) => {
    const wire = cases.find((candidate) => candidate.operation === operation);
    if (wire === undefined) throw new Error(`no case for ${operation}`);
    const { official, ours } = await sendBoth(operation, wire.input);
    expect(Object.keys(ours.headers).sort()).toStrictEqual(Object.keys(official.headers).sort());
  });

  it("user agent: ours names sso-oidc and its version where the official names aws-sdk-js", async () => {
    const wire = cases[0]!;
    const { official, ours } = await sendBoth(wire.operation, wire.input);
    expect(official.headers["user-agent"]).toMatch(/^aws-sdk-js\/3\./);
    expect(ours.headers["user-agent"]).toMatch(/^sso-oidc\/0\.1\.0 /);
    expect(ours.headers["x-amz-user-agent"]).toMatch(/^sso-oidc\/0\.1\.0/);
  });

  it.each(cases.filter((candidate) => candidate.operation === "CreateTokenWithIAM"))(
    "CreateTokenWithIAM ($name) is SigV4-signed for sso-oauth in us-east-1 by both clients",
    async (wire) => {
      const { official, ours } = await sendBoth(wire.operation, wire.input);
      const authorization =
        /^AWS4-HMAC-SHA256 Credential=AKID\/(\d{8})\/us-east-1\/sso-oauth\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=[0-9a-f]{64}$/;
      for (const request of [official, ours]) {
        expect(request.headers.authorization).toMatch(authorization);
        expect(request.headers["x-amz-date"]).toMatch(/^\d{8}T\d{6}Z$/);
        expect(request.headers["x-amz-content-sha256"]).toBe(
          createHash("sha256").update(request.bytes).digest("hex"),
        );
        expect(await recomputedAuthorization(request)).toBe(request.headers.authorization);
      }
      const signedHeaders = (request: RecordedRequest) =>
        authorization.exec(String(request.headers.authorization))?.[2];
      expect(signedHeaders(ours)).toBe(signedHeaders(official));
      expect(signedHeaders(official)).toBe(
        "amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;" +
          "x-amz-content-sha256;x-amz-date;x-amz-user-agent",
      );
    },
  );

  it.each(["RegisterClient", "StartDeviceAuthorization", "CreateToken"] as const)(
    "%s is not signed by either client",
    async (operation) => {
      const wire = cases.find((candidate) => candidate.operation === operation)!;
      const { official, ours } = await sendBoth(operation, wire.input);
      for (const request of [official, ours]) {
        expect(request.headers.authorization).toBeUndefined();
        expect(request.headers["x-amz-date"]).toBeUndefined();
      }
    },
  );
});

describe("the aggregated client", () => {
  it("SSOOIDC.createToken sends what the official SSOOIDC.createToken sends", async () => {
    const wire = cases.find((candidate) => candidate.operation === "CreateToken")!;
    server.take();
    const theirs = new Official.SSOOIDC(clientConfig(server.url));
    const mine = new Ours.SSOOIDC(clientConfig(server.url));
    clients.push(theirs, mine);
    await theirs.createToken(
      structuredClone(wire.input) as unknown as Official.CreateTokenCommandInput,
    );
    await mine.createToken(structuredClone(wire.input) as unknown as Ours.CreateTokenCommandInput);
    const [official, ours] = server.take();
    expectSameWire(official!, ours!);
    expect(ours!.body).toBe(wire.body);
  });
});

describe("a base path with a trailing slash", () => {
  /*
   * The official serializer appends "/token" to "/base/" and sends "/base//token";
   * ours joins the paths the same way, so the bytes on the wire stay identical.
   */
  it.each([
    ["CreateToken", ""],
    ["CreateTokenWithIAM", "?aws_iam=t"],
  ] as const)("%s: both send /base//token", async (operation, query) => {
    const wire = cases.find((candidate) => candidate.operation === operation)!;
    const { official, ours } = await sendBoth(operation, wire.input, `${server.url}/base/`);
    expect(official.url).toBe(`/base//token${query}`);
    expect(ours.url).toBe(`/base//token${query}`);
    expect(ours.bytes.equals(official.bytes)).toBe(true);
  });
});

describe("input our client does not send as given (intended differences)", () => {
  it("unknown members are left out of the body", async () => {
    server.take();
    const input = {
      clientId: "c",
      clientSecret: "s",
      startUrl: START_URL,
      extra: "not in the model",
    } as Ours.StartDeviceAuthorizationCommandInput;
    await ourClient(server.url).send(new Ours.StartDeviceAuthorizationCommand(input));
    const [ours] = server.take();
    expect(ours?.body).toBe(`{"clientId":"c","clientSecret":"s","startUrl":"${START_URL}"}`);
  });

  it("a missing required member is refused before anything is sent", async () => {
    server.take();
    const input = { clientId: "c", grantType: "refresh_token" } as Ours.CreateTokenCommandInput;
    const sent = ourClient(server.url).send(new Ours.CreateTokenCommand(input));
    await expect(sent).rejects.toBeInstanceOf(Ours.InvalidInputError);
    await expect(sent).rejects.toMatchObject({
      name: "InvalidInputError",
      problems: ["clientSecret is required"],
    });
    expect(server.take()).toStrictEqual([]);
  });

  it("a wrongly typed member is refused before anything is sent", async () => {
    server.take();
    const input = {
      clientName: "n",
      clientType: "public",
      scopes: "sso:account:access",
    } as unknown as Ours.RegisterClientCommandInput;
    const sent = ourClient(server.url).send(new Ours.RegisterClientCommand(input));
    await expect(sent).rejects.toMatchObject({
      name: "InvalidInputError",
      problems: ["scopes must be an array of strings, not a string"],
    });
    expect(server.take()).toStrictEqual([]);
  });
});
