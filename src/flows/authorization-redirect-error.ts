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

export { AuthorizationRedirectError };
