/*
 * The cache zone's error. It loads nothing from Node, so the browser build can export it beside
 * the client: the Node-only functions that throw it are swapped out there.
 */

type SsoConfigErrorCode =
  | "ERR_SSO_OIDC_PROFILE_NOT_FOUND"
  | "ERR_SSO_OIDC_SSO_SESSION_NOT_FOUND"
  | "ERR_SSO_OIDC_PROFILE_NOT_SSO"
  | "ERR_SSO_OIDC_INCOMPLETE_SSO_SESSION"
  | "ERR_SSO_OIDC_CONFLICTING_SSO_CONFIG"
  | "ERR_SSO_OIDC_INVALID_START_URL";

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

export { SsoConfigError };
export type { SsoConfigErrorCode };
