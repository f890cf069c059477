import { ServiceError } from "./service-error.js";
import { readOptionalStringList, readRequiredString } from "./read-member.js";
import { narrowScopes } from "./validate-scopes.js";
import type { EmulatorContext } from "./emulator-context.js";
import type { ClientRecord } from "./emulator-state.js";
import type { JsonObject } from "./parse-json-body.js";

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

export { redeemDeviceCode };
