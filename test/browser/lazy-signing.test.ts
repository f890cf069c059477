import { existsSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index";
import { launchChromium } from "../support/chromium";
import { sequentialIds } from "./sequential-ids";
import { startStaticServer } from "./static-server";
import type { Metafile, Plugin } from "esbuild";
import type { Browser, Page, Request } from "playwright-core";
import type { Emulator, EmulatorCredentials } from "../../src/emulator/index";
import type { StaticServer } from "./static-server";

/*
 * DESIGN.md: browser bundles that use only the unsigned operations carry no SigV4 code, because
 * the browser build reaches SigV4 and its hashing only through `import()`. An app bundler with
 * code splitting turns each `import()` into a chunk the page fetches when a call first needs
 * it. This suite builds such an app, checks where the signing code landed, and runs the app in
 * Chromium against the emulator, which verifies every CreateTokenWithIAM signature.
 */

const ROOT = join(__dirname, "../..");
/** Where the chunks would go; `write: false` keeps them in memory, this names them only. */
const OUTDIR = join(ROOT, "lazy-signing-app");
const APPLICATION_ARN =
  "arn:aws:sso::123456789012:application/ssoins-111111111111/apl-222222222222";
/** AWS's second documented example key pair, so a pass proves the emulator used these. */
const CREDENTIALS: EmulatorCredentials = {
  accessKeyId: "AKIAI44QH8DHBEXAMPLE",
  secretAccessKey: "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
  sessionToken: "lazy-signing-session-token",
};

/** The app: imports the package by name, so the bundler picks its `browser` build. */
const APP = `
import { CreateTokenWithIAMCommand, RegisterClientCommand, SSOOIDCClient } from "sso-oidc";

function client(endpoint, credentials) {
  return new SSOOIDCClient({ region: "us-east-1", endpoint, credentials });
}

async function registerClient(endpoint) {
  const { $metadata, ...out } = await client(endpoint).send(
    new RegisterClientCommand({ clientName: "lazy-app", clientType: "public" }),
  );
  return { httpStatusCode: $metadata.httpStatusCode, clientId: out.clientId };
}

async function createTokenWithIam(endpoint, credentials, clientId, assertion) {
  const { $metadata, ...out } = await client(endpoint, credentials).send(
    new CreateTokenWithIAMCommand({
      clientId,
      grantType: "urn:ietf:params:oauth:grant-type:jwt-bearer",
      assertion,
    }),
  );
  return { httpStatusCode: $metadata.httpStatusCode, ...out };
}

window.lazyApp = { registerClient, createTokenWithIam };
`;

const HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <link rel="icon" href="data:,">
    <title>sso-oidc lazy signing</title>
  </head>
  <body><script type="module" src="/app.js"></script></body>
</html>`;

/** Serves the app's source from memory: a split build needs a real entry point, not stdin. */
const appEntry: Plugin = {
  name: "app-entry",
  setup(bundler) {
    bundler.onResolve({ filter: /^app$/ }, () => ({ path: "app", namespace: "app" }));
    bundler.onLoad({ filter: /.*/, namespace: "app" }, () => ({
      contents: APP,
      resolveDir: ROOT,
      loader: "js",
    }));
  },
};

interface Chunk {
  /** The URL path the page loads it from, `/app.js` or `/chunk-XXXXXXXX.js`. */
  url: string;
  text: string;
  /** The files that put code in it. */
  inputs: string[];
  /** The module an `import()` loads through this chunk, if it is one. */
  entryPoint: string | undefined;
  staticImports: string[];
}

/** The app as `esbuild --bundle --splitting --format=esm --minify --platform=browser` builds it. */
async function buildApp(): Promise<Map<string, Chunk>> {
  const result = await build({
    entryPoints: ["app"],
    plugins: [appEntry],
    absWorkingDir: ROOT,
    bundle: true,
    splitting: true,
    format: "esm",
    minify: true,
    platform: "browser",
    outdir: OUTDIR,
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const metafile: Metafile = result.metafile;
  // The metafile names outputs relative to the working directory, with `/`.
  const urlOf = (output: string) => `/${output.slice(output.lastIndexOf("/") + 1)}`;
  const textOf = new Map(
    result.outputFiles.map((file) => [relative(ROOT, file.path).split(sep).join("/"), file.text]),
  );
  return new Map(
    Object.entries(metafile.outputs).map(([output, meta]) => [
      urlOf(output),
      {
        url: urlOf(output),
        text: textOf.get(output)!,
        inputs: Object.entries(meta.inputs)
          .filter(([, input]) => input.bytesInOutput > 0)
          .map(([path]) => path),
        entryPoint: meta.entryPoint,
        staticImports: meta.imports
          .filter((imported) => imported.kind === "import-statement" && !imported.external)
          .map((imported) => urlOf(imported.path)),
      },
    ]),
  );
}

/** A chunk and every chunk it imports statically, transitively: what loading it fetches. */
function withStaticImports(chunks: Map<string, Chunk>, url: string): Set<string> {
  const reached = new Set<string>();
  const pending = [url];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (reached.has(next)) continue;
    reached.add(next);
    pending.push(...chunks.get(next)!.staticImports);
  }
  return reached;
}

/** The one chunk whose `import()` entry point is a file of the given package. */
function lazyEntryOf(chunks: Map<string, Chunk>, pattern: RegExp): Chunk {
  const found = [...chunks.values()].filter((chunk) => pattern.test(chunk.entryPoint ?? ""));
  expect(found.map((chunk) => chunk.entryPoint)).toHaveLength(1);
  return found[0]!;
}

const SIGNATURE_V4 = /node_modules\/@smithy\/signature-v4\//;
/** The SigV4 algorithm name: in the signer's code, in no other code the browser build has. */
const SIGV4_ALGORITHM = "AWS4-HMAC-SHA256";

/** A JWT with a far-future `exp`; the emulator checks structure and expiry only. */
function assertion(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "RS256", typ: "JWT" })}.${part({ sub: "user", exp: 4_102_444_800 })}.c2ln`;
}

