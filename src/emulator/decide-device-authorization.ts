import { normalizeUserCode } from "./emulator-state.js";
import type { EmulatorContext } from "./emulator-context.js";
import type { DeviceAuthorizationRecord } from "./emulator-state.js";

type DeviceDecision = "approve" | "deny";

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
  decision: DeviceDecision,
): DeviceAuthorizationRecord {
  const found = findPendingDeviceAuthorization(ctx, userCode);
  if ("problem" in found) throw new Error(`${decision}: ${found.problem}`);
  found.record.status = decision === "approve" ? "approved" : "denied";
  return found.record;
}

export { decideDeviceAuthorization, findPendingDeviceAuthorization };
export type { DeviceDecision };
