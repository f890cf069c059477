import { ServiceError } from "./errors";
import { readOptionalString, readOptionalStringList, readRequiredString } from "./http";
import { decodeJwt } from "./crypto";
import {
  AUTHORIZATION_CODE_GRANT,
  JWT_BEARER_GRANT,
  REFRESH_TOKEN_GRANT,
  TOKEN_EXCHANGE_GRANT,
  grantAuthorizationCode,
  grantRefreshToken,
  issueTokens,
  narrowScopes,
  shouldIssueRefreshToken,
  validateScopes,
} from "./grants";
import type { AccessTokenRecord, ClientRecord, EmulatorContext } from "./context";
import type { JsonObject } from "./http";

/** The clientId of an IAM Identity Center customer managed application (model examples). */
const APPLICATION_ARN = /^arn:aws[a-z-]*:sso::\d{12}:application\/ssoins-[0-9a-z]+\/apl-[0-9a-z]+$/;
/** The scopes the model's examples show for IAM applications. */
const DEFAULT_IAM_SCOPES = ["openid", "aws", "sts:identity_context"];

/** Callers are IAM principals; the client is a registration or any application ARN. */
function resolveIamClient(ctx: EmulatorContext, clientId: string): ClientRecord | undefined {
  const client = ctx.state.clients.get(clientId);
  if (client) {
    if (ctx.options.now() >= client.expiresAtMs) {
      throw new ServiceError("InvalidClientException", "Client registration has expired");
    }
    return client;
  }
  if (APPLICATION_ARN.test(clientId)) return undefined;
  throw new ServiceError("InvalidClientException", "Invalid client id");
}

/**
 * RFC 7523 §2.1 / §3: the assertion must be a JWT that has not expired. The emulator trusts
 * every issuer, so it checks structure and `exp` only (RFC 7523 §3 item 4).
 */
function redeemJwtAssertion(ctx: EmulatorContext, body: JsonObject): void {
  const assertion = readRequiredString(body, "assertion");
  const jwt = decodeJwt(assertion);
  if (!jwt) {
    throw new ServiceError("InvalidGrantException", "Assertion is not a well-formed JWT");
  }
  const exp = jwt.payload["exp"];
  if (typeof exp !== "number" || !Number.isFinite(exp)) {
    throw new ServiceError("InvalidGrantException", "Assertion has no numeric exp claim");
  }
  if (exp * 1000 <= ctx.options.now()) {
    throw new ServiceError("InvalidGrantException", "Assertion has expired");
  }
}

/** RFC 8693 §3: the only token type the emulator exchanges and issues. */
const ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
const REFRESH_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:refresh_token";

/**
 * RFC 8693 §2.1–2.2: exchange an access token this emulator issued (unexpired) for a new one.
 * Returns the subject token's record: its scopes, and the sign-in session the new token joins.
 */
function redeemTokenExchange(ctx: EmulatorContext, body: JsonObject): AccessTokenRecord {
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
  return record;
}

/** CreateTokenWithIAM: `POST /token?aws_iam=t`, after the SigV4 check in the router. */
function createTokenWithIam(ctx: EmulatorContext, body: JsonObject): JsonObject {
  const clientId = readRequiredString(body, "clientId");
  const grantType = readRequiredString(body, "grantType");
  const client = resolveIamClient(ctx, clientId);
  const identityContext = ctx.options.generateId("identityContext");
  const awsAdditionalDetails = { identityContext };

  switch (grantType) {
    case AUTHORIZATION_CODE_GRANT: {
      const withRefreshToken = shouldIssueRefreshToken(ctx, client);
      const { scopes, tokens } = grantAuthorizationCode(ctx, clientId, body, {
        withRefreshToken,
        withIdToken: () => true,
        identityContext,
      });
      const issuedTokenType = withRefreshToken ? REFRESH_TOKEN_TYPE : ACCESS_TOKEN_TYPE;
      return { ...tokens, issuedTokenType, scope: scopes, awsAdditionalDetails };
    }
    case REFRESH_TOKEN_GRANT: {
      const { scopes, tokens } = grantRefreshToken(ctx, clientId, body, () => false);
      return { ...tokens, issuedTokenType: REFRESH_TOKEN_TYPE, scope: scopes };
    }
    case JWT_BEARER_GRANT: {
      redeemJwtAssertion(ctx, body);
      const requested = readOptionalStringList(body, "scope");
      const scopes = requested?.length ? validateScopes(requested) : DEFAULT_IAM_SCOPES;
      const withRefreshToken = shouldIssueRefreshToken(ctx, client);
      const tokens = issueTokens(ctx, {
        clientId,
        scopes,
        withRefreshToken,
        withIdToken: true,
        identityContext,
      });
      const issuedTokenType = withRefreshToken ? REFRESH_TOKEN_TYPE : ACCESS_TOKEN_TYPE;
      return { ...tokens, issuedTokenType, scope: scopes, awsAdditionalDetails };
    }
    case TOKEN_EXCHANGE_GRANT: {
      const subject = redeemTokenExchange(ctx, body);
      const scopes = narrowScopes(subject.scopes, readOptionalStringList(body, "scope"));
      const tokens = issueTokens(ctx, {
        clientId,
        scopes,
        withRefreshToken: false,
        withIdToken: true,
        identityContext,
        sessionId: subject.sessionId,
      });
      return { ...tokens, issuedTokenType: ACCESS_TOKEN_TYPE, scope: scopes, awsAdditionalDetails };
    }
    default:
      throw new ServiceError(
        "UnsupportedGrantTypeException",
        `Unsupported grant type: ${grantType}`,
      );
  }
}

export { createTokenWithIam };
