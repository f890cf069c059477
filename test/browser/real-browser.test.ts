import { existsSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, EMULATOR_TEST_CREDENTIALS } from "../../src/emulator/index";
import { launchChromium } from "../support/chromium";
import { startStaticServer, type StaticServer } from "./static-server";
import type { Browser, Page, Request } from "playwright-core";
import type { Emulator } from "../../src/emulator/index";
import type { ErrorReport, SsoOidcPage } from "./page-entry";
import { sequentialIds } from "./sequential-ids";

const ROOT = join(__dirname, "../..");
const APPLICATION_ARN =
  "arn:aws:sso::123456789012:application/ssoins-111111111111/apl-222222222222";
const SIGNATURE_MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

/** The page under test: an HTML shell and the bundle of page-entry.ts, as an app ships it. */
async function bundlePage() {
  const result = await build({
    entryPoints: [join(__dirname, "page-entry.ts")],
    absWorkingDir: ROOT,
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const [output] = Object.values(result.metafile.outputs);
  return { text: result.outputFiles[0]!.text, inputs: Object.keys(output!.inputs) };
}

const HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <link rel="icon" href="data:,">
    <title>sso-oidc browser proof</title>
  </head>
  <body><script type="module" src="/page.js"></script></body>
</html>`;

/** A JWT with a far-future `exp`; the emulator checks structure and expiry only. */
function assertion(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "RS256", typ: "JWT" })}.${part({ sub: "user", exp: 4_102_444_800 })}.c2ln`;
}

let browser: Browser;
let site: StaticServer;
let page: Page;
let emu: Emulator;
/** Every URL the page requested, and every request that failed, since the test began. */
let requests: string[] = [];
let sent: Request[] = [];
let failedRequests: string[] = [];
/** Every origin the page requested in the whole file, and every emulator's origin. */
const allOrigins = new Set<string>();
const emulatorOrigins = new Set<string>();
let bundleInputs: string[] = [];
/** Uncaught errors in the page, over the whole file. */
const pageErrors: string[] = [];

function call<K extends keyof SsoOidcPage>(
  name: K,
  ...args: Parameters<SsoOidcPage[K]>
): Promise<Awaited<ReturnType<SsoOidcPage[K]>>> {
  return page.evaluate(
    ([name, args]) => {
      const api = (window as unknown as { ssoOidcPage: Record<string, Function> }).ssoOidcPage;
      return api[name]!(...args);
    },
    [name, args] as const,
  );
}

/** The origins the page talked to in this test, sorted. */
function originsRequested() {
  return [...new Set(requests.map((url) => new URL(url).origin))].sort();
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, "dist/browser/index.js"))) {
    throw new Error("dist/browser is missing: run `npm run build` first (`npm test` does).");
  }
  const [bundle, launched] = await Promise.all([bundlePage(), launchChromium()]);
  browser = launched;
  bundleInputs = bundle.inputs;
  site = await startStaticServer({
    "/": { contentType: "text/html; charset=utf-8", body: HTML },
    "/page.js": { contentType: "text/javascript; charset=utf-8", body: bundle.text },
  });
  page = await (await browser.newContext()).newPage();
  page.on("request", (request) => {
    requests.push(request.url());
    sent.push(request);
    allOrigins.add(new URL(request.url()).origin);
  });
  page.on("requestfailed", (request) => failedRequests.push(request.url()));
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(`${site.url}/`);
  await page.waitForFunction(() => "ssoOidcPage" in window);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

beforeEach(async () => {
  emu = await startEmulator({
    port: 0,
    host: "127.0.0.1",
    corsOrigin: "*",
    generateId: sequentialIds(),
  });
  emulatorOrigins.add(emu.url);
  requests = [];
  sent = [];
  failedRequests = [];
});

afterEach(async () => {
  await emu?.close();
});

