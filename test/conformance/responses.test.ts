import * as Official from "@aws-sdk/client-sso-oidc";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Ours from "../../src/index";
import { RecordingServer, type CannedResponse } from "../support/recording-server";
import { commandsFor, type Input, type OperationName } from "./commands";

/*
 * The same response through the official client and ours must give the same
 * output, or the same exception (apart from the listed differences: our
 * `message` is the service's `error_description`).
 */

const START_URL = "https://d-1234567890.awsapps.com/start";
const APP_ARN =
  "arn:aws:sso::123456789012:application/ssoins-1111222233334444/apl-5555666677778888";

const inputs: Readonly<Record<OperationName, Input>> = {
  RegisterClient: { clientName: "my-cli", clientType: "public", scopes: ["sso:account:access"] },
  StartDeviceAuthorization: {
    clientId: "client-id-1",
    clientSecret: "secret-1",
    startUrl: START_URL,
  },
  CreateToken: {
    clientId: "client-id-1",
    clientSecret: "secret-1",
    grantType: "refresh_token",
    refreshToken: "refresh-1",
  },
  CreateTokenWithIAM: { clientId: APP_ARN, grantType: "refresh_token", refreshToken: "refresh-1" },
};

// Each response names all its headers: both clients read exactly what a case sends.
const server = new RecordingServer({});
const clients: Array<{ destroy(): void }> = [];

function clientConfig() {
  return {
    region: "us-east-1",
    endpoint: server.url,
    maxAttempts: 1,
    credentials: { accessKeyId: "AKID", secretAccessKey: "SECRET" },
  };
}

type Outcome = { readonly output: unknown } | { readonly thrown: any };

async function settle(promise: Promise<unknown>): Promise<Outcome> {
  try {
    return { output: await promise };
  } catch (thrown) {
    return { thrown };
  }
}

/** Sends the operation's input through both clients, with `response` as the server's answer. */
async function sendBoth(
  operation: OperationName,
  response: CannedResponse,
): Promise<{ official: Outcome; ours: Outcome }> {
  server.respondWith(response);
  const official = new Official.SSOOIDCClient(clientConfig());
  const ours = new Ours.SSOOIDCClient(clientConfig());
  clients.push(official, ours);
  const { OfficialCommand, OurCommand } = commandsFor(operation);
  return {
    official: await settle(official.send(new OfficialCommand(structuredClone(inputs[operation])))),
    ours: await settle(ours.send(new OurCommand(structuredClone(inputs[operation])))),
  };
}

function outputOf(outcome: Outcome): unknown {
  if ("thrown" in outcome) throw outcome.thrown;
  return outcome.output;
}

function thrownBy(outcome: Outcome): any {
  if ("output" in outcome) {
    throw new Error(`expected an error, got ${JSON.stringify(outcome.output)}`);
  }
  return outcome.thrown;
}

const METADATA_HEADERS = {
  "x-amzn-RequestId": "3c9fbd5b-6b4b-4f61-a3a1-d8b1c0f3e1aa",
  "x-amz-id-2": "extended/id+2=",
  "x-amz-cf-id": "cf-id-XYZ==",
};

