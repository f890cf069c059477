import { ServiceError } from "./service-error.js";
import { readOptionalString, readOptionalStringList, readRequiredString } from "./read-member.js";
import { validateScopes } from "./validate-scopes.js";
import { isLoopbackRedirectUri } from "./loopback-redirect-uri.js";
import {
  AUTHORIZATION_CODE_GRANT,
  REGISTRABLE_GRANT_TYPES,
  normalizeGrantType,
} from "./grant-types.js";
import type { EmulatorContext } from "./emulator-context.js";
import type { JsonObject } from "./parse-json-body.js";

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

function validateGrantTypes(grantTypes: string[] | undefined): string[] | undefined {
  if (grantTypes === undefined) return undefined;
  for (const grantType of grantTypes) {
    if (!REGISTRABLE_GRANT_TYPES.includes(normalizeGrantType(grantType))) {
      throw new ServiceError(
        "UnsupportedGrantTypeException",
        `Unsupported grant type: ${grantType}`,
      );
    }
  }
  return [...new Set(grantTypes.map(normalizeGrantType))];
}

/**
 * Redirect URIs exist only for the authorization code grant, and only as loopback URIs: the
 * clients that register here are native apps (RFC 8252 §7.3).
 */
function validateRedirectUris(redirectUris: string[], usesAuthorizationCode: boolean): void {
  if (!usesAuthorizationCode) {
    if (redirectUris.length > 0) {
      throw new ServiceError(
        "InvalidRedirectUriException",
        "Redirect URIs are only allowed with the authorization_code grant",
      );
    }
    return;
  }
  if (redirectUris.length === 0) {
    throw new ServiceError(
      "InvalidRedirectUriException",
      "The authorization_code grant requires at least one redirect URI",
    );
  }
  for (const uri of redirectUris) {
    if (!isLoopbackRedirectUri(uri)) {
      throw new ServiceError(
        "InvalidRedirectUriException",
        `Redirect URI must be an http loopback URI: ${uri}`,
      );
    }
  }
}

/** RegisterClient: `POST /client/register`. */
function registerClient(ctx: EmulatorContext, body: JsonObject): JsonObject {
  const clientName = readRequiredString(body, "clientName");
  const clientType = readRequiredString(body, "clientType");
  const scopes = validateScopes(readOptionalStringList(body, "scopes") ?? []);
  const grantTypes = validateGrantTypes(readOptionalStringList(body, "grantTypes"));
  const redirectUris = readOptionalStringList(body, "redirectUris") ?? [];
  const issuerUrl = readOptionalString(body, "issuerUrl");
  const entitledApplicationArn = readOptionalString(body, "entitledApplicationArn");

  if (clientType !== "public") {
    throw new ServiceError(
      "InvalidClientMetadataException",
      `Unsupported client type '${clientType}'; only 'public' clients can register`,
    );
  }
  const usesAuthorizationCode = grantTypes?.includes(AUTHORIZATION_CODE_GRANT) ?? false;
  validateRedirectUris(redirectUris, usesAuthorizationCode);
  if (issuerUrl !== undefined && !isHttpUrl(issuerUrl)) {
    throw new ServiceError("InvalidClientMetadataException", `Invalid issuerUrl: ${issuerUrl}`);
  }
  if (
    entitledApplicationArn !== undefined &&
    !/^arn:aws[a-z-]*:sso::/.test(entitledApplicationArn)
  ) {
    throw new ServiceError(
      "InvalidRequestException",
      `Invalid entitledApplicationArn: ${entitledApplicationArn}`,
    );
  }

  const issuedAtMs = ctx.options.now();
  const expiresAtMs = issuedAtMs + ctx.options.registrationExpiresInSeconds * 1000;
  const client = {
    clientId: ctx.options.generateId("clientId"),
    clientSecret: ctx.options.generateId("clientSecret"),
    clientName,
    scopes,
    grantTypes,
    redirectUris,
    issuedAtMs,
    expiresAtMs,
  };
  ctx.state.clients.set(client.clientId, client);

  return {
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    clientIdIssuedAt: Math.floor(issuedAtMs / 1000),
    clientSecretExpiresAt: Math.floor(expiresAtMs / 1000),
    ...(usesAuthorizationCode
      ? { authorizationEndpoint: `${ctx.url}/authorize`, tokenEndpoint: `${ctx.url}/token` }
      : {}),
  };
}

export { registerClient };
