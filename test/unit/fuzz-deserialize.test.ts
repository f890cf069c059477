import { Readable } from "node:stream";
import { inspect } from "node:util";
import { resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HttpResponse } from "@smithy/core/protocols";
import { Model } from "../../codegen/model";
import { de_CreateTokenCommand } from "../../src/client/protocol/CreateToken";
import { de_CreateTokenWithIAMCommand } from "../../src/client/protocol/CreateTokenWithIAM";
import { de_RegisterClientCommand } from "../../src/client/protocol/RegisterClient";
import { de_StartDeviceAuthorizationCommand } from "../../src/client/protocol/StartDeviceAuthorization";
import { SSOOIDCServiceException } from "../../src/index";
import { findJsonStop } from "../../src/runtime/body-description";
import { ResponseParseError, ResponseTooLargeError } from "../../src/runtime/errors";
import { leakedParts } from "../flows/cut-token-server";
import { serdeContext } from "./serde-context";
import type { SerdeContext } from "@smithy/types";

/*
 * Property-based tests of the response deserializers: whatever status, headers and bytes arrive,
 * and however the body is delivered, each gives an output of the model's types or a typed error
 * (a service exception, ResponseParseError, ResponseTooLargeError); never another exception, a
 * wait without end, or a sensitive value in what the error prints. A fixed seed keeps `npm test`
 * repeatable; FUZZ_RUNS=N runs longer (and FUZZ_SEED=N elsewhere in the space).
 */

const RUNS = Number(process.env["FUZZ_RUNS"] ?? 300);
const SEED = Number(process.env["FUZZ_SEED"] ?? 14);
const LIMIT_MS = 2000;
/** Small, so that the size limit is crossed often. */
const MAX_RESPONSE_BYTES = 2048;

const model = new Model(resolve(import.meta.dirname, "../../codegen/model/sso-oidc.json"));
const operations = model.operations();

const DESERIALIZERS: Record<string, (r: HttpResponse, c: SerdeContext) => Promise<unknown>> = {
  CreateToken: de_CreateTokenCommand,
  CreateTokenWithIAM: de_CreateTokenWithIAMCommand,
  RegisterClient: de_RegisterClientCommand,
  StartDeviceAuthorization: de_StartDeviceAuthorizationCommand,
};

/** Values with no word in them; only ever sent as the value of a sensitive member. */
const SECRETS = [
  "Qm7xK2vB9wLp4RzD8nYc3HsJ6fGt1Qe",
  "Wr3zQw8NxK1pVb6TmL9cYd2HsR7gJe4",
  "Zc8vN2xQ5mKp1LwB7tRy4HdJ9gFs3Ea",
];

/** The model's sensitive members, and the grant codes, of every operation. */
const SENSITIVE = new Set(["code", "deviceCode"]);
for (const op of operations) {
  for (const id of [op.input, op.output]) {
    for (const m of model.members(id)) if (m.sensitive) SENSITIVE.add(m.name);
  }
}

const context: SerdeContext = Object.assign(serdeContext(), {
  maxResponseBytes: MAX_RESPONSE_BYTES,
});

/** A JSON value of any kind, small. */
const anyJson = fc.jsonValue({ maxDepth: 2 });

/** A value for a member: often of its model type, sometimes of any other. */
function memberValue(target: string): fc.Arbitrary<unknown> {
  const shape = model.shape(target);
  const typed: Record<string, fc.Arbitrary<unknown>> = {
    string: fc.string(),
    enum: fc.string(),
    integer: fc.oneof(fc.integer(), fc.double()),
    long: fc.oneof(fc.maxSafeInteger(), fc.double()),
    list: fc.array(fc.oneof(fc.string(), anyJson), { maxLength: 3 }),
  };
  if (shape.type === "structure") return fc.oneof(outputObject(target), anyJson);
  return fc.oneof(
    { weight: 4, arbitrary: typed[shape.type] ?? anyJson },
    anyJson,
    fc.constant(null),
  );
}

