import { SSOOIDCClient } from "../client/index";
import { createSsoCache } from "../cache/sso-cache";
import { resolveSsoConfig } from "../cache/config";
import { refreshSsoToken } from "./refresh";
import { needsRefresh, refreshCachedToken } from "./cached-refresh";
import { redactSecrets } from "./redact";
import { SsoTokenExpiredError, SsoTokenNotFoundError, TokenRefreshError } from "./errors";
import type { SsoCache, SsoToken } from "../cache/sso-cache";
import type { SsoConfig, SsoConfigOptions } from "../cache/config";
import type { Clock } from "./platform";

/** `@aws-sdk/token-providers` refreshes at most once per 30 seconds per session. */
const REFRESH_ATTEMPT_INTERVAL_MS = 30 * 1000;

interface SsoTokenProviderOptions extends SsoConfigOptions {
  /** Default: the AWS CLI's cache under `homeDir`. */
  cache?: SsoCache;
  /** The client refreshes go through; default one for the session's `sso_region`. */
  client?: SSOOIDCClient;
  /** Told about unusable cache files and refreshes that failed on a still-valid token. */
  warn?: (message: string) => void;
  now?: Clock;
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
 * A `token` identity provider for AWS SDK clients (e.g. bearer-token services such as
 * CodeCatalyst), reading the token the AWS CLI or `sso-oidc login` cached for a profile or
 * sso-session, like `@aws-sdk/token-providers` `fromSso`. Within 5 minutes of expiry it
 * refreshes (RFC 6749 §6) and writes the new token back; a refresh that fails while the token is
 * still valid returns that token; only a token past its expiry is reported as expired.
 */
function createSsoTokenProvider(options: SsoTokenProviderOptions = {}): SsoTokenProvider {
  const now = options.now ?? Date.now;
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const cache = options.cache ?? createSsoCache({ homeDir: options.homeDir, warn });
  const clients = new Map<string, SSOOIDCClient>();
  const clientFor = (region: string) => {
    if (options.client) return options.client;
    let client = clients.get(region);
    if (!client) clients.set(region, (client = new SSOOIDCClient({ region })));
    return client;
  };

  function refresh(config: SsoConfig, token: SsoToken) {
    const client = clientFor(config.region);
    return refreshCachedToken({
      cache,
      cacheId: config.cacheId,
      token,
      refresh: (current) => refreshSsoToken(current, { client, now }),
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

export { createSsoTokenProvider };
export type { SsoTokenProviderOptions, SsoTokenProvider, SsoTokenIdentity };
