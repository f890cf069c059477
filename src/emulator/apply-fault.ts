import { STATUS_CODES } from "node:http";
import { ServiceError } from "./service-error.js";
import { sendJson, sendServiceError } from "./send-response.js";
import type { ServerResponse } from "node:http";
import type { FaultInjector, EmulatorFault } from "./fault-injector.js";

/**
 * Acts out an injected fault. Returns true when the fault answered the request (or dropped it),
 * false when the normal answer should follow (a pure delay).
 */
async function applyFault(
  faults: FaultInjector,
  fault: EmulatorFault,
  res: ServerResponse,
): Promise<boolean> {
  if (fault.delayMs !== undefined && fault.delayMs > 0) await faults.delay(fault.delayMs);
  // The emulator may have closed while we waited; there is no one left to answer.
  if (res.destroyed) return true;
  if ("reset" in fault) {
    res.socket?.destroy();
    return true;
  }
  if ("error" in fault) {
    const description = fault.errorDescription ?? "Injected by the emulator";
    sendServiceError(res, new ServiceError(fault.error, description));
    return true;
  }
  if ("status" in fault) {
    sendJson(res, fault.status, { message: STATUS_CODES[fault.status] ?? "Error" });
    return true;
  }
  return false;
}

export { applyFault };
