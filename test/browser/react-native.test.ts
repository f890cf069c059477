import { existsSync } from "node:fs";
import { join } from "node:path";
import { createContext, runInContext } from "node:vm";
import { build } from "esbuild";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, EMULATOR_TEST_CREDENTIALS } from "../../src/emulator/index";
import type { Emulator } from "../../src/emulator/index";
import { sequentialIds } from "./sequential-ids";

const ROOT = join(__dirname, "../..");
const APPLICATION_ARN =
  "arn:aws:sso::123456789012:application/ssoins-111111111111/apl-222222222222";

/**
 * What a React Native app must provide, beyond the language built-ins, for the three unsigned
 * operations: found by starting from `fetch` alone and adding the global each failure named.
 * `crypto` needs only `getRandomValues` (for the `amz-sdk-invocation-id` UUID); `TextEncoder`
 * makes the request body's UTF-8 bytes, as in the official client; smithy's retry step checks
 * a failed request's body against `ReadableStream` (each flow below retries a 500).
 */
const UNSIGNED_GLOBALS = [
  "fetch",
  "Headers",
  "Request",
  "URL",
  "TextDecoder",
  "TextEncoder",
  "ReadableStream",
  "setTimeout",
  "clearTimeout",
  "crypto.getRandomValues",
] as const;

/** CreateTokenWithIAM needs nothing more; `crypto.subtle` is used when present. */
const SIGNED_GLOBALS = UNSIGNED_GLOBALS;

/** `crypto.randomUUID` can stand in for `crypto.getRandomValues`. */
type GlobalName = (typeof SIGNED_GLOBALS)[number] | "crypto.randomUUID";

interface EntryExports {
  deviceLogin(endpoint: string, approve: (userCode: string) => void): Promise<string>;
  signedExchange(
    endpoint: string,
    accessKeyId: string,
    secretAccessKey: string,
    clientId: string,
    expiredAssertion: string,
    assertion: string,
  ): Promise<string>;
}

let bundle: { code: string; inputs: string[] };
let emu: Emulator;

