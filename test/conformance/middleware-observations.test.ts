import * as Official from "@aws-sdk/client-sso-oidc";
import type { HeaderBag, MiddlewareStack, Step } from "@smithy/types";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Ours from "../../src/index";
import { RecordingServer, type CannedResponse } from "../support/recording-server";
import { commandsFor, sendWith, type Input, type OperationName } from "./commands";

/*
 * What a caller's middleware sees. A recording middleware sits in every step
 * and before and after every name of the official client's stack; every
 * operation runs once to a success and once to a modeled error through the
 * official client and ours, against one recording server; the recordings
 * must be equal, entry by entry, in order.
 *
 * What legitimately differs, and is compared by form only:
 *   - amz-sdk-invocation-id: a fresh UUID v4 per call;
 *   - user-agent and x-amz-user-agent: each package names itself;
 *   - x-amz-date and the date and signature in authorization: the signing time;
 *   - a response's date header: the server's clock;
 *   - the body's class: both send a Uint8Array of the same bytes; the official's is
 *     @smithy/core's JsonBytesStringAdapter subclass, which also answers string methods
 *     (with a deprecation warning), ours a plain Uint8Array;
 *   - a thrown error's message: ours is the service's error_description.
 */

const CREDENTIALS = { accessKeyId: "AKID", secretAccessKey: "SECRET" };
const APP_ARN =
  "arn:aws:sso::123456789012:application/ssoins-1111222233334444/apl-5555666677778888";
const ERROR_TYPE_SUFFIX = ":http://internal.amazon.com/coral/com.amazonaws.sso.oidc/";

interface OperationCase {
  readonly input: Input;
  readonly success: CannedResponse;
  readonly error: CannedResponse;
}

function modeledError(type: string, status: number, error: string): CannedResponse {
  return {
    status,
    headers: { "x-amzn-errortype": `${type}${ERROR_TYPE_SUFFIX}` },
    body: JSON.stringify({ error, error_description: `${error} from the service` }),
  };
}

const CASES: Record<OperationName, OperationCase> = {
  RegisterClient: {
    input: { clientName: "my-cli", clientType: "public", scopes: ["sso:account:access"] },
    success: {
      status: 200,
      body: '{"clientId":"id","clientSecret":"secret","clientIdIssuedAt":1,"clientSecretExpiresAt":2}',
    },
    error: modeledError("InvalidClientMetadataException", 400, "invalid_client_metadata"),
  },
  StartDeviceAuthorization: {
    input: { clientId: "id", clientSecret: "secret", startUrl: "https://d-1.awsapps.com/start" },
    success: {
      status: 200,
      body: '{"deviceCode":"d","userCode":"u","verificationUri":"https://v","expiresIn":600,"interval":5}',
    },
    error: modeledError("InvalidClientException", 401, "invalid_client"),
  },
  CreateToken: {
    input: {
      clientId: "id",
      clientSecret: "secret",
      grantType: "refresh_token",
      refreshToken: "r",
    },
    success: {
      status: 200,
      body: '{"accessToken":"a","tokenType":"Bearer","expiresIn":60,"refreshToken":"r2"}',
    },
    error: modeledError("InvalidGrantException", 400, "invalid_grant"),
  },
  CreateTokenWithIAM: {
    input: { clientId: APP_ARN, grantType: "refresh_token", refreshToken: "r" },
    success: {
      status: 200,
      body: '{"accessToken":"a","tokenType":"Bearer","expiresIn":60,"scope":["s"],"awsAdditionalDetails":{"identityContext":"i"}}',
    },
    error: modeledError("InvalidGrantException", 400, "invalid_grant"),
  },
};

const STEPS: readonly Step[] = [
  "initialize",
  "serialize",
  "build",
  "finalizeRequest",
  "deserialize",
];