function decodeJwtPayload(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString("utf8")) as Record<
    string,
    unknown
  >;
}

let chunks: Map<string, Chunk>;
/** The entry chunk and the chunks it imports statically: the page's initial load. */
let initial: Set<string>;
let browser: Browser;
let site: StaticServer;
let emu: Emulator;
let page: Page;
/** Every request the page sent to the emulator. */
const emulatorRequests: Request[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(ROOT, "dist/browser/index.js"))) {
    throw new Error("dist/browser is missing: run `npm run build` first (`npm test` does).");
  }
  const launched = launchChromium();
  chunks = await buildApp();
  initial = withStaticImports(chunks, "/app.js");
  browser = await launched;
  site = await startStaticServer({
    "/": { contentType: "text/html; charset=utf-8", body: HTML },
    ...Object.fromEntries(
      [...chunks.values()].map((chunk) => [
        chunk.url,
        { contentType: "text/javascript; charset=utf-8", body: chunk.text },
      ]),
    ),
  });
  emu = await startEmulator({
    port: 0,
    host: "127.0.0.1",
    corsOrigin: "*",
    credentials: CREDENTIALS,
    generateId: sequentialIds(),
  });
  page = await (await browser.newContext()).newPage();
  page.on("request", (request) => {
    if (request.url().startsWith(emu.url)) emulatorRequests.push(request);
  });
  page.on("pageerror", (error) => pageErrors.push(error.message));
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await emu?.close();
});

function callApp<T>(name: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ([name, args]) => {
      const app = (window as unknown as { lazyApp: Record<string, Function> }).lazyApp;
      return app[name]!(...args) as T;
    },
    [name, args] as const,
  );
}

/** The chunks the page has fetched so far, sorted; `/` is the HTML page. */
function chunksRequested(): string[] {
  return site.requested.filter((path) => path !== "/").sort();
}

