import { html, renderPage } from "./render-page.js";
import { sendHtml, sendRedirect } from "./send-response.js";
import { FormError, readForm } from "./read-form.js";
import { buildRedirect, validateAuthorizeRequest } from "./validate-authorize-request.js";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { EmulatorContext } from "./emulator-context.js";
import type { ConsentRequestRecord } from "./emulator-state.js";

function sendErrorPage(res: ServerResponse, status: number, message: string): void {
  const body = html`<p class="error" role="alert">${message}</p>`;
  sendHtml(res, status, renderPage("Authorization request not accepted", body));
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
    issuedRefreshToken: undefined,
  });
  sendRedirect(res, buildRedirect(consent.redirectUri, { code, state: consent.state }));
}

/**
 * GET /authorize: validate, then ask the user. The validated request stays on the server under
 * an unguessable id, so the consent form cannot be edited into a different request.
 */
function showAuthorizePage(ctx: EmulatorContext, res: ServerResponse, query: URLSearchParams) {
  const validation = validateAuthorizeRequest(ctx, query);
  if ("errorPage" in validation) return sendErrorPage(res, 400, validation.errorPage);
  if ("errorRedirect" in validation) return sendRedirect(res, validation.errorRedirect);

  const { client, redirectUri, state, scopes, codeChallenge } = validation.ok;
  const consentId = ctx.options.generateId("consentRequest");
  const consent = {
    consentId,
    clientId: client.clientId,
    redirectUri,
    state,
    scopes,
    codeChallenge,
  };
  if (ctx.options.autoApprove) return redirectWithCode(ctx, res, consent);
  ctx.state.consentRequests.set(consentId, consent);

  const body = html`<p><strong>${client.clientName}</strong> asks for access to your account.</p>
    ${scopes.length > 0 ? html`<p>Scopes: ${scopes.join(", ")}</p>` : ""}
    <p>You will be sent back to <code>${new URL(redirectUri).origin}</code>.</p>
    <form method="post" action="/authorize">
      <input type="hidden" name="consent_id" value="${consentId}" />
      <button type="submit" name="decision" value="approve">Approve</button>
      <button type="submit" name="decision" value="deny">Deny</button>
    </form>`;
  sendHtml(res, 200, renderPage("Authorize application", body));
}

/** POST /authorize: the user's answer, delivered by redirect (RFC 6749 §4.1.2, §4.1.2.1). */
async function submitAuthorizePage(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  let form: URLSearchParams;
  try {
    form = await readForm(req);
  } catch (error) {
    if (!(error instanceof FormError)) throw error;
    return sendErrorPage(res, error.status, error.message);
  }
  const decision = form.get("decision");
  const consentId = form.get("consent_id") ?? "";
  const consent = ctx.state.consentRequests.get(consentId);
  if (!consent)
    return sendErrorPage(
      res,
      400,
      "This authorization request is unknown or was already answered.",
    );
  if (decision !== "approve" && decision !== "deny")
    return sendErrorPage(res, 400, "Choose Approve or Deny.");
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
}

export { showAuthorizePage, submitAuthorizePage };