/** Every name the official client's resolved stack answers to, aliases included. */
const NAMES = [
  "loggerMiddleware",
  "httpAuthSchemeMiddleware",
  "endpointV2Middleware",
  "serializerMiddleware",
  "contentLengthMiddleware",
  "getUserAgentMiddleware",
  "hostHeaderMiddleware",
  "recursionDetectionMiddleware",
  "retryMiddleware",
  "httpSigningMiddleware",
  "apiKeyMiddleware",
  "tokenMiddleware",
  "awsAuthMiddleware",
  "deserializerMiddleware",
];

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const AMZ_DATE = /^\d{8}T\d{6}Z$/;

/** A header's value, or its form where the two clients legitimately differ. */
function headerView(name: string, value: unknown): unknown {
  switch (name.toLowerCase()) {
    case "amz-sdk-invocation-id":
      return UUID_V4.test(String(value)) ? "<uuid v4>" : value;
    case "user-agent":
    case "x-amz-user-agent":
      return typeof value === "string" && value.length > 0 ? "<user agent>" : value;
    case "x-amz-date":
      return AMZ_DATE.test(String(value)) ? "<date>" : value;
    case "date":
      return Number.isNaN(Date.parse(String(value))) ? value : "<date>";
    case "authorization":
      return String(value)
        .replace(/Credential=AKID\/\d{8}\//, "Credential=AKID/<date>/")
        .replace(/Signature=[0-9a-f]{64}$/, "Signature=<signature>");
    default:
      return value;
  }
}

function headersView(headers: HeaderBag | undefined) {
  return Object.entries(headers ?? {})
    .map(([name, value]) => [name, headerView(name, value)])
    .sort(([a], [b]) => String(a).localeCompare(String(b)));
}

function bodyView(body: unknown) {
  return {
    typeOf: typeof body,
    isUint8Array: body instanceof Uint8Array,
    // Read through the bytes' buffer: the official's subclass answers valueOf() with text.
    text:
      body instanceof Uint8Array
        ? Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8")
        : body,
  };
}

function requestView(request: any) {
  if (request === undefined) return null;
  const { method, protocol, hostname, port, path, query, username, password, fragment } = request;
  return {
    method,
    protocol,
    hostname,
    port,
    path,
    query,
    username,
    password,
    fragment,
    headers: headersView(request.headers),
    body: bodyView(request.body),
  };
}

function responseView(response: any) {
  if (response === undefined) return null;
  return {
    statusCode: response.statusCode,
    reason: response.reason,
    headers: headersView(response.headers),
    body: response.body?.constructor?.name,
  };
}

function errorView(error: any) {
  return {
    class: error.constructor.name,
    name: error.name,
    fault: error.$fault,
    metadata: error.$metadata,
    members: { error: error.error, error_description: typeof error.error_description },
  };
}

type Observation = Record<string, unknown>;

/** A middleware that notes what it is handed, what comes back and what is thrown through it. */
function recorder(at: string, log: Observation[]) {
  return (next: (args: any) => Promise<any>) => async (args: any) => {
    log.push({
      at,
      in: { input: structuredClone(args.input), request: requestView(args.request) },
    });
    try {
      const result = await next(args);
      log.push({
        at,
        out: {
          response: responseView(result.response),
          output: result.output === undefined ? null : structuredClone(result.output),
        },
      });
      return result;
    } catch (error) {
      log.push({ at, thrown: errorView(error) });
      throw error;
    }
  };
}

/** `stack.add` in `step`: the stack's overloads take each step by its literal. */
function addInStep(stack: MiddlewareStack<any, any>, step: Step, middleware: any, name: string) {
  switch (step) {
    case "initialize":
      return stack.add(middleware, { step, name });
    case "serialize":
      return stack.add(middleware, { step, name });
    case "build":
      return stack.add(middleware, { step, name });
    case "finalizeRequest":
      return stack.add(middleware, { step, name });
    case "deserialize":
      return stack.add(middleware, { step, name });
  }
}

function addRecorders(stack: MiddlewareStack<any, any>, log: Observation[]): void {
  for (const step of STEPS) addInStep(stack, step, recorder(`in ${step}`, log), `record-${step}`);
  for (const name of NAMES) {
    for (const relation of ["before", "after"] as const) {
      stack.addRelativeTo(recorder(`${relation} ${name}`, log), {
        relation,
        toMiddleware: name,
        name: `record-${relation}-${name}`,
      });
    }
  }
}

const server = new RecordingServer();
beforeAll(() => server.start());
afterAll(() => server.close());
afterEach(() => server.reset());

/** How each subject sends: ours by default, and ours with per-call options, which resolve the stack. */
const SUBJECTS = ["official", "ours", "ours, stack resolved per call"] as const;
type Subject = (typeof SUBJECTS)[number];

async function observe(subject: Subject, operation: OperationName, response: CannedResponse) {
  const config = { region: "us-east-1", endpoint: server.url, credentials: CREDENTIALS };
  const client =
    subject === "official" ? new Official.SSOOIDCClient(config) : new Ours.SSOOIDCClient(config);
  const log: Observation[] = [];
  addRecorders(client.middlewareStack, log);
  const { OfficialCommand, OurCommand } = commandsFor(operation);
  const input = structuredClone(CASES[operation].input);
  const command = subject === "official" ? new OfficialCommand(input) : new OurCommand(input);
  server.respond(response);
  let result: unknown;
  try {
    const options = subject === "ours, stack resolved per call" ? {} : undefined;
    const sent = sendWith(client, command, options);
    result = { output: structuredClone(await sent) };
  } catch (error) {
    result = { thrown: errorView(error) };
  } finally {
    client.destroy();
  }
  const requests = server.take();
  return {
    log,
    result,
    wire: requests.map((r) => ({
      url: r.url,
      headers: headersView(r.headers as HeaderBag),
      body: r.body,
    })),
  };
}

describe("what a middleware sees, in every step and beside every official name", () => {
  const cases = (Object.keys(CASES) as OperationName[]).flatMap((operation) =>
    (["success", "error"] as const).map((outcome) => [operation, outcome] as const),
  );

  it.each(cases)(
    "%s, %s: the same observations through both clients",
    async (operation, outcome) => {
      const response = CASES[operation][outcome];
      const official = await observe("official", operation, response);
      for (const subject of SUBJECTS.slice(1)) {
        const ours = await observe(subject, operation, response);
        expect(ours, subject).toStrictEqual(official);
      }
      // Each recorder saw the call go in, and come back or fail.
      expect(official.log).toHaveLength(2 * (STEPS.length + 2 * NAMES.length));
      expect(official.wire).toHaveLength(1);
      if (outcome === "error") expect(official.result).toHaveProperty("thrown");
      else expect(official.result).toHaveProperty("output");
    },
  );

  it("the serialize step already has the request, and the deserialize step sees the raw response", async () => {
    const { log } = await observe("ours", "CreateToken", CASES.CreateToken.success);
    const entry = (at: string, phase: "in" | "out") =>
      log.find((o) => o.at === at && phase in o)![phase] as Record<string, any>;
    expect(entry("before serializerMiddleware", "in").request).toBeNull();
    expect(entry("in serialize", "in").request.body).toStrictEqual({
      typeOf: "object",
      isUint8Array: true,
      text: '{"clientId":"id","clientSecret":"secret","grantType":"refresh_token","refreshToken":"r"}',
    });
    expect(entry("in deserialize", "out")).toStrictEqual({
      response: {
        statusCode: 200,
        reason: "OK",
        headers: [
          ["connection", "keep-alive"],
          ["content-length", "75"],
          ["content-type", "application/json"],
          ["date", "<date>"],
          ["keep-alive", "timeout=5"],
          ["x-amzn-requestid", "req-1"],
        ],
        body: "IncomingMessage",
      },
      output: null,
    });
    expect(entry("before deserializerMiddleware", "out").output).toMatchObject({
      accessToken: "a",
      $metadata: { httpStatusCode: 200, requestId: "req-1" },
    });
  });
});