function fullMetadata(httpStatusCode: number) {
  return {
    httpStatusCode,
    requestId: "3c9fbd5b-6b4b-4f61-a3a1-d8b1c0f3e1aa",
    extendedRequestId: "extended/id+2=",
    cfId: "cf-id-XYZ==",
    attempts: 1,
    totalRetryDelay: 0,
  };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): CannedResponse {
  return {
    status,
    headers: { "content-type": "application/json", ...METADATA_HEADERS, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  };
}

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

interface OutputCase {
  readonly name: string;
  readonly operation: OperationName;
  readonly response: CannedResponse;
  /** The output both clients must return. */
  readonly expected: unknown;
}

const outputCases: readonly OutputCase[] = [
  {
    name: "RegisterClient with every member",
    operation: "RegisterClient",
    response: json(200, {
      clientId: "client-id-1",
      clientSecret: "secret-1",
      clientIdIssuedAt: 1735689600,
      clientSecretExpiresAt: 1743465600,
      authorizationEndpoint: "https://oidc.us-east-1.amazonaws.com/authorize",
      tokenEndpoint: "https://oidc.us-east-1.amazonaws.com/token",
    }),
    expected: {
      $metadata: fullMetadata(200),
      clientId: "client-id-1",
      clientSecret: "secret-1",
      clientIdIssuedAt: 1735689600,
      clientSecretExpiresAt: 1743465600,
      authorizationEndpoint: "https://oidc.us-east-1.amazonaws.com/authorize",
      tokenEndpoint: "https://oidc.us-east-1.amazonaws.com/token",
    },
  },
  {
    name: "RegisterClient with a member the model does not know",
    operation: "RegisterClient",
    response: json(200, { clientId: "c", clientSecret: "s", somethingNew: { nested: true } }),
    expected: { $metadata: fullMetadata(200), clientId: "c", clientSecret: "s" },
  },
  {
    name: "StartDeviceAuthorization with every member",
    operation: "StartDeviceAuthorization",
    response: json(200, {
      deviceCode: "device-code-1",
      userCode: "ABCD-EFGH",
      verificationUri: "https://device.sso.us-east-1.amazonaws.com/",
      verificationUriComplete: "https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH",
      expiresIn: 600,
      interval: 1,
    }),
    expected: {
      $metadata: fullMetadata(200),
      deviceCode: "device-code-1",
      userCode: "ABCD-EFGH",
      verificationUri: "https://device.sso.us-east-1.amazonaws.com/",
      verificationUriComplete: "https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH",
      expiresIn: 600,
      interval: 1,
    },
  },
  {
    name: "CreateToken with every member",
    operation: "CreateToken",
    response: json(200, {
      accessToken: "aoa-access",
      tokenType: "Bearer",
      expiresIn: 28800,
      refreshToken: "aor-refresh",
      idToken: "eyJhbGciOiJSUzI1NiJ9.e30.c2ln",
    }),
    expected: {
      $metadata: fullMetadata(200),
      accessToken: "aoa-access",
      tokenType: "Bearer",
      expiresIn: 28800,
      refreshToken: "aor-refresh",
      idToken: "eyJhbGciOiJSUzI1NiJ9.e30.c2ln",
    },
  },
  {
    name: "CreateToken without a refresh token, keys in an unusual order",
    operation: "CreateToken",
    response: json(200, { expiresIn: 3600, tokenType: "Bearer", accessToken: "aoa-2" }),
    expected: {
      $metadata: fullMetadata(200),
      accessToken: "aoa-2",
      tokenType: "Bearer",
      expiresIn: 3600,
    },
  },
  {
    name: "CreateToken with an empty object and no metadata headers",
    operation: "CreateToken",
    response: { status: 200, headers: { "content-type": "application/json" }, body: "{}" },
    expected: {
      $metadata: {
        httpStatusCode: 200,
        requestId: undefined,
        extendedRequestId: undefined,
        cfId: undefined,
        attempts: 1,
        totalRetryDelay: 0,
      },
    },
  },
  {
    name: "CreateTokenWithIAM with every member",
    operation: "CreateTokenWithIAM",
    response: json(200, {
      accessToken: "aoa-iam",
      tokenType: "Bearer",
      expiresIn: 3600,
      refreshToken: "aor-iam",
      idToken: "eyJhbGciOiJSUzI1NiJ9.eyJzdHMiOnt9fQ.c2ln",
      issuedTokenType: "urn:ietf:params:oauth:token-type:refresh_token",
      scope: ["openid", "aws", "sts:identity_context"],
      awsAdditionalDetails: { identityContext: "EXAMPLEIDENTITYCONTEXT" },
    }),
    expected: {
      $metadata: fullMetadata(200),
      accessToken: "aoa-iam",
      tokenType: "Bearer",
      expiresIn: 3600,
      refreshToken: "aor-iam",
      idToken: "eyJhbGciOiJSUzI1NiJ9.eyJzdHMiOnt9fQ.c2ln",
      issuedTokenType: "urn:ietf:params:oauth:token-type:refresh_token",
      scope: ["openid", "aws", "sts:identity_context"],
      awsAdditionalDetails: { identityContext: "EXAMPLEIDENTITYCONTEXT" },
    },
  },
  {
    name: "CreateTokenWithIAM with an empty scope list and empty details",
    operation: "CreateTokenWithIAM",
    response: json(200, { accessToken: "a", scope: [], awsAdditionalDetails: {} }),
    expected: {
      $metadata: fullMetadata(200),
      accessToken: "a",
      scope: [],
      awsAdditionalDetails: {},
    },
  },
];

describe("successful responses", () => {
  it.each(outputCases)("$name: the same output from both clients", async (output) => {
    const { official, ours } = await sendBoth(output.operation, output.response);
    expect(outputOf(ours)).toStrictEqual(outputOf(official));
    expect(outputOf(official)).toStrictEqual(output.expected);
    expect(outputOf(ours)).toStrictEqual(output.expected);
  });
});

interface ModeledError {
  readonly name: string;
  readonly status: number;
  readonly fault: "client" | "server";
  /** The service's real body: `error`, `error_description` and any other modeled member. */
  readonly body: Readonly<Record<string, string>>;
}

function modeledError(
  name: string,
  error: string,
  description: string,
  extra: Record<string, string> = {},
  status = 400,
): ModeledError {
  return {
    name,
    status,
    fault: status >= 500 ? "server" : "client",
    body: { error, error_description: description, ...extra },
  };
}

const modeledErrors: readonly ModeledError[] = [
  modeledError("AccessDeniedException", "access_denied", "Access denied", {
    reason: "KMS_AccessDeniedException",
  }),
  modeledError(
    "AuthorizationPendingException",
    "authorization_pending",
    "Authorization is still pending",
  ),
  modeledError("ExpiredTokenException", "expired_token", "Device code has expired"),
  modeledError("InternalServerException", "server_error", "An internal error occurred", {}, 500),
  modeledError("InvalidClientException", "invalid_client", "Invalid client credentials", {}, 401),
  modeledError("InvalidClientMetadataException", "invalid_client_metadata", "Invalid client name"),
  modeledError("InvalidGrantException", "invalid_grant", "Invalid refresh token provided"),
  modeledError("InvalidRedirectUriException", "invalid_redirect_uri", "Redirect URI is not valid"),
  modeledError("InvalidRequestException", "invalid_request", "KMS key not found", {
    reason: "KMS_NotFoundException",
  }),
  modeledError(
    "InvalidRequestRegionException",
    "invalid_request",
    "Wrong region for this instance",
    {
      endpoint: "https://oidc.eu-west-1.amazonaws.com",
      region: "eu-west-1",
    },
  ),
  modeledError("InvalidScopeException", "invalid_scope", "Invalid scope requested"),
  modeledError("SlowDownException", "slow_down", "Client is polling too quickly"),
  modeledError("UnauthorizedClientException", "unauthorized_client", "Client is not authorized"),
  modeledError("UnsupportedGrantTypeException", "unsupported_grant_type", "Unsupported grant type"),
];

const placements = [
  {
    where: "the x-amzn-ErrorType header",
    response: (error: ModeledError) =>
      json(error.status, error.body, {
        "x-amzn-ErrorType": `${error.name}:http://internal.amazon.com/coral/com.amazonaws.sso.oidc/`,
      }),
  },
  {
    where: "the body's code",
    response: (error: ModeledError) => json(error.status, { code: error.name, ...error.body }),
  },
  {
    where: "the body's __type",
    response: (error: ModeledError) =>
      json(error.status, { __type: `com.amazonaws.ssooidc#${error.name}`, ...error.body }),
  },
] as const;

/** What must match between the two clients' exceptions. */
function comparable(error: any) {
  return {
    name: error.name,
    $fault: error.$fault,
    error: error.error,
    error_description: error.error_description,
    reason: error.reason,
    endpoint: error.endpoint,
    region: error.region,
    $metadata: error.$metadata,
  };
}

const operations: readonly OperationName[] = [
  "RegisterClient",
  "StartDeviceAuthorization",
  "CreateToken",
  "CreateTokenWithIAM",
];

describe.each(placements)("modeled errors with the type in $where", (placement) => {
  it.each(modeledErrors.map((error, index) => ({ ...error, index })))(
    "$name (HTTP $status)",
    async (modeled) => {
      // Spread the errors over the four operations: every operation reads errors the same way.
      const operation = operations[modeled.index % operations.length]!;
      const { official, ours } = await sendBoth(operation, placement.response(modeled));
      const theirs = thrownBy(official);
      const mine = thrownBy(ours);

      expect(comparable(mine)).toStrictEqual(comparable(theirs));
      expect(comparable(mine)).toStrictEqual({
        name: modeled.name,
        $fault: modeled.fault,
        error: modeled.body.error,
        error_description: modeled.body.error_description,
        reason: modeled.body.reason,
        endpoint: modeled.body.endpoint,
        region: modeled.body.region,
        $metadata: fullMetadata(modeled.status),
      });

      const OurClass = (Ours as unknown as Record<string, Function>)[modeled.name]!;
      const OfficialClass = (Official as unknown as Record<string, Function>)[modeled.name]!;
      expect(theirs).toBeInstanceOf(OfficialClass);
      expect(mine).toBeInstanceOf(OurClass);
      expect(mine).toBeInstanceOf(Ours.SSOOIDCServiceException);
      expect(mine).toBeInstanceOf(Error);
      // The listed difference: ours carries the service's words, the official "UnknownError".
      expect(mine.message).toBe(modeled.body.error_description);
    },
  );
});

describe("errors the model does not name", () => {
  it.each([
    { status: 400, fault: "client" },
    { status: 503, fault: "server" },
  ])("FooException on HTTP $status", async ({ status, fault }) => {
    const { official, ours } = await sendBoth(
      "CreateToken",
      json(
        status,
        { error: "foo", error_description: "Something foo happened" },
        {
          "x-amzn-ErrorType":
            "FooException:http://internal.amazon.com/coral/com.amazonaws.sso.oidc/",
        },
      ),
    );
    const theirs = thrownBy(official);
    const mine = thrownBy(ours);
    expect({ name: mine.name, $fault: mine.$fault, $metadata: mine.$metadata }).toStrictEqual({
      name: theirs.name,
      $fault: theirs.$fault,
      $metadata: theirs.$metadata,
    });
    expect(mine.name).toBe("FooException");
    expect(mine.$fault).toBe(fault);
    expect(mine.$metadata).toStrictEqual(fullMetadata(status));
    expect(theirs).toBeInstanceOf(Official.SSOOIDCServiceException);
    expect(mine).toBeInstanceOf(Ours.SSOOIDCServiceException);
    expect(mine.message).toBe("Something foo happened");
  });

  it("a 400 with no error type at all is named Unknown by both", async () => {
    const { official, ours } = await sendBoth(
      "StartDeviceAuthorization",
      json(400, { error: "mystery", error_description: "No type was sent" }),
    );
    const theirs = thrownBy(official);
    const mine = thrownBy(ours);
    expect({ name: mine.name, $fault: mine.$fault, $metadata: mine.$metadata }).toStrictEqual({
      name: theirs.name,
      $fault: theirs.$fault,
      $metadata: theirs.$metadata,
    });
    expect(mine.name).toBe("Unknown");
    expect(mine.$fault).toBe("client");
    expect(mine).toBeInstanceOf(Ours.SSOOIDCServiceException);
    expect(mine.message).toBe("No type was sent");
  });
});

describe("error bodies that are not JSON (intended difference: ours names the status)", () => {
  it("an HTML page from a proxy", async () => {
    const html = "<html><head><title>502 Bad Gateway</title></head><body>bad gateway</body></html>";
    const { ours } = await sendBoth("CreateToken", {
      status: 502,
      headers: { "content-type": "text/html", ...METADATA_HEADERS },
      body: html,
    });
    const mine = thrownBy(ours);
    expect(mine).toBeInstanceOf(Ours.SSOOIDCServiceException);
    expect(mine.name).toBe("Unknown");
    expect(mine.$fault).toBe("server");
    expect(mine.$metadata).toStrictEqual(fullMetadata(502));
    expect(mine.message).toBe(
      `CreateToken failed with HTTP 502 and a body that is not valid JSON (${html.length} bytes; parsing stopped at byte 0: an unexpected character)`,
    );
  });

  it("an empty body", async () => {
    const { ours } = await sendBoth("RegisterClient", {
      status: 500,
      headers: { ...METADATA_HEADERS },
      body: "",
    });
    const mine = thrownBy(ours);
    expect(mine).toBeInstanceOf(Ours.SSOOIDCServiceException);
    expect(mine.name).toBe("Unknown");
    expect(mine.$fault).toBe("server");
    expect(mine.message).toBe("RegisterClient failed with HTTP 500 and an empty body");
  });
});

describe("where the error type comes from", () => {
  it("the header wins over the body's __type", async () => {
    const { official, ours } = await sendBoth(
      "CreateToken",
      json(
        400,
        {
          __type: "com.amazonaws.ssooidc#SlowDownException",
          error: "authorization_pending",
          error_description: "Authorization is still pending",
        },
        {
          "x-amzn-ErrorType":
            "AuthorizationPendingException:http://internal.amazon.com/coral/com.amazonaws.sso.oidc/",
        },
      ),
    );
    expect(thrownBy(official).name).toBe("AuthorizationPendingException");
    expect(thrownBy(ours)).toBeInstanceOf(Ours.AuthorizationPendingException);
  });

  it("the body's code wins over its __type", async () => {
    const { official, ours } = await sendBoth(
      "CreateToken",
      json(400, {
        code: "SlowDownException",
        __type: "com.amazonaws.ssooidc#AuthorizationPendingException",
        error: "slow_down",
        error_description: "Client is polling too quickly",
      }),
    );
    expect(thrownBy(official).name).toBe("SlowDownException");
    expect(thrownBy(ours)).toBeInstanceOf(Ours.SlowDownException);
  });

  it("a __type with a namespace and a :suffix names an unmodeled error", async () => {
    const { official, ours } = await sendBoth(
      "CreateToken",
      json(400, {
        __type: "com.amazonaws.ssooidc#FooException:http://internal.amazon.com/coral/",
        error: "foo",
        error_description: "Something foo happened",
      }),
    );
    expect(comparable(thrownBy(ours))).toStrictEqual(comparable(thrownBy(official)));
    expect(thrownBy(ours).name).toBe("FooException");
  });
});

describe("successful responses that break the model (ours validates, the official passes them on)", () => {
  /*
   * Not in the brief's list of intended differences, but deliberate in
   * src/runtime/deserialize.ts: the official client returns these values as
   * sent; ours throws ResponseParseError. Pinned so a change is noticed.
   */
  it("a fractional expiresIn", async () => {
    const { official, ours } = await sendBoth(
      "CreateToken",
      json(200, { accessToken: "a", expiresIn: 1.5 }),
    );
    expect(outputOf(official)).toStrictEqual({
      $metadata: fullMetadata(200),
      accessToken: "a",
      expiresIn: 1.5,
    });
    const mine = thrownBy(ours);
    expect(mine).toBeInstanceOf(Ours.ResponseParseError);
    expect(mine.message).toBe(
      "CreateToken returned HTTP 200 with a body that does not match the model: member expiresIn should be a 32-bit integer but is number 1.5.",
    );
    expect(mine.$metadata).toStrictEqual(fullMetadata(200));
  });

  it("null members are left out by both", async () => {
    const { official, ours } = await sendBoth(
      "CreateTokenWithIAM",
      json(200, {
        accessToken: "a",
        refreshToken: null,
        scope: null,
        awsAdditionalDetails: { identityContext: null },
      }),
    );
    expect(outputOf(ours)).toStrictEqual(outputOf(official));
    expect(outputOf(ours)).toStrictEqual({
      $metadata: fullMetadata(200),
      accessToken: "a",
      awsAdditionalDetails: {},
    });
  });
});
