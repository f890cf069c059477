import { redactSecrets } from "./redact";
import type { SsoCache, SsoToken } from "../cache/sso-cache";
import type { Clock } from "./platform";

/*
 * A refresh of a cached token that other processes may be refreshing at the same moment. With
 * rotating refresh tokens only the first refresh of a token succeeds (RFC 9700 §4.14.2); the
 * others fail with invalid_grant although a valid token was just written to the cache.
 */

/** `@aws-sdk/token-providers`' window: refresh when the token has less than 5 minutes left. */
const REFRESH_WINDOW_MS = 5 * 60 * 1000;

interface RefreshCachedTokenOptions {
  cache: SsoCache;
  /** The session name, or the start URL of a login without one. */
  cacheId: string;
  /** The token as read, which needed refreshing. */
  token: SsoToken;
  /** One refresh (RFC 6749 §6), e.g. `refreshSsoToken` with a client. */
  refresh: (token: SsoToken) => Promise<SsoToken>;
  now: Clock;
  /** Told when the refreshed token could not be saved. */
  warn: (message: string) => void;
}

function needsRefresh(token: SsoToken, now: Clock): boolean {
  return token.expiresAt.getTime() - now() <= REFRESH_WINDOW_MS;
}

/**
 * RFC 6749 §5.2 `invalid_grant`, as the service exception carries it, also when the refresh
 * wrapped it (a TokenRefreshError's `cause`). Matched by name and wire code rather than by class,
 * so that it holds across copies of this package (the bundled CLI has its own).
 */
function isInvalidGrant(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 3; depth += 1) {
    const { name, error: wire } = current as { name?: unknown; error?: unknown };
    if (name === "InvalidGrantException" || wire === "invalid_grant") return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Refreshes a cached token so that processes sharing the cache send one CreateToken between
 * them: under the entry's lock (when the cache has one), the cache is read again, and a token
 * another process refreshed meanwhile is returned as it is. A refresh refused with invalid_grant
 * (its refresh token was spent by a process that did not take the lock, such as the AWS CLI)
 * returns the valid token that process wrote, if the cache now holds one. The refreshed token is
 * written back before the lock is released.
 */
async function refreshCachedToken(options: RefreshCachedTokenOptions): Promise<SsoToken> {
  const { cache, cacheId, now, warn } = options;
  const release = await cache.lockToken?.(cacheId);
  try {
    const current = (await cache.readToken(cacheId)) ?? options.token;
    if (!needsRefresh(current, now)) return current;
    let fresh: SsoToken;
    try {
      fresh = await options.refresh(current);
    } catch (error) {
      if (!isInvalidGrant(error)) throw error;
      const latest = await cache.readToken(cacheId);
      const refreshedElsewhere =
        latest !== undefined &&
        latest.accessToken !== current.accessToken &&
        latest.expiresAt.getTime() > now();
      if (refreshedElsewhere) return latest;
      throw error;
    }
    try {
      await cache.writeToken(cacheId, fresh);
    } catch (error) {
      // The refreshed token still works for this process; the next login rewrites the file.
      const reason = error instanceof Error ? error.message : String(error);
      warn(
        `The refreshed SSO token could not be saved to ${cache.tokenPath(cacheId)}: ${redactSecrets(reason, [fresh.accessToken, fresh.refreshToken])}`,
      );
    }
    return fresh;
  } finally {
    await release?.();
  }
}

export { needsRefresh, refreshCachedToken, REFRESH_WINDOW_MS };
export type { RefreshCachedTokenOptions };
