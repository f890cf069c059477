import { createHash } from "node:crypto";
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  onTestFinished,
} from "vitest";
import { startEmulator } from "../../src/emulator/index";
import { SSOOIDCClient } from "../../src/index";
import {
  createPkcePair,
  loginWithPkce,
  resolveOidcEndpoint,
  startRedirectListener,
} from "../../src/flows/pkce";
import {
  AuthorizationRedirectError,
  LoginDeniedError,
  LoginTimeoutError,
  UnsafeUrlError,
} from "../../src/flows/errors";
import { createSsoCache } from "../../src/cache/sso-cache";
import { count, createTempHome, recordCalls, sequentialIds } from "./fixtures";
import { answerInBrowser, launchChromium } from "./pkce-browser";
import type { Browser } from "playwright-core";
import type { Emulator } from "../../src/emulator/index";
import type { SsoCache } from "../../src/cache/sso-cache";
import type { AuthorizationUrlEvent } from "../../src/flows/pkce";
import type { RecordedCall } from "./fixtures";

const START_URL = "https://d-1234567890.awsapps.com/start";

let browser: Browser;
let emu: Emulator;
let client: SSOOIDCClient;
let calls: RecordedCall[];
let cache: SsoCache;
let home: Awaited<ReturnType<typeof createTempHome>>;

function login(overrides: Partial<Parameters<typeof loginWithPkce>[0]> = {}) {
  return loginWithPkce({
    client,
    startUrl: START_URL,
    sessionName: "my-sso",
    cache,
    onAuthorizationUrl: () => undefined,
    ...overrides,
  });
}

/** Opens URLs in Chromium and answers them; `pages` gets the final page texts. */
function browserOpener(decision: "approve" | "deny") {
  const opened: { urls: string[]; pages: Promise<string>[] } = { urls: [], pages: [] };
  const openUrl = (url: string) => {
    opened.urls.push(url);
    const page = answerInBrowser(browser, url, decision);
    page.catch(() => undefined); // awaited by the tests that need it
    opened.pages.push(page);
  };
  return { opened, openUrl };
}

