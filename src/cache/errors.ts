/*
 * The cache zone's errors. This file loads nothing from Node, so the browser build can export
 * them beside the client: the Node-only functions that throw them are swapped out there.
 */

type SsoConfigErrorCode =
  | "ERR_SSO_OIDC_PROFILE_NOT_FOUND"
  | "ERR_SSO_OIDC_SSO_SESSION_NOT_FOUND"
  | "ERR_SSO_OIDC_PROFILE_NOT_SSO"
  | "ERR_SSO_OIDC_INCOMPLETE_SSO_SESSION"
  | "ERR_SSO_OIDC_CONFLICTING_SSO_CONFIG"
  | "ERR_SSO_OIDC_INVALID_START_URL"
  | "ERR_SSO_OIDC_CONFIG_UNREADABLE";

/** The shared config file does not describe a usable SSO login; the message says what to add. */
class SsoConfigError extends Error {
  override readonly name = "SsoConfigError";
  readonly code: SsoConfigErrorCode;
  /** The config file that was read. */
  readonly configFilepath: string;

  constructor(code: SsoConfigErrorCode, message: string, configFilepath: string) {
    super(message);
    this.code = code;
    this.configFilepath = configFilepath;
  }
}

type SsoCacheErrorCode = "ERR_SSO_OIDC_CACHE_FOLDER_UNSAFE";

/** The SSO cache folder cannot be used safely; the message says how to fix it. */
class SsoCacheError extends Error {
  override readonly name = "SsoCacheError";
  readonly code: SsoCacheErrorCode;
  /** The cache folder. */
  readonly directory: string;

  constructor(code: SsoCacheErrorCode, message: string, directory: string) {
    super(message);
    this.code = code;
    this.directory = directory;
  }
}

export { SsoCacheError, SsoConfigError };
export type { SsoCacheErrorCode, SsoConfigErrorCode };
