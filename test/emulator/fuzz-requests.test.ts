import { request } from "node:http";
import { connect } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index";
import { postJson } from "./support/wire";
import type { Emulator } from "../../src/emulator/index";

/*
 * Property-based tests of the emulator's request handling: whatever the method, path, headers
 * and body, or the raw bytes on the socket, the answer is a well-formed JSON error or success,
 * an HTML page, a redirect or an empty preflight answer, never a 5xx (the emulator answers 500
 * only for an exception it did not expect), and the emulator keeps serving. A fixed seed keeps
 * `npm test` repeatable; FUZZ_RUNS=N runs longer (and FUZZ_SEED=N elsewhere in the space).
 */

const RUNS = Number(process.env["FUZZ_RUNS"] ?? 300);
const SEED = Number(process.env["FUZZ_SEED"] ?? 14);
const ANSWER_LIMIT_MS = 3000;

let emu: Emulator;
let port: number;
const unhandled: unknown[] = [];
function onUnhandled(reason: unknown): void {
  unhandled.push(reason);
}

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  emu = await startEmulator({ port: 0, host: "127.0.0.1" });
  port = Number(new URL(emu.url).port);
});
afterAll(async () => {
  process.off("unhandledRejection", onUnhandled);
  await emu.close();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const PATHS = [
  "/client/register",
  "/device_authorization",
  "/token",
  "/token?aws_iam=t",
  "/device",
  "/authorize",
  "/federation/credentials",
  "/assignment/accounts",
  "/assignment/roles",
  "/logout",
  "/",
  "*",
];

const MEMBERS = [
  "clientName",
  "clientType",
  "scopes",
  "grantTypes",
  "redirectUris",
  "issuerUrl",
  "entitledApplicationArn",
  "clientId",
  "clientSecret",
  "startUrl",
  "grantType",
  "deviceCode",
  "code",
  "refreshToken",
  "scope",
  "redirectUri",
  "codeVerifier",
  "assertion",
  "subjectToken",
  "subjectTokenType",
  "requestedTokenType",
  "__proto__",
  "constructor",
];

const method = fc.oneof(
  fc.constantFrom("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH"),
  fc.stringMatching(/^[A-Z]{1,8}$/),
);

const path = fc.oneof(
  fc.constantFrom(...PATHS),
  fc
    .tuple(fc.constantFrom(...PATHS), fc.webQueryParameters())
    .map(([p, q]) => `${p === "*" ? "/" : p}?${q}`),
  fc.webPath().map((p) => (p.startsWith("/") ? p : `/${p}`)),
  fc
    .tuple(
      fc.constantFrom("/device", "/authorize"),
      fc.dictionary(
        fc.constantFrom(
          "user_code",
          "client_id",
          "redirect_uri",
          "state",
          "response_type",
          "code_challenge",
          "code_challenge_method",
          "scopes",
        ),
        fc.string({ maxLength: 40 }),
        { maxKeys: 8 },
      ),
    )
    .map(([p, query]) => `${p}?${new URLSearchParams(query)}`),
);

/** Header values Node's client lets through: no control characters. */
const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,60}$/);

const headers = fc.record(
  {
    "content-type": fc.constantFrom(
      "application/json",
      "application/x-www-form-urlencoded",
      "text/plain",
      "application/json; charset=utf-8",
      "",
    ),
    origin: fc.oneof(headerValue, fc.constant(`http://127.0.0.1:PORT`)),
    host: fc.constantFrom("127.0.0.1:PORT", "localhost:PORT", "rebind.example:PORT", ""),
    authorization: headerValue,
    "x-amz-date": headerValue,
    "x-amz-content-sha256": headerValue,
    "x-amz-sso_bearer_token": headerValue,
    "access-control-request-headers": headerValue,
  },
  { requiredKeys: [] },
);

const jsonBody = fc
  .dictionary(
    fc.constantFrom(...MEMBERS),
    fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.array(fc.string({ maxLength: 20 }), { maxLength: 4 }),
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom("public", "refresh_token", "authorization_code", "openid"),
      fc.nat({ max: 3000 }).map((n) => "x".repeat(n)),
    ),
    { maxKeys: 6 },
  )
  .map((object) => JSON.stringify(object));

const body = fc.oneof(
  jsonBody,
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString("latin1")),
  fc
    .dictionary(
      fc.constantFrom("user_code", "decision", "consent_id"),
      fc.string({ maxLength: 20 }),
    )
    .map((form) => new URLSearchParams(form).toString()),
  fc.constant(""),
);

