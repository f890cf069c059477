import { signJwt } from "./sign-jwt.js";
import { REFRESH_TOKEN_GRANT } from "./grant-types.js";
import type { EmulatorContext } from "./emulator-context.js";
import type { ClientRecord } from "./emulator-state.js";

/** The one user every emulator instance signs in. */
const EMULATOR_SUBJECT = "emulator-user";

interface IssueTokensRequest {
  clientId: string;
  scopes: string[];
  withRefreshToken: boolean;
  withIdToken: boolean;
  /** CreateTokenWithIAM: the `sts:identity_context` claim and `awsAdditionalDetails`. */
  identityContext?: string;
}

interface IssuedTokens {
  accessToken: string;
  tokenType: "Bearer";
  expiresIn: number;
  refreshToken?: string;
  idToken?: string;
}

/** See `RefreshTokenPolicy`; IAM applications (no registration) always get one. */
function shouldIssueRefreshToken(ctx: EmulatorContext, client: ClientRecord | undefined): boolean {
  const policy = ctx.options.refreshTokens;
  if (policy !== "registration") return policy === "always";
  if (!client) return true;
  return client.grantTypes
    ? client.grantTypes.includes(REFRESH_TOKEN_GRANT)
    : client.scopes.length > 0;
}

/** RFC 6749 §5.1 successful response, recording the tokens for refresh and exchange. */
function issueTokens(ctx: EmulatorContext, request: IssueTokensRequest): IssuedTokens {
  const { options, state } = ctx;
  const nowMs = options.now();
  const expiresIn = options.accessTokenExpiresInSeconds;
  const accessToken = options.generateId("accessToken");
  state.accessTokens.set(accessToken, {
    accessToken,
    clientId: request.clientId,
    scopes: request.scopes,
    expiresAtMs: nowMs + expiresIn * 1000,
  });
  const tokens: IssuedTokens = { accessToken, tokenType: "Bearer", expiresIn };

  if (request.withRefreshToken) {
    const refreshToken = options.generateId("refreshToken");
    state.refreshTokens.set(refreshToken, {
      refreshToken,
      clientId: request.clientId,
      scopes: request.scopes,
    });
    tokens.refreshToken = refreshToken;
  }
  if (request.withIdToken) {
    const issuedAtSeconds = Math.floor(nowMs / 1000);
    tokens.idToken = signJwt(
      {
        iss: ctx.url,
        sub: EMULATOR_SUBJECT,
        aud: request.clientId,
        iat: issuedAtSeconds,
        exp: issuedAtSeconds + expiresIn,
        ...(request.identityContext ? { "sts:identity_context": request.identityContext } : {}),
      },
      ctx.idTokenKey,
    );
  }
  return tokens;
}

export { issueTokens, shouldIssueRefreshToken, EMULATOR_SUBJECT };
export type { IssuedTokens, IssueTokensRequest };
