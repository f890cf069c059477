/**
 * The token endpoint's shared parts: grant types, scope rules, the device code, authorization
 * code and refresh token grants, and the tokens a grant issues. The grants only
 * CreateTokenWithIAM knows (JWT bearer, token exchange) are in create-token-with-iam.ts.
 */
import { ServiceError } from "./errors";
import { readOptionalStringList, readRequiredString } from "./http";
import { signJwt, verifyPkce } from "./crypto";
import { revokeSession } from "./context";
import type { AuthorizationCodeRecord, ClientRecord, EmulatorContext } from "./context";
import type { JsonObject } from "./http";

/**
 * The grant types the service accepts, each from its RFC: device code (RFC 8628 §3.4),
 * authorization code and refresh token (RFC 6749 §4.1.3, §6), JWT bearer (RFC 7523 §2.1) and
 * token exchange (RFC 8693 §2.1).
 */
const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
/** One model example spells it with a hyphen; accepted as the same grant. */
const DEVICE_CODE_GRANT_HYPHEN = "urn:ietf:params:oauth:grant-type:device-code";
const AUTHORIZATION_CODE_GRANT = "authorization_code";
const REFRESH_TOKEN_GRANT = "refresh_token";
const JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";

/** What RegisterClient accepts; the JWT and token-exchange grants belong to IAM applications. */
const REGISTRABLE_GRANT_TYPES = [DEVICE_CODE_GRANT, AUTHORIZATION_CODE_GRANT, REFRESH_TOKEN_GRANT];

/** A registration without `grantTypes` is the AWS CLI's device-code registration. */
const DEFAULT_GRANT_TYPES = [DEVICE_CODE_GRANT, REFRESH_TOKEN_GRANT];

function normalizeGrantType(grantType: string): string {
  return grantType === DEVICE_CODE_GRANT_HYPHEN ? DEVICE_CODE_GRANT : grantType;
}

/** RFC 6749 §3.3 scope-token: printable ASCII except space, double quote and backslash. */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

function validateScopes(scopes: string[]): string[] {
  for (const scope of scopes) {
    if (!SCOPE_TOKEN.test(scope)) {
      throw new ServiceError("InvalidScopeException", `Invalid scope: ${JSON.stringify(scope)}`);
    }
  }
  return [...new Set(scopes)];
}

/** RFC 6749 §6: a refresh or narrower request may not ask for more than was granted. */
function narrowScopes(granted: string[], requested: string[] | undefined): string[] {
  if (requested === undefined || requested.length === 0) return granted;
  for (const scope of validateScopes(requested)) {
    if (!granted.includes(scope)) {
      throw new ServiceError("InvalidScopeException", `Scope was not granted: ${scope}`);
    }
  }
  return [...new Set(requested)];
}

/** The one user every emulator instance signs in. */
const EMULATOR_SUBJECT = "emulator-user";

