import { readdir, stat } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index";
import { registrationCacheKey } from "../../src/index";
import { answerInBrowser, launchChromium } from "../flows/pkce-browser";
import {
  CODE_LINE,
  START_URL,
  createSandbox,
  deviceLogin,
  expectLines,
  recordingIds,
  requireBuiltBin,
  runBin,
} from "./support/cli-harness";
import type { Browser } from "playwright-core";
import type { Emulator } from "../../src/emulator/index";

const CLI_TOKEN_KEYS = [
  "startUrl",
  "region",
  "accessToken",
  "expiresAt",
  "clientId",
  "clientSecret",
  "registrationExpiresAt",
  "refreshToken",
];
const CACHE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
/** Device and PKCE registrations share this file, as in the AWS CLI. */
const CORP_REGISTRATION = registrationCacheKey({
  startUrl: START_URL,
  region: "us-east-1",
  scopes: ["sso:account:access"],
  sessionName: "corp",
});

let emu: Emulator;
const ids = recordingIds();

beforeAll(async () => {
  requireBuiltBin();
  emu = await startEmulator({ generateId: ids.generateId });
});
afterAll(() => emu.close());

function expectNoSecret(text: string): void {
  for (const secret of ids.secrets()) expect(text).not.toContain(secret);
}

describe("sso-oidc login, device code", () => {
  it("shows the code, waits for approval, caches the token as the AWS CLI does (0600) and exits 0", async () => {
    const box = await createSandbox(emu.url);
    const { run, userCode } = await deviceLogin(box, ["--profile", "p"], emu);

    const path = box.tokenPath("corp");
    const token = await box.readToken("corp");
    expect(Object.keys(token)).toEqual(CLI_TOKEN_KEYS);
    expect(token).toMatchObject({
      startUrl: START_URL,
      region: "us-east-1",
      accessToken: ids.last("accessToken"),
      clientId: ids.last("clientId"),
      clientSecret: ids.last("clientSecret"),
      refreshToken: ids.last("refreshToken"),
    });
    expect(token["expiresAt"]).toMatch(CACHE_TIME);
    expect((await stat(path)).mode & 0o777).toBe(0o600);

    const url = `${emu.url}/device?user_code=${userCode}`;
    expectLines(run.stdout(), [
      `Signing in with profile "p" (sso-session "corp") at ${START_URL} (us-east-1), device code flow.`,
      "",
      "Open this URL in a browser on any device:",
      "",
      `  ${url}`,
      "",
      "and check that the page shows the code:",
      "",
      `  ${userCode}`,
      "",
      /^Waiting for approval; the code expires at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(in (10:00|9:59)\)\.$/,
      // One line per change of the poll outcome, not one per second: at most this one.
      ...(run.stdout().includes("Still waiting")
        ? ["Still waiting (authorization pending); checking every 1 s."]
        : []),
      `Logged in with profile "p" (sso-session "corp"); the token expires at ${token["expiresAt"]} (cached in ~/.aws/sso/cache/${fileName(path)}).`,
      "",
    ]);
    expect(run.stderr()).toBe("");
    expectNoSecret(run.stdout());
  });

  it("uses the device code flow for a legacy profile named by AWS_PROFILE, cached under the start URL", async () => {
    const box = await createSandbox(emu.url);
    const run = runBin(["login", "--no-browser"], { ...box.env, AWS_PROFILE: "legacy" });
    const [, userCode] = await run.waitForStdout(CODE_LINE);
    expect(run.stdout().split("\n")[0]).toBe(
      `Signing in with profile "legacy" at ${START_URL} (us-east-1), device code flow.`,
    );
    emu.approve(userCode!);
    expect(await run.exited).toBe(0);
    const token = await box.readToken(START_URL);
    // No scopes, no refresh_token grant: the service issues no refresh token (as for the AWS CLI).
    expect(Object.keys(token)).toEqual(CLI_TOKEN_KEYS.filter((key) => key !== "refreshToken"));
    expect(run.stderr()).toBe("");
    expectNoSecret(run.stdout());
  });

  it("Ctrl-C while waiting exits 130 with one line and caches no token", async () => {
    const box = await createSandbox(emu.url);
    const run = runBin(["login", "--profile", "p", "--use-device-code", "--no-browser"], box.env);
    await run.waitForStdout(/^Waiting for approval/m);
    run.child.kill("SIGINT");
    expect(await run.exited).toBe(130);
    expect(run.stderr()).toBe(
      "sso-oidc: INTERRUPTED: Login cancelled; no token was cached (SIGINT).\n",
    );
    // The complete client registration stays (the AWS CLI keeps it too); no token, no temp file.
    expect(await readdir(box.cacheDir)).toEqual([`${CORP_REGISTRATION}.json`]);
  });
});

describe("sso-oidc login, authorization code with PKCE", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it("is the default for an sso-session; prints the authorize URL with --no-browser and caches the token", async () => {
    const box = await createSandbox(emu.url);
    const run = runBin(["login", "--profile", "p", "--no-browser"], box.env);
    const [, url] = await run.waitForStdout(/^ {2}(http:\/\/127\.0\.0\.1:\d+\/authorize\?\S+)$/m);
    expect(run.stdout().split("\n")[0]).toBe(
      `Signing in with profile "p" (sso-session "corp") at ${START_URL} (us-east-1), authorization code (PKCE) flow.`,
    );
    const authorize = new URL(url!);
    expect(authorize.origin).toBe(emu.url);
    expect(authorize.searchParams.get("redirect_uri")).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/,
    );
    expect(await answerInBrowser(browser, url!, "approve")).toContain("Login complete");
    expect(await run.exited).toBe(0);

    const path = box.tokenPath("corp");
    const token = await box.readToken("corp");
    expect(Object.keys(token)).toEqual(CLI_TOKEN_KEYS);
    expect(token["accessToken"]).toBe(ids.last("accessToken"));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(run.stdout().split("\n").slice(-2)).toEqual([
      `Logged in with profile "p" (sso-session "corp"); the token expires at ${token["expiresAt"]} (cached in ~/.aws/sso/cache/${fileName(path)}).`,
      "",
    ]);
    expect(run.stderr()).toBe("");
    expectNoSecret(run.stdout());
  });

  it("Ctrl-C while waiting for the browser exits 130 and closes the redirect listener", async () => {
    const box = await createSandbox(emu.url);
    const run = runBin(["login", "--sso-session", "corp", "--no-browser"], box.env);
    const [, url] = await run.waitForStdout(/^ {2}(http:\/\/127\.0\.0\.1:\d+\/authorize\?\S+)$/m);
    run.child.kill("SIGINT");
    expect(await run.exited).toBe(130);
    expect(run.stderr()).toBe(
      "sso-oidc: INTERRUPTED: Login cancelled; no token was cached (SIGINT).\n",
    );
    const redirectUri = new URL(url!).searchParams.get("redirect_uri")!;
    await expect(fetch(redirectUri)).rejects.toThrow("fetch failed");
    expect(await readdir(box.cacheDir)).toEqual([`${CORP_REGISTRATION}.json`]);
  });
});

function fileName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}
