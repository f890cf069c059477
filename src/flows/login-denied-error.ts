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

export { LoginDeniedError };
