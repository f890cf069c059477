import { STATUS_CODES } from "node:http";
import { PortalError, ServiceError, isPortalErrorName, isServiceErrorName } from "./errors";
import { sendJson, sendMessageError, sendServiceError } from "./http";
import type { ServerResponse } from "node:http";
import type { PortalErrorName, ServiceErrorName } from "./errors";

/** The SSO OIDC service's operations. */
type OidcOperation =
  "RegisterClient" | "StartDeviceAuthorization" | "CreateToken" | "CreateTokenWithIAM";

/** The access portal's (the `sso` service's) operations, served on the same port. */
type PortalOperation = "GetRoleCredentials" | "ListAccounts" | "ListAccountRoles" | "Logout";

type EmulatorOperation = OidcOperation | PortalOperation;

const OIDC_OPERATIONS: readonly OidcOperation[] = [
  "RegisterClient",
  "StartDeviceAuthorization",
  "CreateToken",
  "CreateTokenWithIAM",
];

const PORTAL_OPERATIONS: readonly PortalOperation[] = [
  "GetRoleCredentials",
  "ListAccounts",
  "ListAccountRoles",
  "Logout",
];

function isPortalOperation(operation: EmulatorOperation): operation is PortalOperation {
  return (PORTAL_OPERATIONS as readonly string[]).includes(operation);
}

/** Each service has its own errors: an injected error must be one its operation can send. */
type FaultErrorName<O extends EmulatorOperation> = O extends PortalOperation
  ? PortalErrorName
  : ServiceErrorName;

interface FaultCommon {
  /** How many of the next calls this applies to; default 1. */
  times?: number;
  /** Wait this long first (real time, not the injected clock). */
  delayMs?: number;
}

/**
 * What the next calls of an operation get instead of the normal answer:
 * - `{ error }`: that service exception, in the service's wire format (`errorDescription` is
 *   the OIDC body's `error_description`, or the portal body's `message`);
 * - `{ status }`: a bare HTTP status with `{"message": <reason phrase>}` and no error type, as a
 *   load balancer in front of the service would answer;
 * - `{ reset: true }`: the socket is destroyed without a response;
 * - `{ delayMs }` alone: the normal answer, late.
 */
type EmulatorFault<O extends EmulatorOperation = EmulatorOperation> =
  | (FaultCommon & { error: FaultErrorName<O>; errorDescription?: string })
  | (FaultCommon & { status: number })
  | (FaultCommon & { reset: true })
  | (FaultCommon & { delayMs: number });

interface QueuedFault {
  fault: EmulatorFault;
  remaining: number;
}

function validateFault(operation: EmulatorOperation, fault: EmulatorFault): number {
  const portal = isPortalOperation(operation);
  if (!portal && !OIDC_OPERATIONS.includes(operation)) {
    throw new TypeError(`failNext: unknown operation ${JSON.stringify(operation)}`);
  }
  const kinds = ["error", "status", "reset"].filter((key) => key in fault);
  if (kinds.length > 1) {
    throw new TypeError(`failNext: a fault has one of error, status or reset, got ${kinds}`);
  }
  if (kinds.length === 0 && !("delayMs" in fault)) {
    throw new TypeError("failNext: a fault needs error, status, reset or delayMs");
  }
  if ("error" in fault && !(portal ? isPortalErrorName : isServiceErrorName)(fault.error)) {
    throw new TypeError(
      `failNext: ${operation} cannot send the error ${JSON.stringify(fault.error)}`,
    );
  }
  if ("status" in fault && !(Number.isInteger(fault.status) && fault.status >= 400)) {
    throw new RangeError(`failNext: status must be an HTTP error status, got ${fault.status}`);
  }
  if (fault.delayMs !== undefined && !(fault.delayMs >= 0)) {
    throw new RangeError(`failNext: delayMs must be >= 0, got ${fault.delayMs}`);
  }
  const times = fault.times ?? 1;
  if (!Number.isInteger(times) || times < 1) {
    throw new RangeError(`failNext: times must be a positive integer, got ${times}`);
  }
  return times;
}

/** Per-instance queues of injected faults, consumed in order, one per call. */
class FaultInjector {
  readonly #queues = new Map<EmulatorOperation, QueuedFault[]>();
  readonly #timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();

  failNext(operation: EmulatorOperation, fault: EmulatorFault): void {
    const remaining = validateFault(operation, fault);
    const queue = this.#queues.get(operation) ?? [];
    queue.push({ fault: { ...fault }, remaining });
    this.#queues.set(operation, queue);
  }

  clear(): void {
    this.#queues.clear();
  }

  /** The fault for this call of `operation`, if any, counted as used. */
  take(operation: EmulatorOperation): EmulatorFault | undefined {
    const queue = this.#queues.get(operation);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.remaining -= 1;
    if (head.remaining === 0) queue.shift();
    return head.fault;
  }

  /** Sleeps `delayMs`; `cancelAll` (on close) ends every sleep at once. */
  delay(delayMs: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          this.#timers.delete(entry);
          resolve();
        }, delayMs),
        resolve,
      };
      this.#timers.add(entry);
    });
  }

  cancelAll(): void {
    for (const entry of this.#timers) {
      clearTimeout(entry.timer);
      entry.resolve();
    }
    this.#timers.clear();
  }
}

/**
 * Acts out an injected fault. Returns true when the fault answered the request (or dropped it),
 * false when the normal answer should follow (a pure delay).
 */
async function applyFault(
  faults: FaultInjector,
  operation: EmulatorOperation,
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
    // validateFault matched the error's service to the operation's.
    if (isPortalOperation(operation)) {
      sendMessageError(res, new PortalError(fault.error as PortalErrorName, description));
    } else {
      sendServiceError(res, new ServiceError(fault.error as ServiceErrorName, description));
    }
    return true;
  }
  if ("status" in fault) {
    sendJson(res, fault.status, { message: STATUS_CODES[fault.status] ?? "Error" });
    return true;
  }
  return false;
}

export { FaultInjector, applyFault, isPortalOperation };
export type { EmulatorFault, EmulatorOperation, OidcOperation, PortalOperation };
