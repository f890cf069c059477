import { sha1Hex } from "./sha1-hex";

/**
 * The file name stem of a cached token: sha1 of the sso-session name, or of the start URL for
 * legacy profiles without an sso-session (AWS CLI v2, and `@aws-sdk/token-providers`).
 */
function tokenCacheKey(sessionNameOrStartUrl: string): string {
  return sha1Hex(sessionNameOrStartUrl);
}

export { tokenCacheKey };
