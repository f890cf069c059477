import { formatCacheTime } from "../cache/format-cache-time";

/** The cached token is past its expiry and could not be refreshed; `cause` says why. */
class SsoTokenExpiredError extends Error {
  override readonly name = "SsoTokenExpiredError";
  readonly code = "ERR_SSO_OIDC_TOKEN_EXPIRED";
  readonly expiredAt: Date;

  constructor(subject: string, loginCommand: string, expiredAt: Date, cause: unknown) {
    const reason = cause instanceof Error ? ` ${cause.message}` : "";
    super(
      `The SSO token for ${subject} expired at ${formatCacheTime(expiredAt)}.${reason} Run \`${loginCommand}\` to sign in again.`,
      { cause },
    );
    this.expiredAt = expiredAt;
  }
}

export { SsoTokenExpiredError };
