import {
  FormError,
  answerFormPost,
  decisionForm,
  html,
  readDecision,
  readForm,
  renderPage,
  sendErrorPage,
  sendHtml,
  sendRedirect,
} from "./pages";
import { matchesRegisteredRedirectUri } from "./register-client";
import { isS256Challenge } from "./crypto";
import { AUTHORIZATION_CODE_GRANT } from "./grants";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ClientRecord, ConsentRequestRecord, EmulatorContext } from "./context";

const ERROR_TITLE = "Authorization request not accepted";

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

/**
 * The AWS CLI's authorize URL names the parameter `scopes`; RFC 6749 §3.3 says `scope`,
 * space-separated. Either is read.
 */
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

/** RFC 6749 §4.1.2: mint a code bound to the consented request and send the user back. */
function redirectWithCode(
  ctx: EmulatorContext,
  res: ServerResponse,
  consent: ConsentRequestRecord,
) {
  const { options, state } = ctx;
  const code = options.generateId("authorizationCode");
  state.authorizationCodes.set(code, {
    code,
    clientId: consent.clientId,
    redirectUri: consent.redirectUri,
    scopes: consent.scopes,
    codeChallenge: consent.codeChallenge,
    expiresAtMs: options.now() + options.authorizationCodeExpiresInSeconds * 1000,
    redeemed: false,
    sessionId: undefined,
  });
  sendRedirect(res, buildRedirect(consent.redirectUri, { code, state: consent.state }));
}

/**
 * GET /authorize: validate, then ask the user. The validated request stays on the server under
 * an unguessable id, so the consent form cannot be edited into a different request.
 */
function showAuthorizePage(ctx: EmulatorContext, res: ServerResponse, query: URLSearchParams) {
  const validation = validateAuthorizeRequest(ctx, query);
  if ("errorPage" in validation) {
    return sendErrorPage(res, 400, ERROR_TITLE, validation.errorPage);
  }
  if ("errorRedirect" in validation) return sendRedirect(res, validation.errorRedirect);

  const { client, redirectUri, state, scopes, codeChallenge } = validation.ok;
  const consentId = ctx.options.generateId("consentRequest");
  const { options } = ctx;
  const consent = {
    consentId,
    clientId: client.clientId,
    redirectUri,
    state,
    scopes,
    codeChallenge,
    expiresAtMs: options.now() + options.authorizationCodeExpiresInSeconds * 1000,
  };
  if (ctx.options.autoApprove) return redirectWithCode(ctx, res, consent);
  ctx.state.consentRequests.set(consentId, consent);

  const body = html`<p><strong>${client.clientName}</strong> asks for access to your account.</p>
    ${scopes.length > 0 ? html`<p>Scopes: ${scopes.join(", ")}</p>` : ""}
    <p>You will be sent back to <code>${new URL(redirectUri).origin}</code>.</p>
    ${decisionForm("/authorize", "consent_id", consentId)}`;
  sendHtml(res, 200, renderPage("Authorize application", body));
}

/** POST /authorize: the user's answer, delivered by redirect (RFC 6749 §4.1.2, §4.1.2.1). */
function submitAuthorizePage(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  return answerFormPost(res, ERROR_TITLE, async () => {
    const form = await readForm(req);
    const consentId = form.get("consent_id") ?? "";
    const consent = ctx.state.consentRequests.get(consentId);
    // An expired request reads as unknown, as it will once it is evicted.
    if (!consent || ctx.options.now() >= consent.expiresAtMs) {
      throw new FormError(400, "This authorization request is unknown or was already answered.");
    }
    const decision = readDecision(form);
    ctx.state.consentRequests.delete(consentId);
    if (decision === "approve") return redirectWithCode(ctx, res, consent);
    sendRedirect(
      res,
      buildRedirect(consent.redirectUri, {
        error: "access_denied",
        error_description: "The user denied the authorization request",
        state: consent.state,
      }),
    );
  });
}

export { showAuthorizePage, submitAuthorizePage };
