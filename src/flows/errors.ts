import { formatCacheTime } from "../cache/formats";
import { redactSecrets } from "./redact";

/*
 * The flows' errors: each has a literal `name`, a stable `code`, and a message that names what
 * happened and what to do next; the service exception, where there is one, is the `cause`.
 */

/** RFC 8628 §3.5 `expired_token`: the device code expired before the user approved it. */
class LoginExpiredError extends Error {
  override readonly name = "LoginExpiredError";
  readonly code = "ERR_SSO_OIDC_LOGIN_EXPIRED";

  constructor(expiresInSeconds: number, options?: { cause?: unknown }) {
    super(
      `The login request expired before it was approved (it was valid for ${expiresInSeconds} s). Run the login again and approve the request in the browser before it expires.`,
      options,
    );
  }
}

/** RFC 8628 §3.5 / RFC 6749 §4.1.2.1 `access_denied`: the user refused the request. */
class LoginDeniedError extends Error {
  override readonly name = "LoginDeniedError";
  readonly code = "ERR_SSO_OIDC_LOGIN_DENIED";

  constructor(options?: { cause?: unknown }) {
    super(
      "The login request was denied in the browser. If you meant to sign in, run the login again and approve the request.",
      options,
    );
  }
}

/** No authorization response reached the loopback redirect listener in time. */
class LoginTimeoutError extends Error {
  override readonly name = "LoginTimeoutError";
  readonly code = "ERR_SSO_OIDC_LOGIN_TIMEOUT";
  readonly timeoutMs: number;

  constructor(timeoutMs: number) {
    super(
      `No answer came back from the browser within ${Math.round(timeoutMs / 1000)} s. Run the login again and approve the request; if the browser cannot reach this machine's 127.0.0.1, use the device code login instead.`,
    );
    this.timeoutMs = timeoutMs;
  }
}

/**
 * RFC 6749 §10.12: the redirect's `state` is not the one this login sent, so the response may
 * have been forged (login CSRF) and is refused. loginWithPkce's listener answers such a callback
 * with 400 and keeps waiting for its own, so a stray request cannot end a login; the class stays
 * for code that checks redirects of its own.
 */
class StateMismatchError extends Error {
  override readonly name = "StateMismatchError";
  readonly code = "ERR_SSO_OIDC_STATE_MISMATCH";

  constructor() {
    super(
      "The browser returned an authorization response that does not belong to this login (state mismatch), so it was refused. Run the login again, and only approve requests you started.",
    );
  }
}

/** RFC 6749 §4.1.2.1: the authorization server redirected back with an error (or no code). */
class AuthorizationRedirectError extends Error {
  override readonly name = "AuthorizationRedirectError";
  readonly code = "ERR_SSO_OIDC_AUTHORIZATION_FAILED";
  /** The redirect's `error` parameter, e.g. "invalid_scope"; undefined when the code was missing. */
  readonly error: string | undefined;
  readonly errorDescription: string | undefined;

  constructor(error: string | undefined, errorDescription: string | undefined) {
    const detail = error
      ? `${JSON.stringify(error)}${errorDescription ? `: ${errorDescription}` : ""}`
      : "no authorization code in the redirect";
    super(
      `The authorization request failed (${detail}). Check the sso-session's start URL, region and registration scopes, then run the login again.`,
    );
    this.error = error;
    this.errorDescription = errorDescription;
  }
}

/** A refresh that could not be made or that the service refused; `cause` has the service error. */
class TokenRefreshError extends Error {
  override readonly name = "TokenRefreshError";
  readonly code = "ERR_SSO_OIDC_REFRESH_FAILED";

  constructor(reason: string, options?: { cause?: unknown }) {
    super(`The SSO token could not be refreshed: ${reason}.`, options);
  }
}

/** No usable token is cached for the profile or sso-session. */
class SsoTokenNotFoundError extends Error {
  override readonly name = "SsoTokenNotFoundError";
  readonly code = "ERR_SSO_OIDC_TOKEN_NOT_FOUND";
  readonly tokenPath: string;

  constructor(subject: string, loginCommand: string, tokenPath: string) {
    super(`No SSO token is cached for ${subject} (${tokenPath}); run \`${loginCommand}\`.`);
    this.tokenPath = tokenPath;
  }
}

/** The cached token is past its expiry and could not be refreshed; `cause` says why. */
class SsoTokenExpiredError extends Error {
  override readonly name = "SsoTokenExpiredError";
  readonly code = "ERR_SSO_OIDC_TOKEN_EXPIRED";
  readonly expiredAt: Date;

  constructor(subject: string, loginCommand: string, expiredAt: Date, cause: unknown) {
    const reason = cause instanceof Error ? ` ${redactSecrets(cause.message)}` : "";
    super(
      `The SSO token for ${subject} expired at ${formatCacheTime(expiredAt)}.${reason} Run \`${loginCommand}\` to sign in again.`,
      { cause },
    );
    this.expiredAt = expiredAt;
  }
}

/** A successful response lacked a member the flow cannot go on without, or had a bad value. */
class UnexpectedResponseError extends Error {
  override readonly name = "UnexpectedResponseError";
  readonly code = "ERR_SSO_OIDC_UNEXPECTED_RESPONSE";
  readonly operation: string;
  readonly member: string;

  /** `expected` says what a valid value is, e.g. "a number above zero". */
  constructor(operation: string, member: string, expected?: string) {
    super(
      `${operation} succeeded but its response has no valid ${member}${expected ? ` (${expected})` : ""}; the service or a proxy in between sent an incomplete answer. Try again; if it persists, check the endpoint.`,
    );
    this.operation = operation;
    this.member = member;
  }
}

/**
 * A URL from the service that is not handed to the browser opener: only https, and http on this
 * machine (RFC 8252 §7.3 loopback), can be trusted to open a web page; other schemes (`file:`,
 * `smb:`, an app's own) could run or fetch something else. The user is shown it instead.
 */
class UnsafeUrlError extends Error {
  override readonly name = "UnsafeUrlError";
  readonly code = "ERR_SSO_OIDC_UNSAFE_URL";

  constructor(protocol: string) {
    super(
      `Not opening a ${protocol} URL from the service in the browser: only https URLs, and http URLs on this machine (127.0.0.1, ::1, localhost), are opened. Check the endpoint, and open the URL by hand only if you trust it.`,
    );
  }
}

export {
  AuthorizationRedirectError,
  LoginDeniedError,
  LoginExpiredError,
  LoginTimeoutError,
  SsoTokenExpiredError,
  SsoTokenNotFoundError,
  StateMismatchError,
  TokenRefreshError,
  UnexpectedResponseError,
  UnsafeUrlError,
};