/** The entry bundled as a React Native bundler resolves it, as CommonJS for a `vm` context. */
async function bundleEntry() {
  const result = await build({
    entryPoints: [join(__dirname, "react-native-entry.ts")],
    absWorkingDir: ROOT,
    bundle: true,
    platform: "neutral",
    conditions: ["react-native", "import"],
    mainFields: ["react-native", "browser", "module", "main"],
    format: "cjs",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const [output] = Object.values(result.metafile.outputs);
  return { code: result.outputFiles[0]!.text, inputs: Object.keys(output!.inputs) };
}

/** The named globals, taken from Node; `crypto.x` is a `crypto` with only that function. */
function globalsFor(names: readonly GlobalName[]): Record<string, unknown> {
  const globals: Record<string, unknown> = {};
  for (const name of names) {
    if (name === "crypto.getRandomValues" || name === "crypto.randomUUID") {
      const member = name === "crypto.getRandomValues" ? "getRandomValues" : "randomUUID";
      globals["crypto"] = { [member]: globalThis.crypto[member].bind(globalThis.crypto) };
    } else {
      globals[name] = (globalThis as Record<string, unknown>)[name];
    }
  }
  return globals;
}

/**
 * Runs the bundle in a fresh context holding the V8 built-ins (Object, Promise, JSON, typed
 * arrays, Intl, console, …) plus exactly `names`. The bundle is wrapped in a function, so
 * `module` and `exports` are parameters, not globals.
 */
function loadInContext(names: readonly GlobalName[], subtle?: object): EntryExports {
  const globals = globalsFor(names);
  if (subtle) globals["crypto"] = { ...(globals["crypto"] as object), subtle };
  const context = createContext(globals);
  const wrapped = runInContext(`(function (module, exports) {${bundle.code}\n})`, context, {
    filename: "react-native-bundle.js",
  }) as (module: { exports: object }, exports: object) => void;
  const module = { exports: {} };
  wrapped(module, module.exports);
  return module.exports as EntryExports;
}

/** Fails instead of hanging when a missing global stops the flow without an error. */
function withinSeconds<T>(promise: Promise<T>, seconds: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${seconds} s`)), seconds * 1000);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The first RegisterClient fails with a 500, so the retry path runs too. */
function deviceLogin(names: readonly GlobalName[]) {
  emu.failNext("RegisterClient", { error: "InternalServerException" });
  return withinSeconds(
    loadInContext(names).deviceLogin(emu.url, (userCode) => emu.approve(userCode)),
    5,
  ).then((json) => JSON.parse(json) as unknown);
}

/** A JWT expiring at `exp`; the emulator checks structure and expiry only. */
function jwt(exp: number) {
  return `eyJhbGciOiJub25lIn0.${Buffer.from(JSON.stringify({ exp })).toString("base64url")}.c2ln`;
}

/** The first CreateTokenWithIAM fails with a 500, so the retry path runs too. */
function signedExchange(names: readonly GlobalName[], subtle?: object) {
  emu.failNext("CreateTokenWithIAM", { error: "InternalServerException" });
  return withinSeconds(
    loadInContext(names, subtle).signedExchange(
      emu.url,
      EMULATOR_TEST_CREDENTIALS.accessKeyId,
      EMULATOR_TEST_CREDENTIALS.secretAccessKey,
      APPLICATION_ARN,
      jwt(1_600_000_000),
      jwt(4_102_444_800),
    ),
    5,
  ).then((json) => JSON.parse(json) as unknown);
}

function without(list: readonly GlobalName[], name: GlobalName) {
  return list.filter((entry) => entry !== name);
}

/**
 * How a flow fails without a global: a ReferenceError naming it (`crypto.x` is missing as
 * `crypto`), except setTimeout: the retry strategy waits with it before a retry, and when that
 * wait throws, the retry middleware gives up and throws the 500 it was retrying.
 */
function failureWithout(name: GlobalName) {
  return name === "setTimeout"
    ? "Injected by the emulator"
    : `${name.split(".")[0]} is not defined`;
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, "dist/browser/index.js"))) {
    throw new Error("dist/browser is missing: run `npm run build` first (`npm test` does).");
  }
  bundle = await bundleEntry();
});

beforeEach(async () => {
  emu = await startEmulator({ port: 0, host: "127.0.0.1", generateId: sequentialIds() });
});

afterEach(async () => {
  await emu?.close();
});

describe("the react-native build in a bare vm context", () => {
  it("is the fetch-based build", () => {
    expect(bundle.inputs).toContain("dist/browser/index.js");
    expect(bundle.inputs.filter((path) => path.includes("node-http-handler"))).toEqual([]);
  });

  it("registers, starts a device authorization and gets a token with only the listed globals", async () => {
    expect(await deviceLogin(UNSIGNED_GLOBALS)).toEqual({
      registerAttempts: 2,
      pending: "AuthorizationPendingException",
      accessToken: "accessToken-1",
    });
  });

  it.each(UNSIGNED_GLOBALS)("fails the device login without %s", async (name) => {
    await expect(deviceLogin(without(UNSIGNED_GLOBALS, name))).rejects.toThrow(
      failureWithout(name),
    );
  });

  it("takes crypto.randomUUID in place of crypto.getRandomValues", async () => {
    const names: GlobalName[] = [
      ...without(UNSIGNED_GLOBALS, "crypto.getRandomValues"),
      "crypto.randomUUID",
    ];
    expect(await deviceLogin(names)).toEqual({
      registerAttempts: 2,
      pending: "AuthorizationPendingException",
      accessToken: "accessToken-1",
    });
  });

  it("signs CreateTokenWithIAM with only the listed globals, without crypto.subtle", async () => {
    expect(await signedExchange(SIGNED_GLOBALS)).toEqual({
      rejected: { name: "InvalidGrantException", attempts: 2 },
      accessToken: "accessToken-1",
    });
  });

  it.each(SIGNED_GLOBALS)("fails CreateTokenWithIAM without %s", async (name) => {
    await expect(signedExchange(without(SIGNED_GLOBALS, name))).rejects.toThrow(
      failureWithout(name),
    );
  });

  it("hashes and signs with crypto.subtle when the platform has it", async () => {
    const calls: string[] = [];
    const { subtle } = globalThis.crypto;
    const counting = {
      digest: (...args: Parameters<SubtleCrypto["digest"]>) => {
        calls.push("digest");
        return subtle.digest(...args);
      },
      importKey: (...args: Parameters<SubtleCrypto["importKey"]>) => {
        calls.push("importKey");
        return subtle.importKey(...args);
      },
      sign: (...args: Parameters<SubtleCrypto["sign"]>) => {
        calls.push("sign");
        return subtle.sign(...args);
      },
    };
    expect(await signedExchange(SIGNED_GLOBALS, counting)).toEqual({
      rejected: { name: "InvalidGrantException", attempts: 2 },
      accessToken: "accessToken-1",
    });
    // Three signed requests (the 500, its retry, the second call). For each, SigV4
    // (@smithy/signature-v4) hashes the payload and the canonical request (2 digests) and
    // computes an HMAC for its signing-key cache key and one for the signature; the first also
    // derives the signing key (4 more HMACs), the others reuse it. Every HMAC is an importKey
    // and a sign; the calls interleave, so count them.
    const count = (name: string) => calls.filter((call) => call === name).length;
    expect({
      digest: count("digest"),
      importKey: count("importKey"),
      sign: count("sign"),
    }).toEqual({ digest: 2 + 2 + 2, importKey: 6 + 2 + 2, sign: 6 + 2 + 2 });
    expect(calls).toHaveLength(26);
  });
});
