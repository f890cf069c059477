import { matchesRegisteredRedirectUri } from "./loopback-redirect-uri.js";
import { isS256Challenge } from "./verify-pkce.js";
import { AUTHORIZATION_CODE_GRANT } from "./grant-types.js";
import type { EmulatorContext } from "./emulator-context.js";
import type { ClientRecord } from "./emulator-state.js";

/** A request that may proceed to consent. */
interface AuthorizeRequest {
  client: ClientRecord;
  redirectUri: string;
  state: string | undefined;
  scopes: string[];
  codeChallenge: string;
}

type AuthorizeValidation =
  | { ok: AuthorizeRequest }
  /** RFC 6749 §4.1.2.1: without a trusted redirect URI the error goes to the user, not a URI. */
  | { errorPage: string }
  | { errorRedirect: string };

/** RFC 6749 §4.1.2 / §4.1.2.1: parameters appended to the redirect URI's query. */
function buildRedirect(redirectUri: string, params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.set(key, value);
  }
  return url.toString();
}

/** The AWS CLI sends `scopes` (FACTS.md); RFC 6749 §3.3 says `scope`, space-separated. */
function requestedScopes(query: URLSearchParams): string[] | undefined {
  const raw = query.get("scopes") ?? query.get("scope");
  if (raw === null) return undefined;
  return raw.split(/[\s,]+/).filter((scope) => scope !== "");
}

/** GET /authorize, checked in RFC 6749 §4.1.2.1 order: client and redirect URI first. */
function validateAuthorizeRequest(
  ctx: EmulatorContext,
  query: URLSearchParams,
): AuthorizeValidation {
  const clientId = query.get("client_id");
  const client = clientId ? ctx.state.clients.get(clientId) : undefined;
  if (!client || ctx.options.now() >= client.expiresAtMs) {
    return { errorPage: "The client_id is missing, unknown or its registration has expired." };
  }
  const redirectUri = query.get("redirect_uri");
  if (!redirectUri || !matchesRegisteredRedirectUri(client.redirectUris, redirectUri)) {
    return { errorPage: "The redirect_uri is missing or not registered for this client." };
  }
  const state = query.get("state") ?? undefined;
  const fail = (error: string, description: string) => ({
    errorRedirect: buildRedirect(redirectUri, { error, error_description: description, state }),
  });

  if (query.get("response_type") !== "code") {
    return fail("unsupported_response_type", "response_type must be code");
  }
  if (!client.grantTypes?.includes(AUTHORIZATION_CODE_GRANT)) {
    return fail("unauthorized_client", "Client is not registered for the authorization_code grant");
  }
  // RFC 7636 §4.4.1: public clients must use PKCE; only S256 is offered (RFC 7636 §7.2).
  const codeChallenge = query.get("code_challenge");
  if (query.get("code_challenge_method") !== "S256" || !codeChallenge) {
    return fail("invalid_request", "code_challenge and code_challenge_method=S256 are required");
  }
  if (!isS256Challenge(codeChallenge)) {
    return fail("invalid_request", "code_challenge must be a base64url SHA-256 (43 characters)");
  }
  const scopes = requestedScopes(query) ?? client.scopes;
  const unknown = scopes.filter((scope) => !client.scopes.includes(scope));
  if (unknown.length > 0) {
    return fail("invalid_scope", `Scopes not registered for this client: ${unknown.join(" ")}`);
  }
  return { ok: { client, redirectUri, state, scopes: [...new Set(scopes)], codeChallenge } };
}

export { validateAuthorizeRequest, buildRedirect };
export type { AuthorizeRequest, AuthorizeValidation };
