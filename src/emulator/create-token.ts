import { ServiceError } from "./errors";
import { readRequiredString } from "./http";
import { assertGrantAllowed, authenticateClient } from "./register-client";
import {
  AUTHORIZATION_CODE_GRANT,
  DEVICE_CODE_GRANT,
  REFRESH_TOKEN_GRANT,
  grantAuthorizationCode,
  grantRefreshToken,
  issueTokens,
  normalizeGrantType,
  redeemDeviceCode,
  shouldIssueRefreshToken,
} from "./grants";
import type { EmulatorContext } from "./context";
import type { JsonObject } from "./http";

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
      const { tokens } = grantAuthorizationCode(ctx, clientId, body, {
        withRefreshToken,
        withIdToken: wantsIdToken,
      });
      return { ...tokens };
    }
    case REFRESH_TOKEN_GRANT: {
      // Holding a refresh token is the permission: one is only issued where refresh is allowed.
      const { tokens } = grantRefreshToken(ctx, clientId, body, wantsIdToken);
      return { ...tokens };
    }
    default:
      throw new ServiceError(
        "UnsupportedGrantTypeException",
        `Unsupported grant type: ${grantType}`,
      );
  }
}

export { createToken };
