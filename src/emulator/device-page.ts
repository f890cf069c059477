import {
  FormError,
  answerFormPost,
  decisionForm,
  html,
  readDecision,
  readForm,
  renderPage,
  sendHtml,
} from "./pages";
import { normalizeUserCode } from "./context";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { DeviceAuthorizationRecord, EmulatorContext } from "./context";
import type { Decision, SafeHtml } from "./pages";

/** The pending authorization a user code names, or why there is none to decide. */
function findPendingDeviceAuthorization(
  ctx: EmulatorContext,
  userCode: string,
): { record: DeviceAuthorizationRecord } | { problem: string } {
  const deviceCode = ctx.state.userCodes.get(normalizeUserCode(userCode));
  const record = deviceCode ? ctx.state.deviceAuthorizations.get(deviceCode) : undefined;
  if (!record) return { problem: `Unknown user code ${userCode}` };
  if (ctx.options.now() >= record.expiresAtMs)
    return { problem: `User code ${userCode} has expired` };
  if (record.status !== "pending") {
    return { problem: `User code ${userCode} was already ${record.status}` };
  }
  return { record };
}

/** RFC 8628 §3.3: the user's answer, which the next poll (§3.5) reports to the device. */
function decideDeviceAuthorization(
  ctx: EmulatorContext,
  userCode: string,
  decision: Decision,
): DeviceAuthorizationRecord {
  const found = findPendingDeviceAuthorization(ctx, userCode);
  if ("problem" in found) throw new Error(`${decision}: ${found.problem}`);
  found.record.status = decision === "approve" ? "approved" : "denied";
  return found.record;
}

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
    ${decisionForm("/device", "user_code", found.record.userCode)}`;
  sendHtml(res, 200, renderPage("Authorize device", body));
}

/** POST /device: record the user's choice; the device learns it on its next poll. */
function submitDevicePage(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  return answerFormPost(res, "Request not accepted", async () => {
    const form = await readForm(req);
    const userCode = form.get("user_code") ?? "";
    const decision = readDecision(form);
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
  });
}

export { showDevicePage, submitDevicePage, decideDeviceAuthorization };