/** An object with some of a structure's members, sensitive ones holding a secret, and extras. */
function outputObject(id: string): fc.Arbitrary<Record<string, unknown>> {
  const entries = model.members(id).map((m) => {
    const value = SENSITIVE.has(m.name)
      ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...SECRETS) }, anyJson)
      : memberValue(m.target);
    return fc.option(fc.tuple(fc.constant(m.name), value), { nil: undefined });
  });
  const extras = fc.array(fc.tuple(fc.string({ maxLength: 8 }), anyJson), { maxLength: 2 });
  return fc.tuple(fc.tuple(...entries), extras).map(([members, extra]) => {
    const object: Record<string, unknown> = {};
    for (const entry of [...members, ...extra]) {
      if (entry !== undefined && entry[0] !== "__proto__") object[entry[0]] = entry[1];
    }
    return object;
  });
}

/** An error body as the service, a proxy or a broken server would send it. */
const errorObject = fc.record(
  {
    error: fc.string(),
    error_description: fc.string(),
    __type: fc.constantFrom("com.amazonaws.ssooidc#InvalidGrantException", "Foo:bar", ""),
    code: fc.constantFrom("SlowDownException", "InvalidRequestException", "Nope"),
    message: fc.string(),
    reason: fc.string(),
    accessToken: fc.constantFrom(...SECRETS),
  },
  { requiredKeys: [] },
);

/** The body's text, for an operation: its output JSON, cut or not, an error body, or anything. */
function bodyText(output: string): fc.Arbitrary<Uint8Array> {
  const encode = (text: string) => new TextEncoder().encode(text);
  const json = outputObject(output).map((object) => JSON.stringify(object));
  return fc.oneof(
    json.map(encode),
    fc.tuple(json, fc.nat()).map(([text, cut]) => encode(text.slice(0, cut % (text.length + 1)))),
    errorObject.map((object) => encode(JSON.stringify(object))),
    fc
      .constantFrom(" ", "\n\t ", "<html>Bad Gateway</html>", "[]", "null", '"x"', "1e999")
      .map(encode),
    fc.nat({ max: 3 * MAX_RESPONSE_BYTES }).map((n) => encode(" ".repeat(n))),
    fc.uint8Array({ maxLength: 600 }),
  );
}

const headers = fc.record(
  {
    "x-amzn-errortype": fc.constantFrom(
      "InvalidGrantException",
      "AuthorizationPendingException:http://internal.amazon.com/coral/com.amazonaws.sso.oidc/",
      "SomethingElse",
      "",
      "__proto__",
      "constructor",
    ),
    "content-type": fc.constantFrom("application/json", "text/html", ""),
    "content-length": fc.oneof(fc.nat({ max: 5000 }).map(String), fc.string({ maxLength: 4 })),
    "x-amzn-requestid": fc.string({ maxLength: 8 }),
  },
  { requiredKeys: [] },
);

const status = fc.oneof(
  fc.constantFrom(200, 201, 204, 400, 401, 403, 404, 429, 500, 502, 503, -1, 0, 999),
  fc.integer({ min: 100, max: 599 }),
);

/** The same bytes as a node stream in random chunks, a web stream, bytes or nothing. */
const delivery = fc.constantFrom("node", "web", "bytes");

function deliver(bytes: Uint8Array, how: string, cuts: number[]): unknown {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    if (point > from) chunks.push(bytes.subarray(from, point));
    from = Math.max(from, point);
  }
  if (how === "bytes") return bytes;
  if (how === "node") return Readable.from(chunks.map((chunk) => Buffer.from(chunk)));
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

/** True when `value` has exactly the shape's members, each of the model's type. */
function isOfModelType(target: string, value: unknown): boolean {
  const shape = model.shape(target);
  switch (shape.type) {
    case "string":
    case "enum":
      return typeof value === "string";
    case "integer":
      return Number.isInteger(value) && Math.abs(value as number) <= 2 ** 31 - 1;
    case "long":
      return Number.isSafeInteger(value);
    case "list":
      return (
        Array.isArray(value) && value.every((item) => isOfModelType(shape.member!.target, item))
      );
    case "structure": {
      if (typeof value !== "object" || value === null) return false;
      const members = new Map(model.members(target).map((m) => [m.name, m.target]));
      return Object.entries(value).every(
        ([key, item]) => members.has(key) && isOfModelType(members.get(key)!, item),
      );
    }
    default:
      return false;
  }
}

