import { createHash, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { getEndpointFromInstructions } from "@smithy/core/endpoints";
import { CreateTokenCommand } from "../client/index";
import {
  AuthorizationRedirectError,
  LoginDeniedError,
  LoginTimeoutError,
  UnexpectedResponseError,
  UnsafeUrlError,
} from "./errors";
import { finishLogin, startLogin } from "./login";
import { checkOpenableUrl, openUrl as defaultOpenUrl, sleep as defaultSleep } from "./platform";
import type { ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { SSOOIDCClient } from "../client/index";
import type { SsoToken } from "../cache/sso-cache";
import type { LoginOptions } from "./login";
import type { Sleep } from "./platform";

/**
 * 64 of RFC 7636 §4.1's unreserved characters: 256 is a multiple of 64, so one random byte picks
 * each character without modulo bias.
 */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-.";
/** The AWS CLI's length; RFC 7636 §4.1 allows 43 to 128. */
const VERIFIER_LENGTH = 64;
const CALLBACK_PATH = "/oauth/callback";
const DEFAULT_SCOPES = ["sso:account:access"];
const DEFAULT_TIMEOUT_MS = 5 * 60 * 1000;

interface PkcePair {
  codeVerifier: string;
  /** RFC 7636 §4.2 S256: base64url(SHA-256(ASCII(verifier))) without padding. */
  codeChallenge: string;
}

interface RedirectListener {
  /** `http://127.0.0.1:<port>/oauth/callback`, the redirect URI this login sends. */
  readonly redirectUri: string;
  /** The authorization code, or the redirect's error; settles on the first matching callback. */
  readonly code: Promise<string>;
  /** Stops listening and drops open connections; safe to call more than once. */
  close(): Promise<void>;
}

/** Told the authorization URL once the browser was (or could not be) opened. */
interface AuthorizationUrlEvent {
  url: string;
  /**
   * Why the browser could not be opened; the user must open `url` by hand. An UnsafeUrlError
   * when the URL was not opened because it is not https (or http on this machine).
   */
  openError: Error | undefined;
}

interface LoginWithPkceOptions extends LoginOptions {
  /** Default `["sso:account:access"]`. */
  scopes?: string[];
  /** How long to wait for the browser to come back; default 5 minutes. */
  timeoutMs?: number;
  /**
   * Opens the URL in a browser; default the platform's opener (xdg-open, open, start). Only
   * given https URLs, and http URLs on this machine.
   */
  openUrl?: (url: string) => void | Promise<void>;
  /** Shows the URL to the user; default: prints it to stderr. */
  onAuthorizationUrl?: (event: AuthorizationUrlEvent) => void | Promise<void>;
}

function createPkcePair(random: (size: number) => Buffer = randomBytes): PkcePair {
  const bytes = random(VERIFIER_LENGTH);
  let codeVerifier = "";
  for (const byte of bytes) codeVerifier += ALPHABET[byte % 64];
  const codeChallenge = createHash("sha256").update(codeVerifier, "ascii").digest("base64url");
  return { codeVerifier, codeChallenge };
}

/**
 * The base URL the client sends to, without a trailing slash: its `endpoint`, an
 * `AWS_ENDPOINT_URL_SSO_OIDC` setting, or the rule set's regional endpoint, resolved the same way
 * the endpoint middleware resolves it for a request.
 */
async function resolveOidcEndpoint(client: SSOOIDCClient): Promise<string> {
  const endpoint = await getEndpointFromInstructions(
    {},
    CreateTokenCommand as unknown as Parameters<typeof getEndpointFromInstructions>[1],
    client.config as unknown as Parameters<typeof getEndpointFromInstructions>[2],
  );
  return endpoint.url.href.replace(/\/+$/, "");
}

/** No scripts, no subresources, no referrer: the page's URL holds the authorization code. */
function sendPage(res: ServerResponse, status: number, title: string, text: string): void {
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    connection: "close",
  });
  res.end(
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>${title}</title>` +
      `<body style="font-family:system-ui,sans-serif;margin:3em"><h1>${title}</h1><p>${text}</p></body></html>\n`,
  );
}

/**
 * What a callback whose `state` matches carries: the code, or the error the authorization
 * server redirected back with (RFC 6749 §4.1.2.1).
 */
function outcome(query: URLSearchParams): string | Error {
  const error = query.get("error");
  if (error === "access_denied") return new LoginDeniedError();
  if (error !== null) {
    return new AuthorizationRedirectError(error, query.get("error_description") ?? undefined);
  }
  const code = query.get("code");
  return code ? code : new AuthorizationRedirectError(undefined, undefined);
}

/**
 * RFC 8252 §7.3 loopback redirect: a one-shot HTTP listener on 127.0.0.1 only (§8.3: not
 * `localhost`, not every interface) and an ephemeral port. The first callback whose `state` is
 * this login's settles `code` and closes the listener. RFC 6749 §10.12: state is checked before
 * anything else in a callback, errors included; a callback with another state or none (a stray
 * request, a forged one, another login's) gets 400 and changes nothing, so any local process
 * that finds the port cannot end the login. Other paths get 404.
 */
async function startRedirectListener(expectedState: string): Promise<RedirectListener> {
  let settle: { resolve: (code: string) => void; reject: (error: Error) => void };
  const code = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  // A rejection nobody awaits (the login timed out first) must not crash the process.
  code.catch(() => undefined);
  let answered = false;
  let closing: Promise<void> | undefined;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (req.method !== "GET" || url.pathname !== CALLBACK_PATH) {
      return sendPage(res, 404, "Not found", "This address only receives the login redirect.");
    }
    if (answered) {
      return sendPage(res, 409, "Login already finished", "You can close this tab.");
    }
    if (url.searchParams.get("state") !== expectedState) {
      return sendPage(
        res,
        400,
        "Not this login",
        "This response does not belong to the login in progress (its state does not match), so it was ignored.",
      );
    }
    answered = true;
    const result = outcome(url.searchParams);
    if (typeof result === "string") {
      sendPage(res, 200, "Login complete", "You can close this tab and return to the terminal.");
      settle.resolve(result);
    } else {
      sendPage(res, 200, "Login failed", `${result.message.replace(/[<>&"]/g, "")}`);
      settle.reject(result);
    }
    res.once("finish", () => void close());
  });

  function close(): Promise<void> {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return { redirectUri: `http://127.0.0.1:${port}${CALLBACK_PATH}`, code, close };
}

function printAuthorizationUrl({ url, openError }: AuthorizationUrlEvent): void {
  process.stderr.write(
    openError instanceof UnsafeUrlError
      ? `Warning: ${openError.message}\n${url}\n`
      : openError
        ? `Could not open a browser (${openError.message}). Open this URL to sign in:\n${url}\n`
        : `Your browser should open; if it does not, open this URL to sign in:\n${url}\n`,
  );
}

/** Resolves to the code, or rejects on redirect error, timeout (`sleep`) or abort. */
async function awaitCode(
  code: Promise<string>,
  timeoutMs: number,
  sleep: Sleep,
  signal: AbortSignal | undefined,
): Promise<string> {
  signal?.throwIfAborted();
  const timer = new AbortController();
  const forwardAbort = () => timer.abort(signal!.reason);
  signal?.addEventListener("abort", forwardAbort, { once: true });
  const timeout = sleep(timeoutMs, timer.signal).then(() => {
    throw new LoginTimeoutError(timeoutMs);
  });
  timeout.catch(() => undefined);
  try {
    return await Promise.race([code, timeout]);
  } finally {
    signal?.removeEventListener("abort", forwardAbort);
    timer.abort();
  }
}

/**
 * Authorization code grant with PKCE for native apps: RFC 7636 (S256 challenge) and RFC 8252
 * (system browser, loopback redirect on 127.0.0.1 with an ephemeral port, §7.3), as the AWS CLI
 * v2 does it for sso-session profiles. Throws LoginDeniedError, LoginTimeoutError,
 * AuthorizationRedirectError, UnexpectedResponseError (an authorization endpoint that is not a
 * URL), or `signal.reason` when aborted. An authorization URL that is not https (or http on this
 * machine) is not opened: `onAuthorizationUrl` gets it with an UnsafeUrlError as `openError`.
 */
async function loginWithPkce(options: LoginWithPkceOptions): Promise<SsoToken> {
  const scopes = options.scopes ?? DEFAULT_SCOPES;
  const login = await startLogin(options, "pkce", scopes);
  const { registration } = login;
  const { client, signal } = login.settings;
  const authorizationEndpoint =
    registration.authorizationEndpoint ?? `${await resolveOidcEndpoint(client)}/authorize`;
  let url: URL;
  try {
    url = new URL(authorizationEndpoint);
  } catch {
    throw new UnexpectedResponseError("RegisterClient", "authorizationEndpoint", "a URL");
  }
  const { codeVerifier, codeChallenge } = createPkcePair();
  // RFC 6749 §10.12 / RFC 9700 §4.7.1: an unguessable state binds the response to this login.
  const state = randomBytes(32).toString("base64url");

  const listener = await startRedirectListener(state);
  let code: string;
  try {
    // The AWS CLI's parameters in its order. The scopes go in its key `scopes` (RFC 6749 §3.3
    // names it `scope`), so the service reads the request as it reads the AWS CLI's.
    for (const [key, value] of [
      ["response_type", "code"],
      ["client_id", registration.clientId],
      ["redirect_uri", listener.redirectUri],
      ["state", state],
      ["code_challenge_method", "S256"],
      ["scopes", scopes.join(" ")],
      ["code_challenge", codeChallenge],
    ] as const) {
      url.searchParams.append(key, value);
    }
    let openError: Error | undefined;
    try {
      // Checked here too, so an opener the caller passes is never given such a URL either.
      checkOpenableUrl(url.href);
      await (options.openUrl ?? defaultOpenUrl)(url.href);
    } catch (error) {
      openError = error instanceof Error ? error : new Error(String(error));
    }
    await (options.onAuthorizationUrl ?? printAuthorizationUrl)({ url: url.href, openError });
    code = await awaitCode(
      listener.code,
      options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      options.sleep ?? defaultSleep,
      signal,
    );
  } finally {
    await listener.close();
  }

  // RFC 7636 §4.5 / RFC 6749 §4.1.3: the same redirect URI as in the authorization request.
  const output = await client.send(
    new CreateTokenCommand({
      clientId: registration.clientId,
      clientSecret: registration.clientSecret,
      grantType: "authorization_code",
      code,
      codeVerifier,
      redirectUri: listener.redirectUri,
    }),
    { abortSignal: signal },
  );
  return finishLogin(login, registration, output);
}

export { createPkcePair, loginWithPkce, resolveOidcEndpoint, startRedirectListener };
export type { AuthorizationUrlEvent, LoginWithPkceOptions, PkcePair, RedirectListener };
