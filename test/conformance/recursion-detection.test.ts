import * as Official from "@aws-sdk/client-sso-oidc";
import type { BuildMiddleware, FinalizeRequestMiddleware, HeaderBag } from "@smithy/types";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as Ours from "../../src/index";
import { RecordingServer } from "../support/recording-server";
import { commandsFor, sendWith } from "./commands";

/*
 * recursionDetectionMiddleware: inside AWS Lambda the official client sends
 * the invocation's X-Ray trace id as `X-Amzn-Trace-Id`, and the invocation's
 * W3C trace context, from the invocation store the Lambda runtime publishes
 * (`globalThis.awslambda.InvokeStore`) or the environment. Both clients send
 * the same headers, under the same names, in every case below.
 */

const TRACE_ID = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
const STORE_TRACE_ID = "Root=1-67891233-abcdef012345678912345678;Parent=1111222233334444;Sampled=0";
const TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

/** What the Lambda runtime's invocation store holds for the current invocation. */
const invocation: {
  xray?: string;
  traceparent?: string;
  tracestate?: string;
  baggage?: string;
} = {};

const server = new RecordingServer();
beforeAll(async () => {
  await server.start();
  // Published before either client first looks for it, as the Lambda runtime does at start.
  const awslambda = (Reflect.get(globalThis, "awslambda") ?? {}) as Record<string, unknown>;
  awslambda.InvokeStore = {
    getXRayTraceId: () => invocation.xray,
    getTraceparent: () => invocation.traceparent,
    getTracestate: () => invocation.tracestate,
    getBaggage: () => invocation.baggage,
  };
  Reflect.set(globalThis, "awslambda", awslambda);
});
afterAll(() => server.close());
afterEach(() => {
  vi.unstubAllEnvs();
  for (const key of Object.keys(invocation)) delete invocation[key as keyof typeof invocation];
  server.reset();
});

const input = { clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" };

const TRACE_HEADER = /^(x-amzn-trace-id|traceparent|tracestate|baggage)$/i;

function traceHeaders(headers: HeaderBag | Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => TRACE_HEADER.test(name)));
}

/**
 * The trace headers of one CreateToken: as the request handler receives them
 * (names in their case) and as they arrive. `callerHeaders` are set by a
 * build-step middleware of the caller's, which runs before the detection.
 */
async function sendTraced(
  subject: "official" | "ours",
  callerHeaders: Record<string, string> = {},
) {
  const config = { region: "us-east-1", endpoint: server.url };
  const client =
    subject === "official" ? new Official.SSOOIDCClient(config) : new Ours.SSOOIDCClient(config);
  const sent: Record<string, unknown>[] = [];
  const setHeaders: BuildMiddleware<any, any> = (next) => (args) => {
    Object.assign((args.request as { headers: HeaderBag }).headers, callerHeaders);
    return next(args);
  };
  const record: FinalizeRequestMiddleware<any, any> = (next) => (args) => {
    sent.push(traceHeaders((args.request as { headers: HeaderBag }).headers));
    return next(args);
  };
  client.middlewareStack.add(setHeaders, { step: "build", name: "callerHeaders" });
  client.middlewareStack.addRelativeTo(record, {
    relation: "after",
    toMiddleware: "httpSigningMiddleware",
    name: "recordTraceHeaders",
  });
  const { OfficialCommand, OurCommand } = commandsFor("CreateToken");
  await sendWith(
    client,
    subject === "official" ? new OfficialCommand(input) : new OurCommand(input),
  );
  client.destroy();
  const [request] = server.take();
  return { handed: sent, wire: traceHeaders(request!.headers) };
}

async function both(callerHeaders?: Record<string, string>) {
  const official = await sendTraced("official", callerHeaders);
  const ours = await sendTraced("ours", callerHeaders);
  expect(ours).toStrictEqual(official);
  return ours;
}

describe("recursion detection", () => {
  it("outside Lambda: no trace header", async () => {
    expect(await both()).toStrictEqual({ handed: [{}], wire: {} });
  });

  it("in Lambda: X-Amzn-Trace-Id from _X_AMZN_TRACE_ID", async () => {
    vi.stubEnv("AWS_LAMBDA_FUNCTION_NAME", "my-function");
    vi.stubEnv("_X_AMZN_TRACE_ID", TRACE_ID);
    expect(await both()).toStrictEqual({
      handed: [{ "X-Amzn-Trace-Id": TRACE_ID }],
      wire: { "x-amzn-trace-id": TRACE_ID },
    });
  });

  it("a trace id without a function name, or an empty function name: no header", async () => {
    vi.stubEnv("_X_AMZN_TRACE_ID", TRACE_ID);
    expect(await both()).toStrictEqual({ handed: [{}], wire: {} });
    vi.stubEnv("AWS_LAMBDA_FUNCTION_NAME", "");
    expect(await both()).toStrictEqual({ handed: [{}], wire: {} });
  });

  it("a function name without a trace id: no header", async () => {
    vi.stubEnv("AWS_LAMBDA_FUNCTION_NAME", "my-function");
    expect(await both()).toStrictEqual({ handed: [{}], wire: {} });
  });

  it("the runtime's invocation store wins over the environment", async () => {
    vi.stubEnv("AWS_LAMBDA_FUNCTION_NAME", "my-function");
    vi.stubEnv("_X_AMZN_TRACE_ID", TRACE_ID);
    invocation.xray = STORE_TRACE_ID;
    expect(await both()).toStrictEqual({
      handed: [{ "X-Amzn-Trace-Id": STORE_TRACE_ID }],
      wire: { "x-amzn-trace-id": STORE_TRACE_ID },
    });
  });

  it("an empty trace id in the store is not replaced by the environment's", async () => {
    vi.stubEnv("AWS_LAMBDA_FUNCTION_NAME", "my-function");
    vi.stubEnv("_X_AMZN_TRACE_ID", TRACE_ID);
    invocation.xray = "";
    expect(await both()).toStrictEqual({ handed: [{}], wire: {} });
  });

  it("a trace id the caller set, in any letter case, is kept", async () => {
    vi.stubEnv("AWS_LAMBDA_FUNCTION_NAME", "my-function");
    vi.stubEnv("_X_AMZN_TRACE_ID", TRACE_ID);
    expect(await both({ "x-amzn-trace-id": "Root=mine" })).toStrictEqual({
      handed: [{ "x-amzn-trace-id": "Root=mine" }],
      wire: { "x-amzn-trace-id": "Root=mine" },
    });
  });

  it("the store's W3C trace context, when the request has none", async () => {
    invocation.traceparent = TRACEPARENT;
    invocation.tracestate = "vendor=1";
    invocation.baggage = "user=2";
    const expected = { traceparent: TRACEPARENT, tracestate: "vendor=1", baggage: "user=2" };
    expect(await both()).toStrictEqual({ handed: [expected], wire: expected });
  });

  it("a caller's trace context keeps its values under lowercase names, and the store's is not added", async () => {
    invocation.traceparent = TRACEPARENT;
    invocation.tracestate = "vendor=1";
    const caller = { TraceParent: "00-caller-01", BAGGAGE: "b=1" };
    expect(await both(caller)).toStrictEqual({
      handed: [{ traceparent: "00-caller-01", baggage: "b=1" }],
      wire: { traceparent: "00-caller-01", baggage: "b=1" },
    });
  });
});
