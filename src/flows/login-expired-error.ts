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

export { LoginExpiredError };