function within<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no result after ${LIMIT_MS} ms`)), LIMIT_MS);
    }),
  ]);
}

describe.each(operations.map((op) => [op.name, op] as const))(
  "de_%sCommand on any response",
  (name, op) => {
    it("gives an output of the model's types or a typed error, promptly, with no secret in it", async () => {
      const deserialize = DESERIALIZERS[name]!;
      await fc.assert(
        fc.asyncProperty(
          status,
          headers,
          bodyText(op.output),
          delivery,
          fc.array(fc.nat(), { maxLength: 4 }),
          async (statusCode, responseHeaders, bytes, how, cuts) => {
            const response = new HttpResponse({
              statusCode,
              headers: { ...responseHeaders },
              body: deliver(bytes, how, cuts),
            });
            const outcome = await within(
              deserialize(response, context).then(
                (output) => ({ output }),
                (error: unknown) => ({ error }),
              ),
            );
            if ("output" in outcome) {
              expect(statusCode >= 200 && statusCode < 300).toBe(true);
              const { $metadata, ...members } = outcome.output as { $metadata: unknown };
              expect($metadata).toMatchObject({ httpStatusCode: statusCode });
              expect(isOfModelType(op.output, members)).toBe(true);
              return;
            }
            const { error } = outcome;
            const typed =
              error instanceof SSOOIDCServiceException ||
              error instanceof ResponseParseError ||
              error instanceof ResponseTooLargeError;
            if (!typed) throw error;
            if (
              !(error instanceof ResponseTooLargeError) &&
              statusCode >= 200 &&
              statusCode < 300
            ) {
              expect(error).toBeInstanceOf(ResponseParseError);
            }
            const printed = [
              error.message,
              String(error),
              JSON.stringify(error),
              inspect(error, { depth: 8 }),
            ].join("\n");
            expect(leakedParts(printed, SECRETS)).toEqual([]);
          },
        ),
        { numRuns: RUNS, seed: SEED },
      );
    });
  },
);

describe("findJsonStop, which error messages point with", () => {
  it("finds no stop exactly where JSON.parse succeeds", () => {
    const jsonish = fc.oneof(
      fc.json(),
      fc
        .json()
        .chain((text) =>
          fc
            .tuple(fc.nat({ max: text.length }), fc.string({ maxLength: 2 }))
            .map(([at, insert]) => text.slice(0, at) + insert + text.slice(at)),
        ),
      fc.string(),
    );
    fc.assert(
      fc.property(jsonish, (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const stop = findJsonStop(text);
        expect(stop === undefined).toBe(valid);
        if (stop !== undefined) {
          expect(stop.index).toBeGreaterThanOrEqual(0);
          expect(stop.index).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: RUNS * 10, seed: SEED },
    );
  });

  it("stops where the text is cut or goes wrong", () => {
    expect(findJsonStop('{"a":"bc')).toEqual({ index: 8, reason: "it ends inside a string" });
    expect(findJsonStop('{"a":1,}')).toEqual({ index: 7, reason: "an unexpected character" });
    expect(findJsonStop('{"a" 1}')).toEqual({ index: 5, reason: "an unexpected character" });
    expect(findJsonStop("[1, 2")).toEqual({
      index: 5,
      reason: "it ends before the JSON value is complete",
    });
    expect(findJsonStop("01")).toEqual({ index: 1, reason: "more text after the JSON value" });
    expect(findJsonStop('"a\\x"')).toEqual({ index: 2, reason: "a malformed escape in a string" });
    expect(findJsonStop("[".repeat(100_000))).toEqual({
      index: 100_000,
      reason: "it ends before the JSON value is complete",
    });
    expect(findJsonStop('{"a":[1,{"b":null}],"c":-0.5e+3}')).toBeUndefined();
  });
});
