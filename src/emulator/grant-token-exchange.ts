import { ServiceError } from "./service-error.js";
import { readOptionalString, readRequiredString } from "./read-member.js";
import type { EmulatorContext } from "./emulator-context.js";
import type { JsonObject } from "./parse-json-body.js";

/** RFC 8693 §3: the only token type the emulator exchanges and issues. */
const ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
const REFRESH_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:refresh_token";

/**
 * RFC 8693 §2.1–2.2: exchange an access token this emulator issued (unexpired) for a new one.
 * Returns the subject token's scopes.
 */
function redeemTokenExchange(ctx: EmulatorContext, body: JsonObject): string[] {
  const subjectToken = readRequiredString(body, "subjectToken");
  const subjectTokenType = readRequiredString(body, "subjectTokenType");
  const requestedTokenType = readOptionalString(body, "requestedTokenType");
  // RFC 8693 §2.2.2: an unsupported token type is invalid_request.
  if (subjectTokenType !== ACCESS_TOKEN_TYPE) {
    throw new ServiceError(
      "InvalidRequestException",
      `Unsupported subjectTokenType: ${subjectTokenType}`,
    );
  }
  if (requestedTokenType !== undefined && requestedTokenType !== ACCESS_TOKEN_TYPE) {
    throw new ServiceError(
      "InvalidRequestException",
      `Unsupported requestedTokenType: ${requestedTokenType}`,
    );
  }
  const record = ctx.state.accessTokens.get(subjectToken);
  if (!record || ctx.options.now() >= record.expiresAtMs) {
    throw new ServiceError("InvalidGrantException", "Invalid subject token provided");
  }
  return record.scopes;
}

export { redeemTokenExchange, ACCESS_TOKEN_TYPE, REFRESH_TOKEN_TYPE };
