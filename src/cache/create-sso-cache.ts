import { homedir } from "node:os";
import { join } from "node:path";
import { readJsonFile } from "./read-json-file";
import { writeJsonAtomic } from "./write-json-atomic";
import { tokenCacheKey } from "./token-cache-key";
import { registrationCacheKey } from "./registration-cache-key";
import { formatSsoToken, parseSsoToken } from "./sso-token-json";
import { formatClientRegistration, parseClientRegistration } from "./client-registration-json";
import type { CacheWarn, SsoCache } from "./sso-cache-types";

interface SsoCacheOptions {
  /** The folder that holds `.aws`; default `os.homedir()`. */
  homeDir?: string;
  /** Told about cache files that exist but cannot be used; default `console.warn`. */
  warn?: CacheWarn;
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
      const path = tokenPath(id);
      const json = await readJsonFile(path, warn);
      if (json === undefined) return undefined;
      const token = parseSsoToken(json);
      if (!token) {
        warn(`Ignoring SSO cache file ${path}: it has no valid accessToken and expiresAt.`);
      }
      return token;
    },
    async writeToken(id, token) {
      await writeJsonAtomic(tokenPath(id), formatSsoToken(token));
    },
    async readRegistration(key) {
      const path = registrationPath(key);
      const json = await readJsonFile(path, warn);
      if (json === undefined) return undefined;
      const registration = parseClientRegistration(json);
      if (!registration) {
        warn(`Ignoring SSO cache file ${path}: it has no valid client registration.`);
      }
      return registration;
    },
    async writeRegistration(key, registration) {
      await writeJsonAtomic(registrationPath(key), formatClientRegistration(registration));
    },
  };
}

export { createSsoCache };
export type { SsoCacheOptions };
