import { randomBytes } from "node:crypto";
import { CreateTokenCommand } from "../client/index";
import { createSsoCache } from "../cache/create-sso-cache";
import { obtainClientRegistration } from "./obtain-client-registration";
import { startRedirectListener } from "./start-redirect-listener";
import { createPkcePair } from "./create-pkce-pair";
import { resolveOidcEndpoint } from "./resolve-oidc-endpoint";
import { tokenFromResponse } from "./token-from-response";
import { openUrl as defaultOpenUrl } from "./open-url";
import { sleep as defaultSleep } from "./sleep";
import { LoginTimeoutError } from "./login-timeout-error";
import type { SsoToken } from "../cache/sso-cache-types";
import type { LoginOptions, Sleep } from "./flow-types";

const DEFAULT_SCOPES = ["sso:account:access"];
const DEFAULT_TIMEOUT_MS = 5 * 60 * 1000;

/** Told the authorization URL once the browser was (or could not be) opened. */
interface AuthorizationUrlEvent {
  url: string;
  /** Why the browser could not be opened; the user must open `url` by hand. */
  openError: Error | undefined;
}

interface LoginWithPkceOptions extends LoginOptions {
  /** Default `["sso:account:access"]`. */
  scopes?: string[];
  /** How long to wait for the browser to come back; default 5 minutes. */
  timeoutMs?: number;
  /** Opens the URL in a browser; default the platform's opener (xdg-open, open, start). */
  openUrl?: (url: string) => void | Promise<void>;
  /** Shows the URL to the user; default: prints it to stderr. */
  onAuthorizationUrl?: (event: AuthorizationUrlEvent) => void | Promise<void>;
}

function printAuthorizationUrl({ url, openError }: AuthorizationUrlEvent): void {
  process.stderr.write(
    openError
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
 * StateMismatchError, AuthorizationRedirectError, or `signal.reason` when aborted.
 */
async function loginWithPkce(options: LoginWithPkceOptions): Promise<SsoToken> {
  const { client, startUrl, sessionName, signal } = options;
  const now = options.now ?? Date.now;
  const cache = options.cache === undefined ? createSsoCache() : options.cache;
  signal?.throwIfAborted();
  const region = options.region ?? (await client.config.region());

  const registration = await obtainClientRegistration({
    client,
    cache,
    kind: "pkce",
    startUrl,
    region,
    scopes: options.scopes ?? DEFAULT_SCOPES,
    sessionName,
    clientName: options.clientName ?? `sso-oidc-${sessionName ?? "pkce"}`,
    now,
    signal,
  });
  const authorizationEndpoint =
    registration.authorizationEndpoint ?? `${await resolveOidcEndpoint(client)}/authorize`;
  const { codeVerifier, codeChallenge } = createPkcePair();
  // RFC 6749 §10.12 / RFC 9700 §4.7.1: an unguessable state binds the response to this login.
  const state = randomBytes(32).toString("base64url");

  const listener = await startRedirectListener(state);
  let code: string;
  try {
    const url = new URL(authorizationEndpoint);
    // The AWS CLI's parameter order; note `scopes`, which the service reads (FACTS.md).
    for (const [key, value] of [
      ["response_type", "code"],
      ["client_id", registration.clientId],
      ["redirect_uri", listener.redirectUri],
      ["state", state],
      ["code_challenge_method", "S256"],
      ["scopes", (options.scopes ?? DEFAULT_SCOPES).join(" ")],
      ["code_challenge", codeChallenge],
    ] as const) {
      url.searchParams.append(key, value);
    }
    let openError: Error | undefined;
    try {
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
  const token = tokenFromResponse(
    output,
    {
      startUrl,
      region,
      clientId: registration.clientId,
      clientSecret: registration.clientSecret,
      registrationExpiresAt: registration.expiresAt,
    },
    now(),
  );
  await cache?.writeToken(sessionName ?? startUrl, token);
  return token;
}

export { loginWithPkce };
export type { LoginWithPkceOptions, AuthorizationUrlEvent };
