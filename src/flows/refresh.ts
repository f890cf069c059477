import { CreateTokenCommand } from "../client/index";
import { TokenRefreshError } from "./errors";
import { describeError } from "./redact";
import { tokenFromResponse } from "./responses";
import type { SSOOIDCClient } from "../client/index";
import type { SsoToken } from "../cache/sso-cache";
import type { Clock } from "./platform";

interface RefreshSsoTokenOptions {
  /** A client for the token's region (`sso_region`). */
  client: SSOOIDCClient;
  now?: Clock;
  signal?: AbortSignal;
}

/**
 * RFC 6749 §6: one CreateToken with the `refresh_token` grant. The result keeps the token's
 * other members; a response without a new refresh token keeps the old one (§6: the server MAY
 * issue a new one). Throws TokenRefreshError, with the service exception as `cause`, when the
 * token cannot be refreshed (no refresh token, expired registration) or the service refuses.
 */
async function refreshSsoToken(
  token: SsoToken,
  options: RefreshSsoTokenOptions,
): Promise<SsoToken> {
  const now = options.now ?? Date.now;
  const { clientId, clientSecret, refreshToken, registrationExpiresAt } = token;
  if (!refreshToken) {
    throw new TokenRefreshError(
      "the cached token has no refresh token (logins without an sso-session get none)",
    );
  }
  if (!clientId || !clientSecret) {
    throw new TokenRefreshError("the cached token has no client registration (clientId)");
  }
  if (registrationExpiresAt && registrationExpiresAt.getTime() <= now()) {
    throw new TokenRefreshError(
      `the client registration expired at ${registrationExpiresAt.toISOString()}`,
    );
  }
  let output;
  try {
    output = await options.client.send(
      new CreateTokenCommand({ clientId, clientSecret, grantType: "refresh_token", refreshToken }),
      { abortSignal: options.signal },
    );
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    // The error may quote the response, and with it the tokens it carried, or echo the request.
    const detail = describeError(error, [token.accessToken, refreshToken, clientSecret]);
    throw new TokenRefreshError(`CreateToken failed (${detail})`, { cause: error });
  }
  return tokenFromResponse(output, token, now());
}

export { refreshSsoToken };
export type { RefreshSsoTokenOptions };
