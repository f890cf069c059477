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

export { LoginTimeoutError };
