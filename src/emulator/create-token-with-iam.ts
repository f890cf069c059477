import { ServiceError } from "./service-error.js";
import { readOptionalStringList, readRequiredString } from "./read-member.js";
import { issueTokens, shouldIssueRefreshToken } from "./issue-tokens.js";
import { redeemAuthorizationCode } from "./grant-authorization-code.js";
import { redeemRefreshToken } from "./grant-refresh-token.js";
import { redeemJwtAssertion } from "./grant-jwt-bearer.js";
import {
  ACCESS_TOKEN_TYPE,
  REFRESH_TOKEN_TYPE,
  redeemTokenExchange,
} from "./grant-token-exchange.js";
import { narrowScopes, validateScopes } from "./validate-scopes.js";
import {
  AUTHORIZATION_CODE_GRANT,
  JWT_BEARER_GRANT,
  REFRESH_TOKEN_GRANT,
  TOKEN_EXCHANGE_GRANT,
} from "./grant-types.js";
import type { EmulatorContext } from "./emulator-context.js";
import type { ClientRecord } from "./emulator-state.js";
import type { JsonObject } from "./parse-json-body.js";

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

/** CreateTokenWithIAM: `POST /token?aws_iam=t`, after the SigV4 check in the router. */
function createTokenWithIam(ctx: EmulatorContext, body: JsonObject): JsonObject {
  const clientId = readRequiredString(body, "clientId");
  const grantType = readRequiredString(body, "grantType");
  const client = resolveIamClient(ctx, clientId);
  const identityContext = ctx.options.generateId("identityContext");
  const awsAdditionalDetails = { identityContext };

  switch (grantType) {
    case AUTHORIZATION_CODE_GRANT: {
      const record = redeemAuthorizationCode(ctx, clientId, body);
      const withRefreshToken = shouldIssueRefreshToken(ctx, client);
      const tokens = issueTokens(ctx, {
        clientId,
        scopes: record.scopes,
        withRefreshToken,
        withIdToken: true,
        identityContext,
      });
      record.issuedRefreshToken = tokens.refreshToken;
      const issuedTokenType = withRefreshToken ? REFRESH_TOKEN_TYPE : ACCESS_TOKEN_TYPE;
      return { ...tokens, issuedTokenType, scope: record.scopes, awsAdditionalDetails };
    }
    case REFRESH_TOKEN_GRANT: {
      const { scopes, keptRefreshToken } = redeemRefreshToken(ctx, clientId, body);
      const tokens = issueTokens(ctx, {
        clientId,
        scopes,
        withRefreshToken: keptRefreshToken === undefined,
        withIdToken: false,
      });
      const refreshToken = keptRefreshToken ?? tokens.refreshToken;
      return { ...tokens, refreshToken, issuedTokenType: REFRESH_TOKEN_TYPE, scope: scopes };
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
      const subjectScopes = redeemTokenExchange(ctx, body);
      const scopes = narrowScopes(subjectScopes, readOptionalStringList(body, "scope"));
      const tokens = issueTokens(ctx, {
        clientId,
        scopes,
        withRefreshToken: false,
        withIdToken: true,
        identityContext,
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