describe("an app built with code splitting from the browser build", () => {
  it("keeps SigV4 out of the initial chunks", () => {
    expect(initial.has("/app.js")).toBe(true);
    for (const url of initial) {
      const chunk = chunks.get(url)!;
      expect(
        chunk.inputs.filter((path) => SIGNATURE_V4.test(path)),
        url,
      ).toEqual([]);
      expect(chunk.text.includes(SIGV4_ALGORITHM), url).toBe(false);
    }
    expect(
      [...initial].some((url) => chunks.get(url)!.inputs.includes("dist/browser/index.js")),
    ).toBe(true);
  });

  it("puts SigV4 in one lazy chunk, loaded through import()", () => {
    const signing = [...chunks.values()].filter((chunk) =>
      chunk.inputs.some((path) => SIGNATURE_V4.test(path)),
    );
    expect(signing.map((chunk) => chunk.url)).toEqual([lazyEntryOf(chunks, SIGNATURE_V4).url]);
    expect(initial.has(signing[0]!.url)).toBe(false);
    expect(signing[0]!.text.includes(SIGV4_ALGORITHM)).toBe(true);
  });
});

describe("the app in Chromium, against the emulator", () => {
  it("loads the initial chunks only", async () => {
    await page.goto(`${site.url}/`);
    await page.waitForFunction(() => "lazyApp" in window);
    expect(site.requested[0]).toBe("/");
    expect(chunksRequested()).toEqual([...initial].sort());
  });

  it("sends an unsigned operation without loading any lazy chunk", async () => {
    expect(await callApp("registerClient", emu.url)).toEqual({
      httpStatusCode: 200,
      clientId: "clientId-1",
    });
    expect(chunksRequested()).toEqual([...initial].sort());
    expect(emulatorRequests.map((request) => request.url())).toEqual([
      `${emu.url}/client/register`,
    ]);
  });

  it("loads the signing chunks on the first CreateTokenWithIAM, which the emulator accepts", async () => {
    const result = await callApp<Record<string, unknown>>(
      "createTokenWithIam",
      emu.url,
      CREDENTIALS,
      APPLICATION_ARN,
      assertion(),
    );
    expect(result).toEqual({
      httpStatusCode: 200,
      accessToken: "accessToken-1",
      tokenType: "Bearer",
      expiresIn: 3600,
      idToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      refreshToken: "refreshToken-1",
      issuedTokenType: "urn:ietf:params:oauth:token-type:refresh_token",
      scope: ["openid", "aws", "sts:identity_context"],
      awsAdditionalDetails: { identityContext: "identityContext-1" },
    });
    const claims = decodeJwtPayload(result["idToken"] as string);
    expect(claims).toEqual({
      iss: emu.url,
      sub: "emulator-user",
      aud: APPLICATION_ARN,
      iat: expect.any(Number),
      exp: (claims["iat"] as number) + 3600,
      "sts:identity_context": "identityContext-1",
    });

    // The signer and its SHA-256, each behind its own import(), with what they import.
    const signer = lazyEntryOf(chunks, SIGNATURE_V4);
    const sha256 = lazyEntryOf(chunks, /node_modules\/@smithy\/core\/.*\/checksum\//);
    const loaded = new Set([
      ...withStaticImports(chunks, signer.url),
      ...withStaticImports(chunks, sha256.url),
    ]);
    const lazyLoaded = [...loaded].filter((url) => !initial.has(url)).sort();
    expect(lazyLoaded).toContain(signer.url);
    expect(chunksRequested()).toEqual([...initial, ...lazyLoaded].sort());

    const signed = emulatorRequests.at(-1)!;
    expect(signed.url()).toBe(`${emu.url}/token?aws_iam=t`);
    const headers = await signed.allHeaders();
    expect(headers["authorization"]).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAI44QH8DHBEXAMPLE\/\d{8}\/us-east-1\/sso-oauth\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/,
    );
    expect(headers["x-amz-security-token"]).toBe("lazy-signing-session-token");
  });

  it("signs the next CreateTokenWithIAM with the chunks already loaded", async () => {
    const before = chunksRequested();
    const result = await callApp<Record<string, unknown>>(
      "createTokenWithIam",
      emu.url,
      CREDENTIALS,
      APPLICATION_ARN,
      assertion(),
    );
    expect(result["accessToken"]).toBe("accessToken-2");
    expect(chunksRequested()).toEqual(before);
    expect(emulatorRequests.map((request) => new URL(request.url()).pathname)).toEqual([
      "/client/register",
      "/token",
      "/token",
    ]);
  });

  it("threw nothing uncaught", () => {
    expect(pageErrors).toEqual([]);
  });
});
