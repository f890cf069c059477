import { SSOOIDCClient } from "../client/index";
import { refreshSsoToken } from "./refresh";
import { createCachedTokenProvider } from "./cached-token";
import type { SsoTokenProvider } from "./cached-token";
import type { SsoCache } from "../cache/sso-cache";
import type { SsoConfigOptions } from "../cache/config";
import type { Clock } from "./platform";

interface SsoTokenProviderOptions extends SsoConfigOptions {
  /** Default: the AWS CLI's cache under `homeDir`. */
  cache?: SsoCache;
  /** The client refreshes go through; default one for the session's `sso_region`. */
  client?: SSOOIDCClient;
  /** Told about unusable cache files and refreshes that failed on a still-valid token. */
  warn?: (message: string) => void;
  now?: Clock;
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
  const clients = new Map<string, SSOOIDCClient>();
  function clientFor(region: string): SSOOIDCClient {
    if (options.client) return options.client;
    let client = clients.get(region);
    if (!client) clients.set(region, (client = new SSOOIDCClient({ region })));
    return client;
  }
  return createCachedTokenProvider({
    ...options,
    now,
    refresh: (token, config) => refreshSsoToken(token, { client: clientFor(config.region), now }),
  });
}

export { createSsoTokenProvider };
export type { SsoTokenProviderOptions };