describe("createPkcePair", () => {
  it("makes a 64-character unreserved verifier and its S256 challenge (RFC 7636 §4.1–4.2)", () => {
    // Byte i + 64k picks character i: every byte value maps, none more often than another.
    const bytes = Buffer.from(Array.from({ length: 64 }, (_, i) => i + 64 * (i % 4)));
    const { codeVerifier, codeChallenge } = createPkcePair(() => bytes);
    expect(codeVerifier).toBe("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-.");
    expect(codeChallenge).toBe(createHash("sha256").update(codeVerifier).digest("base64url"));
    expect(codeChallenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("differs every time with real randomness", () => {
    const a = createPkcePair();
    const b = createPkcePair();
    expect(a.codeVerifier).toMatch(/^[A-Za-z0-9\-.]{64}$/);
    expect(a.codeVerifier).not.toBe(b.codeVerifier);
  });
});

describe("resolveOidcEndpoint", () => {
  it("is the regional endpoint, or the client's endpoint without a trailing slash", async () => {
    expect(await resolveOidcEndpoint(new SSOOIDCClient({ region: "eu-west-1" }))).toBe(
      "https://oidc.eu-west-1.amazonaws.com",
    );
    expect(
      await resolveOidcEndpoint(
        new SSOOIDCClient({ region: "us-east-1", endpoint: "https://proxy.example.com/sso/" }),
      ),
    ).toBe("https://proxy.example.com/sso");
  });
});

describe("the loopback redirect listener (RFC 8252 §7.3)", () => {
  it("answers 400 to callbacks without this login's state and settles on the first with it", async () => {
    const listener = await startRedirectListener("the-state");
    onTestFinished(() => listener.close());
    const get = (query: string) => fetch(`${listener.redirectUri}${query}`);
    let settled = false;
    void listener.code.then(() => (settled = true));
    for (const query of ["?code=a&state=other", "?code=a", "?error=access_denied", ""]) {
      expect((await get(query)).status).toBe(400);
    }
    expect(settled).toBe(false);
    expect((await get("?code=the-code&state=the-state")).status).toBe(200);
    await expect(listener.code).resolves.toBe("the-code");
  });

  it("a matching callback that carries an error ends the login with it", async () => {
    const listener = await startRedirectListener("s");
    onTestFinished(() => listener.close());
    expect((await fetch(`${listener.redirectUri}?error=access_denied&state=x`)).status).toBe(400);
    expect((await fetch(`${listener.redirectUri}?error=access_denied&state=s`)).status).toBe(200);
    await expect(listener.code).rejects.toBeInstanceOf(LoginDeniedError);
  });
});

describe("loginWithPkce (headless Chromium against the emulator)", () => {
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
  });
  beforeEach(async () => {
    emu = await startEmulator({ generateId: sequentialIds() });
    client = new SSOOIDCClient({ region: "us-east-1", endpoint: emu.url });
    calls = recordCalls(client, Date.now);
    home = await createTempHome();
    cache = createSsoCache({ homeDir: home.dir });
  });
  afterEach(async () => {
    client.destroy();
    await emu.close();
    await home.cleanup();
  });

  it("registers, sends the user to /authorize, receives the code on 127.0.0.1 and redeems it", async () => {
    const { opened, openUrl } = browserOpener("approve");
    const token = await login({ openUrl });

    expect(calls[0]).toMatchObject({
      command: "RegisterClientCommand",
      input: {
        clientName: "sso-oidc-my-sso",
        clientType: "public",
        scopes: ["sso:account:access"],
        grantTypes: ["authorization_code", "refresh_token"],
        redirectUris: ["http://127.0.0.1/oauth/callback"],
        issuerUrl: START_URL,
      },
    });
    const url = new URL(opened.urls[0]!);
    expect(`${url.origin}${url.pathname}`).toBe(`${emu.url}/authorize`);
    expect([...url.searchParams.keys()]).toEqual([
      "response_type",
      "client_id",
      "redirect_uri",
      "state",
      "code_challenge_method",
      "scopes",
      "code_challenge",
    ]);
    const params = Object.fromEntries(url.searchParams);
    expect(params).toMatchObject({
      response_type: "code",
      client_id: "clientId-1",
      code_challenge_method: "S256",
      scopes: "sso:account:access",
    });
    expect(params["redirect_uri"]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    expect(params["state"]).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
    expect(params["code_challenge"]).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const createToken = calls.find((call) => call.command === "CreateTokenCommand")!;
    const verifier = String(createToken.input["codeVerifier"]);
    expect(verifier).toMatch(/^[A-Za-z0-9\-._~]{64}$/);
    expect(createHash("sha256").update(verifier).digest("base64url")).toBe(
      params["code_challenge"],
    );
    expect(createToken.input).toMatchObject({
      clientId: "clientId-1",
      clientSecret: "clientSecret-1",
      grantType: "authorization_code",
      code: "authorizationCode-1",
      redirectUri: params["redirect_uri"],
    });

    expect(token).toMatchObject({
      startUrl: START_URL,
      region: "us-east-1",
      accessToken: "accessToken-1",
      refreshToken: "refreshToken-1",
      clientId: "clientId-1",
    });
    expect(await cache.readToken("my-sso")).toEqual(token);
    expect(await cache.readRegistration({ ...keyFor("my-sso") })).toMatchObject({
      clientId: "clientId-1",
      scopes: ["sso:account:access"],
      grantTypes: ["authorization_code", "refresh_token"],
    });
    expect(await opened.pages[0]).toContain("Login complete");
    // One-shot: the listener is gone once the login returns.
    await expect(fetch(params["redirect_uri"]!)).rejects.toThrow();
  });

  it("reuses the cached PKCE registration and builds the URL from the client's endpoint", async () => {
    const first = browserOpener("approve");
    await login({ openUrl: first.openUrl });
    const second = browserOpener("approve");
    const token = await login({ openUrl: second.openUrl });
    expect(count(calls, "RegisterClientCommand")).toBe(1);
    expect(second.opened.urls[0]!.startsWith(`${emu.url}/authorize?response_type=code&`)).toBe(
      true,
    );
    expect(token.accessToken).toBe("accessToken-2");
  });

  it("a denial in the browser ends with LoginDeniedError and a failure page", async () => {
    const { opened, openUrl } = browserOpener("deny");
    const error = await login({ openUrl }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoginDeniedError);
    expect(await opened.pages[0]).toContain("Login failed");
    expect(count(calls, "CreateTokenCommand")).toBe(0);
    expect(await cache.readToken("my-sso")).toBeUndefined();
  });

  it("a stray callback (wrong or no state) gets 400 and the login waits for its own", async () => {
    const strays: Response[] = [];
    let page: Promise<string> | undefined;
    const token = await login({
      openUrl: async (url) => {
        const redirectUri = new URL(url).searchParams.get("redirect_uri")!;
        // Other paths do not settle the login.
        expect((await fetch(new URL("/favicon.ico", redirectUri))).status).toBe(404);
        // Bound to 127.0.0.1 only (RFC 8252 §8.3), so not reachable as [::1].
        const port = new URL(redirectUri).port;
        await expect(fetch(`http://[::1]:${port}/oauth/callback`)).rejects.toThrow();
        // A local process that found the port, before the browser comes back.
        strays.push(await fetch(`${redirectUri}?code=stolen&state=not-the-state`));
        strays.push(await fetch(`${redirectUri}?error=access_denied`));
        strays.push(await fetch(redirectUri));
        page = answerInBrowser(browser, url, "approve");
        page.catch(() => undefined);
      },
    });
    expect(strays.map((response) => response.status)).toEqual([400, 400, 400]);
    expect(strays[0]!.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await strays[0]!.text()).toContain(
      "This response does not belong to the login in progress (its state does not match), so it was ignored.",
    );
    expect(await page).toContain("Login complete");
    expect(token.accessToken).toBe("accessToken-1");
    const createToken = calls.find((call) => call.command === "CreateTokenCommand")!;
    expect(createToken.input["code"]).toBe("authorizationCode-1");
  });

  it("an authorization endpoint that is not https is shown with UnsafeUrlError, not opened", async () => {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        if (context.commandName === "RegisterClientCommand") {
          (result.output as { authorizationEndpoint?: string }).authorizationEndpoint =
            "smb://attacker.example/share";
        }
        return result;
      },
      { step: "initialize", name: "rewriteAuthorizationEndpoint" },
    );
    const opened: string[] = [];
    const events: AuthorizationUrlEvent[] = [];
    const error = await login({
      timeoutMs: 50,
      openUrl: (url) => void opened.push(url),
      onAuthorizationUrl: (event) => void events.push(event),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoginTimeoutError);
    expect(opened).toEqual([]);
    expect(events).toHaveLength(1);
    expect(events[0]!.url.startsWith("smb://attacker.example/share?response_type=code&")).toBe(
      true,
    );
    expect(events[0]!.openError).toBeInstanceOf(UnsafeUrlError);
  });

  it("another redirect error is reported with the service's words", async () => {
    const error = await login({
      openUrl: async (url) => {
        const params = new URL(url).searchParams;
        await fetch(
          `${params.get("redirect_uri")}?error=invalid_scope&error_description=Bad+scope&state=${params.get("state")}`,
        );
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthorizationRedirectError);
    expect(error).toMatchObject({
      code: "ERR_SSO_OIDC_AUTHORIZATION_FAILED",
      error: "invalid_scope",
      errorDescription: "Bad scope",
      message:
        'The authorization request failed ("invalid_scope": Bad scope). Check the sso-session\'s start URL, region and registration scopes, then run the login again.',
    });
  });

  it("times out with LoginTimeoutError after timeoutMs and closes the listener", async () => {
    let redirectUri = "";
    const started = Date.now();
    const error = await login({
      timeoutMs: 150,
      openUrl: (url) => void (redirectUri = new URL(url).searchParams.get("redirect_uri")!),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoginTimeoutError);
    expect(error).toMatchObject({ code: "ERR_SSO_OIDC_LOGIN_TIMEOUT", timeoutMs: 150 });
    expect(Date.now() - started).toBeLessThan(5000);
    await expect(fetch(redirectUri)).rejects.toThrow();
  });

  it("the timeout runs on the injected sleep (default 5 minutes)", async () => {
    const sleeps: number[] = [];
    const error = await login({
      openUrl: () => undefined,
      sleep: async (ms) => void sleeps.push(ms),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoginTimeoutError);
    expect(sleeps).toEqual([300_000]);
  });

  it("an abort while waiting for the browser ends the login with the signal's reason", async () => {
    const controller = new AbortController();
    const reason = new Error("cancelled");
    const error = await login({
      signal: controller.signal,
      openUrl: () => void setTimeout(() => controller.abort(reason), 20),
    }).catch((e: unknown) => e);
    expect(error).toBe(reason);
  });

  it("an opener that fails is reported to the UI, and the user can still finish by hand", async () => {
    const events: AuthorizationUrlEvent[] = [];
    let page: Promise<string> | undefined;
    const token = await login({
      openUrl: () => Promise.reject(new Error("spawn xdg-open ENOENT")),
      onAuthorizationUrl: (event) => {
        events.push(event);
        page = answerInBrowser(browser, event.url, "approve");
        page.catch(() => undefined);
      },
    });
    expect(events[0]!.openError?.message).toBe("spawn xdg-open ENOENT");
    expect(token.accessToken).toBe("accessToken-1");
    expect(await page).toContain("Login complete");
  });
});

function keyFor(sessionName: string) {
  return {
    startUrl: START_URL,
    region: "us-east-1",
    scopes: ["sso:account:access"],
    sessionName,
  };
}
