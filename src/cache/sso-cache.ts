import { homedir } from "node:os";
import { join } from "node:path";
import {
  formatClientRegistration,
  formatSsoToken,
  parseClientRegistration,
  parseSsoToken,
} from "./formats";
import { checkCacheFolder, writeJsonAtomic } from "./json-files";
import { readJsonFile } from "./read-files";
import { registrationCacheKey, tokenCacheKey } from "./keys";
import { acquireFileLock } from "./lock";
import type { ReleaseLock } from "./lock";

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

/**
 * The AWS CLI's SSO cache folder, one token or registration per file. Reads and writes throw
 * `SsoCacheError` for a folder other users can write that could not be made private.
 */
interface SsoCache {
  /** `<home>/.aws/sso/cache` */
  readonly directory: string;
  /** The file of the token for an sso-session name, or a start URL for legacy profiles. */
  tokenPath(sessionNameOrStartUrl: string): string;
  /**
   * The cached token, or undefined when absent, unreadable, not a regular file or corrupt (all
   * but absent are warned).
   */
  readToken(sessionNameOrStartUrl: string): Promise<SsoToken | undefined>;
  writeToken(sessionNameOrStartUrl: string, token: SsoToken): Promise<void>;
  /**
   * Takes the token's lock file (`<token file>.lock`) so that processes refreshing it take
   * turns; resolves with its release, or undefined when it could not be had within a bounded
   * wait. Optional: a cache without it refreshes without taking turns.
   */
  lockToken?(sessionNameOrStartUrl: string): Promise<ReleaseLock | undefined>;
  registrationPath(key: RegistrationCacheKey): string;
  readRegistration(key: RegistrationCacheKey): Promise<ClientRegistration | undefined>;
  writeRegistration(key: RegistrationCacheKey, registration: ClientRegistration): Promise<void>;
}

interface SsoCacheOptions {
  /** The folder that holds `.aws`; default `os.homedir()`. */
  homeDir?: string;
  /** Told about cache files that exist but cannot be used; default `console.warn`. */
  warn?: CacheWarn;
}

/** A cache file read with `parse`; a file that parses to nothing is warned about as absent. */
async function readCacheFile<T>(
  path: string,
  parse: (json: unknown) => T | undefined,
  expected: string,
  warn: CacheWarn,
): Promise<T | undefined> {
  const json = await readJsonFile(path, warn);
  if (json === undefined) return undefined;
  const value = parse(json);
  if (value === undefined) warn(`Ignoring SSO cache file ${path}: it has no valid ${expected}.`);
  return value;
}

/**
 * The AWS CLI v2's SSO cache (`<home>/.aws/sso/cache`): tokens and client registrations that
 * the AWS CLI, the AWS SDKs and this package read and write alike. Unusable files read as
 * absent (and are reported), so a damaged cache means "log in again", never a crash.
 */
function createSsoCache(options: SsoCacheOptions = {}): SsoCache {
  const directory = join(options.homeDir ?? homedir(), ".aws", "sso", "cache");
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const tokenPath = (id: string) => join(directory, `${tokenCacheKey(id)}.json`);
  const registrationPath: SsoCache["registrationPath"] = (key) =>
    join(directory, `${registrationCacheKey(key)}.json`);

  return {
    directory,
    tokenPath,
    registrationPath,
    async readToken(id) {
      await checkCacheFolder(directory, warn);
      return readCacheFile(tokenPath(id), parseSsoToken, "accessToken and expiresAt", warn);
    },
    async writeToken(id, token) {
      await checkCacheFolder(directory, warn);
      await writeJsonAtomic(tokenPath(id), formatSsoToken(token));
    },
    async lockToken(id) {
      return acquireFileLock(tokenPath(id));
    },
    async readRegistration(key) {
      await checkCacheFolder(directory, warn);
      return readCacheFile(
        registrationPath(key),
        parseClientRegistration,
        "client registration",
        warn,
      );
    },
    async writeRegistration(key, registration) {
      await checkCacheFolder(directory, warn);
      await writeJsonAtomic(registrationPath(key), formatClientRegistration(registration));
    },
  };
}

export { createSsoCache };
export type {
  CacheWarn,
  ClientRegistration,
  RegistrationCacheKey,
  ReleaseLock,
  SsoCache,
  SsoCacheOptions,
  SsoToken,
};