interface IssueTokensRequest {
  clientId: string;
  scopes: string[];
  withRefreshToken: boolean;
  withIdToken: boolean;
  /** CreateTokenWithIAM: the `sts:identity_context` claim and `awsAdditionalDetails`. */
  identityContext?: string;
  /** The sign-in session a refresh or exchange continues; a new grant starts one. */
  sessionId?: string;
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

/**
 * RFC 6749 §5.1 successful response, recording the tokens for refresh, exchange and the portal.
 * A new sign-in session is named after its first access token; the portal's Logout ends it.
 */
function issueTokens(ctx: EmulatorContext, request: IssueTokensRequest): IssuedTokens {
  const { options, state } = ctx;
  const nowMs = options.now();
  const expiresIn = options.accessTokenExpiresInSeconds;
  const accessToken = options.generateId("accessToken");
  const sessionId = request.sessionId ?? accessToken;
  state.accessTokens.set(accessToken, {
    accessToken,
    clientId: request.clientId,
    scopes: request.scopes,
    expiresAtMs: nowMs + expiresIn * 1000,
    sessionId,
  });
  const tokens: IssuedTokens = { accessToken, tokenType: "Bearer", expiresIn };

  if (request.withRefreshToken) {
    const refreshToken = options.generateId("refreshToken");
    state.refreshTokens.set(refreshToken, {
      refreshToken,
      clientId: request.clientId,
      scopes: request.scopes,
      sessionId,
      expiresAtMs:
        state.clients.get(request.clientId)?.expiresAtMs ??
        nowMs + options.registrationExpiresInSeconds * 1000,
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

/** RFC 8628 §3.5: every slow_down adds 5 seconds to the interval for the rest of the flow. */
const SLOW_DOWN_INCREMENT_SECONDS = 5;

/**
 * RFC 8628 §3.4–3.5: the device access token request. Returns the granted scopes once the user
 * approved; otherwise throws the error the client's polling loop acts on.
 */
function redeemDeviceCode(ctx: EmulatorContext, client: ClientRecord, body: JsonObject): string[] {
  const deviceCode = readRequiredString(body, "deviceCode");
  const requestedScopes = readOptionalStringList(body, "scope");
  const record = ctx.state.deviceAuthorizations.get(deviceCode);
  if (!record || record.clientId !== client.clientId) {
    throw new ServiceError("InvalidGrantException", "Invalid device code provided");
  }
  if (record.status === "redeemed") {
    throw new ServiceError("InvalidGrantException", "Device code has already been used");
  }
  const nowMs = ctx.options.now();
  if (nowMs >= record.expiresAtMs) {
    throw new ServiceError("ExpiredTokenException", "Device code has expired");
  }
  if (record.status === "denied") {
    throw new ServiceError("AccessDeniedException", "The user denied the authorization request");
  }
  if (record.status === "pending") {
    const lastPolledAtMs = record.lastPolledAtMs;
    record.lastPolledAtMs = nowMs;
    if (lastPolledAtMs !== undefined && nowMs - lastPolledAtMs < record.intervalSeconds * 1000) {
      record.intervalSeconds += SLOW_DOWN_INCREMENT_SECONDS;
      throw new ServiceError(
        "SlowDownException",
        `Polling too fast; wait at least ${record.intervalSeconds} seconds between requests`,
      );
    }
    throw new ServiceError("AuthorizationPendingException", "Authorization is still pending");
  }
  const scopes = narrowScopes(record.scopes, requestedScopes);
  record.status = "redeemed";
  return scopes;
}

function invalidGrant(description: string): ServiceError {
  return new ServiceError("InvalidGrantException", description);
}

/**
 * RFC 6749 §4.1.3 with RFC 7636 §4.5–4.6: the code must belong to this client, be fresh and
 * unused, come with the same redirect URI as the authorization request and a verifier that
 * matches the S256 challenge.
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
    // RFC 6749 §4.1.2: a replayed code SHOULD revoke every token issued from it, and the
    // refresh tokens rotated since descend from it too: the whole sign-in session ends.
    if (record.sessionId !== undefined) revokeSession(ctx.state, record.sessionId);
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

/**
 * The authorization code grant: redeem the code, issue tokens for its scopes (a new sign-in
 * session), and record the session on the code so that a replay can end it.
 */
function grantAuthorizationCode(
  ctx: EmulatorContext,
  clientId: string,
  body: JsonObject,
  issue: Omit<IssueTokensRequest, "clientId" | "scopes" | "withIdToken"> & {
    withIdToken: (scopes: string[]) => boolean;
  },
): { scopes: string[]; tokens: IssuedTokens } {
  const record = redeemAuthorizationCode(ctx, clientId, body);
  const tokens = issueTokens(ctx, {
    ...issue,
    clientId,
    scopes: record.scopes,
    withIdToken: issue.withIdToken(record.scopes),
  });
  record.sessionId = ctx.state.accessTokens.get(tokens.accessToken)?.sessionId;
  return { scopes: record.scopes, tokens };
}

interface RedeemedRefreshToken {
  scopes: string[];
  sessionId: string;
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
): RedeemedRefreshToken {
  const refreshToken = readRequiredString(body, "refreshToken");
  const requestedScopes = readOptionalStringList(body, "scope");
  const record = ctx.state.refreshTokens.get(refreshToken);
  // An expired one reads as unknown, as it will once it is evicted.
  if (!record || record.clientId !== clientId || ctx.options.now() >= record.expiresAtMs) {
    throw new ServiceError("InvalidGrantException", "Invalid refresh token provided");
  }
  const scopes = narrowScopes(record.scopes, requestedScopes);
  const { sessionId } = record;
  if (ctx.options.rotateRefreshTokens) {
    ctx.state.refreshTokens.delete(refreshToken);
    return { scopes, sessionId, keptRefreshToken: undefined };
  }
  return { scopes, sessionId, keptRefreshToken: refreshToken };
}

/**
 * The refresh token grant: new tokens, with a new refresh token under rotation and the same one
 * sent back without it.
 */
function grantRefreshToken(
  ctx: EmulatorContext,
  clientId: string,
  body: JsonObject,
  withIdToken: (scopes: string[]) => boolean,
): { scopes: string[]; tokens: IssuedTokens } {
  const { scopes, sessionId, keptRefreshToken } = redeemRefreshToken(ctx, clientId, body);
  const tokens = issueTokens(ctx, {
    clientId,
    scopes,
    withRefreshToken: keptRefreshToken === undefined,
    withIdToken: withIdToken(scopes),
    sessionId,
  });
  return {
    scopes,
    tokens: keptRefreshToken ? { ...tokens, refreshToken: keptRefreshToken } : tokens,
  };
}

export {
  DEVICE_CODE_GRANT,
  AUTHORIZATION_CODE_GRANT,
  REFRESH_TOKEN_GRANT,
  JWT_BEARER_GRANT,
  TOKEN_EXCHANGE_GRANT,
  REGISTRABLE_GRANT_TYPES,
  DEFAULT_GRANT_TYPES,
  normalizeGrantType,
  validateScopes,
  narrowScopes,
  issueTokens,
  shouldIssueRefreshToken,
  redeemDeviceCode,
  grantAuthorizationCode,
  grantRefreshToken,
};
