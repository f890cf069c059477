import { html, renderPage } from "./render-page.js";
import { sendHtml } from "./send-response.js";
import { FormError, readForm } from "./read-form.js";
import {
  decideDeviceAuthorization,
  findPendingDeviceAuthorization,
} from "./decide-device-authorization.js";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { EmulatorContext } from "./emulator-context.js";
import type { SafeHtml } from "./render-page.js";

/** RFC 8628 §3.3: the user types the code shown on the device. */
function codeEntryForm(userCode = ""): SafeHtml {
  return html`<form method="get" action="/device">
    <label for="user_code">User code</label>
    <input
      id="user_code"
      name="user_code"
      value="${userCode}"
      autocomplete="off"
      autocapitalize="characters"
      required
    />
    <button type="submit">Continue</button>
  </form>`;
}

/** GET /device[?user_code=…]: enter a code, or confirm the one from verificationUriComplete. */
function showDevicePage(ctx: EmulatorContext, res: ServerResponse, query: URLSearchParams): void {
  const userCode = query.get("user_code");
  if (userCode === null || userCode.trim() === "") {
    sendHtml(res, 200, renderPage("Sign in a device", codeEntryForm()));
    return;
  }
  const found = findPendingDeviceAuthorization(ctx, userCode);
  if ("problem" in found) {
    const body = html`<p class="error" role="alert">${found.problem}.</p>
      ${codeEntryForm(userCode)}`;
    sendHtml(res, 400, renderPage("Code not accepted", body));
    return;
  }
  const clientName = ctx.state.clients.get(found.record.clientId)?.clientName ?? "An application";
  const scopes = found.record.scopes;
  // RFC 8628 §5.4: show the code so the user can compare it with the device's.
  const body = html`<p><strong>${clientName}</strong> asks to sign in with the code</p>
    <p><code>${found.record.userCode}</code></p>
    ${scopes.length > 0 ? html`<p>Scopes: ${scopes.join(", ")}</p>` : ""}
    <form method="post" action="/device">
      <input type="hidden" name="user_code" value="${found.record.userCode}" />
      <button type="submit" name="decision" value="approve">Approve</button>
      <button type="submit" name="decision" value="deny">Deny</button>
    </form>`;
  sendHtml(res, 200, renderPage("Authorize device", body));
}

/** POST /device: record the user's choice; the device learns it on its next poll. */
async function submitDevicePage(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    const form = await readForm(req);
    const userCode = form.get("user_code") ?? "";
    const decision = form.get("decision");
    if (decision !== "approve" && decision !== "deny") {
      throw new FormError(400, "Choose Approve or Deny.");
    }
    const found = findPendingDeviceAuthorization(ctx, userCode);
    if ("problem" in found) throw new FormError(400, `${found.problem}.`);
    decideDeviceAuthorization(ctx, userCode, decision);
    const body =
      decision === "approve"
        ? html`<p role="status">
            Device approved. You can close this window and return to your application.
          </p>`
        : html`<p role="status">Request denied. The application was not signed in.</p>`;
    sendHtml(res, 200, renderPage(decision === "approve" ? "Approved" : "Denied", body));
  } catch (error) {
    if (!(error instanceof FormError)) throw error;
    const body = html`<p class="error" role="alert">${error.message}</p>`;
    sendHtml(res, error.status, renderPage("Request not accepted", body));
  }
}

export { showDevicePage, submitDevicePage };
