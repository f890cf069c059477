import { ServiceError } from "./service-error.js";
import { readOptionalStringList, readRequiredString } from "./read-member.js";
import { narrowScopes } from "./validate-scopes.js";
import type { EmulatorContext } from "./emulator-context.js";
import type { JsonObject } from "./parse-json-body.js";

interface RefreshGrant {
  scopes: string[];
  /** Without rotation the same refresh token stays valid and is sent back. */
  keptRefreshToken: string | undefined;
}

/**
 * RFC 6749 §6 refresh. With rotation (the default, OAuth 2.0 Security BCP §4.14.2) the token is
 * consumed here, so a second use fails exactly like an unknown token (aws-cli #8561 wording).
 */
function redeemRefreshToken(
  ctx: EmulatorContext,
  clientId: string,
  body: JsonObject,
): RefreshGrant {
  const refreshToken = readRequiredString(body, "refreshToken");
  const requestedScopes = readOptionalStringList(body, "scope");
  const record = ctx.state.refreshTokens.get(refreshToken);
  if (!record || record.clientId !== clientId) {
    throw new ServiceError("InvalidGrantException", "Invalid refresh token provided");
  }
  const scopes = narrowScopes(record.scopes, requestedScopes);
  if (ctx.options.rotateRefreshTokens) {
    ctx.state.refreshTokens.delete(refreshToken);
    return { scopes, keptRefreshToken: undefined };
  }
  return { scopes, keptRefreshToken: refreshToken };
}

export { redeemRefreshToken };
export type { RefreshGrant };
