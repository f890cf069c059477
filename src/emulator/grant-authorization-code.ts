import { ServiceError } from "./service-error.js";
import { readRequiredString } from "./read-member.js";
import { verifyPkce } from "./verify-pkce.js";
import type { EmulatorContext } from "./emulator-context.js";
import type { AuthorizationCodeRecord } from "./emulator-state.js";
import type { JsonObject } from "./parse-json-body.js";

function invalidGrant(description: string): ServiceError {
  return new ServiceError("InvalidGrantException", description);
}

/**
 * RFC 6749 §4.1.3 with RFC 7636 §4.5–4.6: the code must belong to this client, be fresh and
 * unused, come with the same redirect URI as the authorization request and a verifier that
 * matches the S256 challenge. The caller records the refresh token it issues on the returned
 * record, so a replay can revoke it.
 */
function redeemAuthorizationCode(
  ctx: EmulatorContext,
  clientId: string,
  body: JsonObject,
): AuthorizationCodeRecord {
  const code = readRequiredString(body, "code");
  const redirectUri = readRequiredString(body, "redirectUri");
  const codeVerifier = readRequiredString(body, "codeVerifier");
  const record = ctx.state.authorizationCodes.get(code);
  if (!record || record.clientId !== clientId) {
    throw invalidGrant("Invalid authorization code provided");
  }
  if (record.redeemed) {
    // RFC 6749 §4.1.2: a replayed code SHOULD revoke the tokens issued for it.
    if (record.issuedRefreshToken) ctx.state.refreshTokens.delete(record.issuedRefreshToken);
    throw invalidGrant("Authorization code has already been used");
  }
  if (ctx.options.now() >= record.expiresAtMs) {
    throw invalidGrant("Authorization code has expired");
  }
  if (record.redirectUri !== redirectUri) {
    throw invalidGrant("Redirect URI does not match the authorization request");
  }
  if (!verifyPkce(codeVerifier, record.codeChallenge)) {
    throw invalidGrant("Code verifier does not match the code challenge");
  }
  record.redeemed = true;
  return record;
}

export { redeemAuthorizationCode };
