import { createSsoCache } from "../cache/sso-cache";
import { resolveSsoConfig } from "../cache/config";
import { needsRefresh, refreshCachedToken } from "./cached-refresh";
import { redactSecrets } from "./redact";
import { SsoTokenExpiredError, SsoTokenNotFoundError, TokenRefreshError } from "./errors";
import type { SsoToken } from "../cache/sso-cache";
import type { SsoConfig } from "../cache/config";
import type { SsoTokenProviderOptions } from "./token-provider";

/*
 * The token provider without the client: it reads the cache, and only a token that is due for a
 * refresh calls the injected `refresh`. A caller that finds a still-valid token (the CLI's
 * `token` command, which scripts run before each use of the token) never loads the client.
 */

/** `@aws-sdk/token-providers` refreshes at most once per 30 seconds per session. */
const REFRESH_ATTEMPT_INTERVAL_MS = 30 * 1000;

/** `createSsoTokenProvider`'s options, with a refresh in place of the client. */
interface CachedTokenProviderOptions extends Omit<SsoTokenProviderOptions, "client"> {
  /** One refresh (RFC 6749 §6) of a due token through a client for `config.region`. */
  refresh: (token: SsoToken, config: SsoConfig) => Promise<SsoToken>;
}

/** The AWS SDK's `TokenIdentity`. */
interface SsoTokenIdentity {
  token: string;
  expiration: Date;
}

type SsoTokenProvider = (identityProperties?: Record<string, unknown>) => Promise<SsoTokenIdentity>;

/** Per token file, shared by every provider in the process: one refresh at a time. */
interface SessionState {
  inFlight: Promise<SsoToken> | undefined;
  lastAttemptMs: number | undefined;
}
const sessions = new Map<string, SessionState>();

function identity(token: SsoToken): SsoTokenIdentity {
  return { token: token.accessToken, expiration: token.expiresAt };
}

function describe(config: SsoConfig): { subject: string; loginCommand: string } {
  return config.profileName !== undefined
    ? {
        subject: `profile ${JSON.stringify(config.profileName)}`,
        loginCommand: `sso-oidc login --profile ${config.profileName}`,
      }
    : {
        subject: `sso-session ${JSON.stringify(config.sessionName)}`,
        loginCommand: `sso-oidc login --sso-session ${config.sessionName}`,
      };
}

/**
 * Reads the token the AWS CLI or `sso-oidc login` cached for a profile or sso-session, like
 * `@aws-sdk/token-providers` `fromSso`. Within 5 minutes of expiry it refreshes through
 * `options.refresh` and writes the new token back; a refresh that fails while the token is still
 * valid returns that token; only a token past its expiry is reported as expired.
 */
function createCachedTokenProvider(options: CachedTokenProviderOptions): SsoTokenProvider {
  const now = options.now ?? Date.now;
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const cache = options.cache ?? createSsoCache({ homeDir: options.homeDir, warn });

  function refresh(config: SsoConfig, token: SsoToken) {
    return refreshCachedToken({
      cache,
      cacheId: config.cacheId,
      token,
      refresh: (current) => options.refresh(current, config),
      now,
      warn,
    });
  }

  return async () => {
    const config = await resolveSsoConfig(options);
    const { subject, loginCommand } = describe(config);
    const token = await cache.readToken(config.cacheId);
    if (!token) {
      throw new SsoTokenNotFoundError(subject, loginCommand, cache.tokenPath(config.cacheId));
    }
    if (!needsRefresh(token, now)) return identity(token);

    const key = cache.tokenPath(config.cacheId);
    let state = sessions.get(key);
    if (!state) sessions.set(key, (state = { inFlight: undefined, lastAttemptMs: undefined }));
    if (!state.inFlight) {
      const recent =
        state.lastAttemptMs !== undefined &&
        now() - state.lastAttemptMs < REFRESH_ATTEMPT_INTERVAL_MS;
      if (recent) {
        if (token.expiresAt.getTime() > now()) return identity(token);
        throw new SsoTokenExpiredError(
          subject,
          loginCommand,
          token.expiresAt,
          new Error("Refreshing it failed less than 30 s ago."),
        );
      }
      state.lastAttemptMs = now();
      const current = state;
      current.inFlight = refresh(config, token).finally(() => {
        current.inFlight = undefined;
      });
    }
    try {
      return identity(await state.inFlight!);
    } catch (error) {
      if (token.expiresAt.getTime() > now()) {
        // A token that cannot be refreshed (legacy login, no refresh token) is simply used up.
        const reachedService = !(error instanceof TokenRefreshError) || error.cause !== undefined;
        if (reachedService) {
          const reason = error instanceof Error ? error.message : "";
          warn(
            `Refreshing the SSO token for ${subject} failed; using the cached token until it expires at ${token.expiresAt.toISOString()}. ${redactSecrets(reason, [token.accessToken, token.refreshToken, token.clientSecret])}`,
          );
        }
        return identity(token);
      }
      throw new SsoTokenExpiredError(subject, loginCommand, token.expiresAt, error);
    }
  };
}

export { createCachedTokenProvider };
export type { CachedTokenProviderOptions, SsoTokenIdentity, SsoTokenProvider };