describe("the browser build in headless Chromium, on another origin than the service", () => {
  it("loads the page and its bundle, the package's browser build, from the page server", () => {
    expect(bundleInputs).toContain("dist/browser/index.js");
    expect(bundleInputs.filter((path) => path.includes("node-http-handler"))).toEqual([]);
    expect(site.requested).toEqual(["/", "/page.js"]);
    expect(new URL(site.url).origin).not.toBe(new URL(emu.url).origin);
  });

  it("logs in with the device flow: register, start, approve on the service's page, poll", async () => {
    const target = { endpoint: emu.url, region: "us-east-1" };
    const started = await call("startDeviceLogin", target);
    expect(started).toEqual({
      clientId: "clientId-1",
      userCode: "BCDF-GHJK",
      verificationUri: `${emu.url}/device`,
      verificationUriComplete: `${emu.url}/device?user_code=BCDF-GHJK`,
      intervalSeconds: 1,
      expiresInSeconds: 600,
      firstPoll: {
        name: "AuthorizationPendingException",
        message: "Authorization is still pending",
        fault: "client",
        httpStatusCode: 400,
        error: "authorization_pending",
        errorDescription: "Authorization is still pending",
        isInvalidGrantException: false,
        isServiceException: true,
        cause: undefined,
      },
    });

    const token = call("pollUntilToken");
    const approval = await browser.newPage();
    try {
      await approval.goto(started.verificationUriComplete);
      await approval.getByRole("button", { name: "Approve" }).click();
      await approval.waitForURL(`${emu.url}/device`);
      expect(await approval.getByRole("heading", { level: 1 }).textContent()).toBe("Approved");
    } finally {
      await approval.close();
    }
    expect(await token).toEqual({
      accessToken: "accessToken-1",
      tokenType: "Bearer",
      expiresIn: 3600,
      refreshToken: "refreshToken-1",
      pendingPolls: expect.any(Number),
    });
    expect(originsRequested()).toEqual([emu.url]);
    expect(requests.map((url) => new URL(url).pathname)).toEqual([
      "/client/register",
      "/device_authorization",
      "/token",
      ...Array.from({ length: (await token).pendingPolls + 1 }, () => "/token"),
    ]);
    expect(failedRequests).toEqual([]);
  });

  it("throws the modeled exception class with the service's description", async () => {
    const report = await call("createTokenWithBadDeviceCode", {
      endpoint: emu.url,
      region: "us-east-1",
    });
    expect(report).toEqual({
      name: "InvalidGrantException",
      message: "Invalid device code provided",
      fault: "client",
      httpStatusCode: 400,
      error: "invalid_grant",
      errorDescription: "Invalid device code provided",
      isInvalidGrantException: true,
      isServiceException: true,
      cause: undefined,
    } satisfies ErrorReport);
    expect(originsRequested()).toEqual([emu.url]);
  });

  it("aborts a request in flight with an AbortError", async () => {
    emu.failNext("CreateToken", { delayMs: 2000 });
    const { error, elapsedMs } = await call(
      "abortCreateToken",
      { endpoint: emu.url, region: "us-east-1" },
      200,
    );
    expect(error).toEqual({
      name: "AbortError",
      message: "Request aborted",
      fault: undefined,
      httpStatusCode: undefined,
      error: undefined,
      errorDescription: undefined,
      isInvalidGrantException: false,
      isServiceException: false,
      cause: "AbortError",
    } satisfies ErrorReport);
    expect(elapsedMs).toBeGreaterThanOrEqual(190);
    expect(elapsedMs).toBeLessThan(1500);
    expect(requests).toEqual([`${emu.url}/token`]);
    // The browser reports the cancelled fetch a moment after the page has its AbortError.
    await expect.poll(() => failedRequests).toEqual([`${emu.url}/token`]);
  });

  it("signs CreateTokenWithIAM with credentials from the config, and the service accepts it", async () => {
    const result = await call(
      "createTokenWithIam",
      { endpoint: emu.url, region: "us-east-1" },
      { ...EMULATOR_TEST_CREDENTIALS },
      APPLICATION_ARN,
      assertion(),
    );
    expect(result).toEqual({
      ok: true,
      accessToken: "accessToken-1",
      scope: ["openid", "aws", "sts:identity_context"],
    });
    expect(requests).toEqual([`${emu.url}/token?aws_iam=t`]);
    const headers = await sent[0]!.allHeaders();
    expect(headers["origin"]).toBe(site.url);
    expect(headers["authorization"]).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/us-east-1\/sso-oauth\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/,
    );
  });

  it.each([
    [
      "a wrong secret key",
      { ...EMULATOR_TEST_CREDENTIALS, secretAccessKey: "wrong-secret" },
      "InvalidSignatureException",
      SIGNATURE_MISMATCH,
    ],
    [
      "an unknown access key",
      { ...EMULATOR_TEST_CREDENTIALS, accessKeyId: "AKIAUNKNOWNEXAMPLE00" },
      "UnrecognizedClientException",
      "The security token included in the request is invalid.",
    ],
  ])(
    "signs CreateTokenWithIAM with %s, and the service rejects it",
    async (_, credentials, name, message) => {
      const result = await call(
        "createTokenWithIam",
        { endpoint: emu.url, region: "us-east-1" },
        credentials,
        APPLICATION_ARN,
        assertion(),
      );
      expect(result).toEqual({
        ok: false,
        error: {
          name,
          message,
          fault: "client",
          httpStatusCode: 403,
          error: undefined,
          errorDescription: undefined,
          isInvalidGrantException: false,
          isServiceException: true,
          cause: undefined,
        },
      });
      expect(originsRequested()).toEqual([emu.url]);
    },
  );

  it("fails a send from a client without a region, naming the fix, and sends nothing", async () => {
    const report = await call("sendWithoutRegion", emu.url);
    expect(report).toEqual({
      name: "MissingRegionError",
      message:
        'SSOOIDCClient has no region: in a browser the region must be given to the constructor, for example new SSOOIDCClient({ region: "us-east-1" }).',
      fault: undefined,
      httpStatusCode: undefined,
      error: undefined,
      errorDescription: undefined,
      isInvalidGrantException: false,
      isServiceException: false,
      cause: undefined,
    } satisfies ErrorReport);
    expect(requests).toEqual([]);
  });

  it("threw nothing uncaught and requested nothing from any other origin", () => {
    expect(pageErrors).toEqual([]);
    const allowed = new Set([site.url, ...emulatorOrigins]);
    expect([...allOrigins].filter((origin) => !allowed.has(origin))).toEqual([]);
    expect(allOrigins.has(site.url)).toBe(true);
    expect(allOrigins.size).toBeGreaterThan(1);
  });
});
