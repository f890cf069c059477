/**
 * RFC 6749 §10.12: the redirect's `state` is not the one this login sent, so the response may
 * have been forged (login CSRF) and is refused.
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

export { StateMismatchError };
