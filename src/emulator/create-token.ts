import { ServiceError } from "./service-error.js";
import { readRequiredString } from "./read-member.js";
import { assertGrantAllowed, authenticateClient } from "./authenticate-client.js";
import { issueTokens, shouldIssueRefreshToken } from "./issue-tokens.js";
import { redeemDeviceCode } from "./grant-device-code.js";
import { redeemRefreshToken } from "./grant-refresh-token.js";
import { redeemAuthorizationCode } from "./grant-authorization-code.js";
import {
  AUTHORIZATION_CODE_GRANT,
  DEVICE_CODE_GRANT,
  REFRESH_TOKEN_GRANT,
  normalizeGrantType,
} from "./grant-types.js";
import type { EmulatorContext } from "./emulator-context.js";
import type { JsonObject } from "./parse-json-body.js";

/** OIDC Core §3.1.3.3: an id token only for requests that asked for OpenID Connect. */
function wantsIdToken(scopes: string[]): boolean {
  return scopes.includes("openid");
}

/** CreateToken: `POST /token`, client authenticated by id and secret (RFC 6749 §2.3.1). */
function createToken(ctx: EmulatorContext, body: JsonObject): JsonObject {
  const clientId = readRequiredString(body, "clientId");
  const clientSecret = readRequiredString(body, "clientSecret");
  const grantType = readRequiredString(body, "grantType");
  const client = authenticateClient(ctx, clientId, clientSecret);
  const withRefreshToken = shouldIssueRefreshToken(ctx, client);

  switch (normalizeGrantType(grantType)) {
    case DEVICE_CODE_GRANT: {
      assertGrantAllowed(client, grantType);
      const scopes = redeemDeviceCode(ctx, client, body);
      const tokens = issueTokens(ctx, {
        clientId,
        scopes,
        withRefreshToken,
        withIdToken: wantsIdToken(scopes),
      });
      return { ...tokens };
    }
    case AUTHORIZATION_CODE_GRANT: {
      assertGrantAllowed(client, grantType);
      const record = redeemAuthorizationCode(ctx, clientId, body);
      const tokens = issueTokens(ctx, {
        clientId,
        scopes: record.scopes,
        withRefreshToken,
        withIdToken: wantsIdToken(record.scopes),
      });
      record.issuedRefreshToken = tokens.refreshToken;
      return { ...tokens };
    }
    case REFRESH_TOKEN_GRANT: {
      // Holding a refresh token is the permission: one is only issued where refresh is allowed.
      const { scopes, keptRefreshToken } = redeemRefreshToken(ctx, clientId, body);
      const tokens = issueTokens(ctx, {
        clientId,
        scopes,
        withRefreshToken: keptRefreshToken === undefined,
        withIdToken: wantsIdToken(scopes),
      });
      return { ...tokens, ...(keptRefreshToken ? { refreshToken: keptRefreshToken } : {}) };
    }
    default:
      throw new ServiceError(
        "UnsupportedGrantTypeException",
        `Unsupported grant type: ${grantType}`,
      );
  }
}

export { createToken, wantsIdToken };