function send(
  requestMethod: string,
  target: string,
  requestHeaders: Record<string, string>,
  payload: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const finalHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(requestHeaders)) {
      finalHeaders[name] = value.replace("PORT", String(port));
    }
    finalHeaders["content-length"] = String(Buffer.byteLength(payload, "latin1"));
    const req = request(
      {
        hostname: "127.0.0.1",
        port,
        method: requestMethod,
        path: target,
        headers: finalHeaders,
        setHost: finalHeaders["host"] === undefined,
        agent: false,
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }),
        );
        res.on("error", reject);
      },
    );
    req.setTimeout(ANSWER_LIMIT_MS, () => req.destroy(new Error("no answer in time")));
    req.on("error", reject);
    req.end(payload, "latin1");
  });
}

/** The answer is one a client of the service or a browser can read. */
function expectWellFormed(requestMethod: string, answer: Answer): void {
  expect(answer.status).toBeGreaterThanOrEqual(200);
  expect(answer.status).toBeLessThan(500);
  if (requestMethod === "HEAD" || answer.status === 204) {
    expect(answer.body).toBe("");
    return;
  }
  if (answer.status === 302) {
    expect(typeof answer.headers["location"]).toBe("string");
    return;
  }
  const type = answer.headers["content-type"];
  if (type === "text/html; charset=utf-8") {
    expect(answer.body.startsWith("<!doctype html>")).toBe(true);
    return;
  }
  if (answer.body === "") {
    // Logout's answer: a restJson1 operation without output.
    expect(answer.status).toBe(200);
    return;
  }
  expect(type).toBe("application/json");
  const parsed = JSON.parse(answer.body) as Record<string, unknown>;
  expect(typeof parsed).toBe("object");
  if (answer.status >= 400) {
    const oauth =
      typeof parsed["error"] === "string" && typeof parsed["error_description"] === "string";
    const plain = typeof parsed["message"] === "string";
    expect(oauth || plain).toBe(true);
  }
}

describe("the emulator on any request", () => {
  it("answers with a well-formed JSON error or success, a page, a redirect or a preflight; never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(method, path, headers, body, async (m, p, h, b) => {
        const answer = await send(m, p, h, b);
        expect(
          typeof answer.headers["x-amzn-requestid"] === "string" || answer.status === 400,
        ).toBe(true);
        expectWellFormed(m, answer);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(unhandled).toEqual([]);
  });

  it("answers raw bytes on a socket with a typed HTTP answer below 500, or closes", async () => {
    const raw = fc.oneof(
      fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes)),
      fc
        .tuple(method, fc.string({ maxLength: 40 }), fc.string({ maxLength: 80 }))
        .map(([m, target, rest]) =>
          Buffer.from(`${m} ${target} HTTP/1.1\r\n${rest}\r\n\r\n`, "latin1"),
        ),
    );
    await fc.assert(
      fc.asyncProperty(raw, async (bytes) => {
        const answer = await new Promise<string>((resolve, reject) => {
          const socket = connect(port, "127.0.0.1", () => socket.end(bytes));
          let text = "";
          socket.setEncoding("latin1").on("data", (chunk: string) => (text += chunk));
          socket.setTimeout(ANSWER_LIMIT_MS, () => socket.destroy(new Error("no answer in time")));
          socket.on("close", () => resolve(text));
          socket.on("error", (error: NodeJS.ErrnoException) =>
            error.code === "ECONNRESET" ? resolve(text) : reject(error),
          );
        });
        // Each answer's head: below 500, and typed unless it has no body by its status.
        for (const [, status, head] of answer.matchAll(
          /HTTP\/1\.1 (\d{3})[^\r]*\r\n((?:[^\r]+\r\n)*)\r\n/g,
        )) {
          expect(Number(status)).toBeLessThan(500);
          if (status !== "204" && status !== "302") {
            expect(head).toMatch(
              /^content-type: (application\/json|text\/html; charset=utf-8)\r$/im,
            );
          }
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(unhandled).toEqual([]);
  });

  it("still serves the official wire afterwards", async () => {
    const response = await postJson(emu.url, "/client/register", {
      clientName: "after-fuzz",
      clientType: "public",
    });
    expect(response.status).toBe(200);
  });
});
