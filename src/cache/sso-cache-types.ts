/**
 * A cached SSO token, as in `~/.aws/sso/cache/<sha1>.json`. Only `accessToken` and `expiresAt`
 * are required to use it; the registration members and `refreshToken` make it refreshable.
 */
interface SsoToken {
  startUrl?: string;
  region?: string;
  accessToken: string;
  expiresAt: Date;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: Date;
  refreshToken?: string;
}

/** A RegisterClient result as the AWS CLI caches it. */
interface ClientRegistration {
  clientId: string;
  clientSecret: string;
  expiresAt: Date;
  scopes?: string[];
  /** Present for the authorization code (PKCE) registration. */
  grantTypes?: string[];
}

/** What a registration is cached under (see `registrationCacheKey`). */
interface RegistrationCacheKey {
  startUrl: string;
  region: string;
  scopes?: readonly string[] | undefined;
  /** The sso-session name; absent for legacy profiles. */
  sessionName?: string | undefined;
}

/** Reports a cache file that exists but cannot be used. */
type CacheWarn = (message: string) => void;

/** The AWS CLI's SSO cache folder, one token or registration per file. */
interface SsoCache {
  /** `<home>/.aws/sso/cache` */
  readonly directory: string;
  /** The file of the token for an sso-session name, or a start URL for legacy profiles. */
  tokenPath(sessionNameOrStartUrl: string): string;
  /** The cached token, or undefined when absent, unreadable or corrupt (corrupt is warned). */
  readToken(sessionNameOrStartUrl: string): Promise<SsoToken | undefined>;
  writeToken(sessionNameOrStartUrl: string, token: SsoToken): Promise<void>;
  registrationPath(key: RegistrationCacheKey): string;
  readRegistration(key: RegistrationCacheKey): Promise<ClientRegistration | undefined>;
  writeRegistration(key: RegistrationCacheKey, registration: ClientRegistration): Promise<void>;
}

export type { SsoToken, ClientRegistration, RegistrationCacheKey, CacheWarn, SsoCache };
