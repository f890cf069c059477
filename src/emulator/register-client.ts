/**
 * RegisterClient, and the checks later requests make against a registration: its secret, its
 * grant types and its loopback redirect URIs.
 */
import { timingSafeEqual } from "node:crypto";
import { ServiceError } from "./errors";
import { readOptionalString, readOptionalStringList, readRequiredString } from "./http";
import {
  AUTHORIZATION_CODE_GRANT,
  DEFAULT_GRANT_TYPES,
  REGISTRABLE_GRANT_TYPES,
  normalizeGrantType,
  validateScopes,
} from "./grants";
import type { ClientRecord, EmulatorContext } from "./context";
import type { JsonObject } from "./http";

/** RFC 8252 §7.3 loopback hosts; `localhost` too, which §8.3 discourages but tools still use. */
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]", "localhost"]);

function parseUrl(uri: string): URL | undefined {
  try {
    return new URL(uri);
  } catch {
    return undefined;
  }
}

/**
 * A redirect URI a native app can listen on: plain http to a loopback host (RFC 8252 §7.3),
 * no fragment (RFC 6749 §3.1.2) and no userinfo.
 */
function isLoopbackRedirectUri(uri: string): boolean {
  const url = parseUrl(uri);
  return (
    url !== undefined &&
    url.protocol === "http:" &&
    LOOPBACK_HOSTS.has(url.hostname) &&
    url.hash === "" &&
    !uri.includes("#") &&
    url.username === "" &&
    url.password === ""
  );
}

/**
 * RFC 8252 §7.3: "The authorization server MUST allow any port to be specified at the time of
 * the request for loopback IP redirect URIs", so only the port may differ from a registered URI.
 */
function matchesRegisteredRedirectUri(registered: string[], requested: string): boolean {
  const actual = parseUrl(requested);
  if (!actual || !isLoopbackRedirectUri(requested)) return false;
  return registered.some((uri) => {
    const expected = parseUrl(uri);
    return (
      expected !== undefined &&
      expected.protocol === actual.protocol &&
      expected.hostname === actual.hostname &&
      expected.pathname === actual.pathname &&
      expected.search === actual.search
    );
  });
}

function isHttpUrl(value: string): boolean {
  const protocol = parseUrl(value)?.protocol;
  return protocol === "https:" || protocol === "http:";
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

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * RFC 6749 §2.3.1 / §5.2 invalid_client: unknown client and wrong secret read the same, so the
 * answer does not reveal which client ids exist.
 */
function authenticateClient(
  ctx: EmulatorContext,
  clientId: string,
  clientSecret: string,
): ClientRecord {
  const client = ctx.state.clients.get(clientId);
  if (!client || !sameSecret(client.clientSecret, clientSecret)) {
    throw new ServiceError("InvalidClientException", "Invalid client id or client secret");
  }
  if (ctx.options.now() >= client.expiresAtMs) {
    throw new ServiceError("InvalidClientException", "Client registration has expired");
  }
  return client;
}

/** RFC 6749 §5.2 unauthorized_client: the registration did not ask for this grant. */
function assertGrantAllowed(client: ClientRecord, grantType: string): void {
  const allowed = client.grantTypes ?? DEFAULT_GRANT_TYPES;
  if (!allowed.includes(normalizeGrantType(grantType))) {
    throw new ServiceError(
      "UnauthorizedClientException",
      `Client is not registered for the ${grantType} grant`,
    );
  }
}

export { registerClient, authenticateClient, assertGrantAllowed, matchesRegisteredRedirectUri };
