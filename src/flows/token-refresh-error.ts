/** A refresh that could not be made or that the service refused; `cause` has the service error. */
class TokenRefreshError extends Error {
  override readonly name = "TokenRefreshError";
  readonly code = "ERR_SSO_OIDC_REFRESH_FAILED";

  constructor(reason: string, options?: { cause?: unknown }) {
    super(`The SSO token could not be refreshed: ${reason}.`, options);
  }
}

export { TokenRefreshError };
