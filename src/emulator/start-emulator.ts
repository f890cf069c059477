import { createServer } from "node:http";
import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import { createEmulatorState, resolveEmulatorOptions } from "./context";
import { FaultInjector } from "./faults";
import { routeRequest } from "./routing";
import { decideDeviceAuthorization } from "./device-page";
import type { AddressInfo } from "node:net";
import type { EmulatorContext, EmulatorCredentials, EmulatorOptions } from "./context";
import type { EmulatorFault, EmulatorOperation } from "./faults";

interface Emulator {
  /** Base URL, e.g. `http://127.0.0.1:53122`; pass it as the client's `endpoint`. */
  readonly url: string;
  readonly port: number;
  /**
   * The credentials CreateTokenWithIAM signatures are checked against; a fresh copy on every
   * read, because the AWS SDK writes bookkeeping into the credentials object it is given.
   */
  readonly credentials: EmulatorCredentials;
  /** Approves a pending device authorization, as the Approve button does. Throws if none. */
  approve(userCode: string): void;
  /** Denies a pending device authorization, as the Deny button does. Throws if none. */
  deny(userCode: string): void;
  /** Makes the next call(s) of `operation` fail, stall or drop; see `EmulatorFault`. */
  failNext<O extends EmulatorOperation>(operation: O, fault: EmulatorFault<O>): void;
  clearFaults(): void;
  /** Stops listening and closes every connection; resolves when all are closed. */
  close(): Promise<void>;
}

/** The address to print and hand out: wildcard binds are reached over loopback. */
function publicHost(host: string, address: AddressInfo): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::") return "[::1]";
  if (isIP(host) === 0) return host;
  return address.family === "IPv6" ? `[${address.address}]` : address.address;
}

/** Starts a local SSO OIDC service; every instance has its own clients, codes and tokens. */
async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const resolved = resolveEmulatorOptions(options);
  const ctx: EmulatorContext = {
    options: resolved,
    state: createEmulatorState(),
    faults: new FaultInjector(),
    idTokenKey: randomBytes(32),
    url: "",
  };
  const server = createServer((req, res) => void routeRequest(ctx, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  ctx.url = `http://${publicHost(resolved.host, address)}:${address.port}`;

  let closing: Promise<void> | undefined;
  return {
    url: ctx.url,
    port: address.port,
    get credentials() {
      return { ...resolved.credentials };
    },
    approve: (userCode) => void decideDeviceAuthorization(ctx, userCode, "approve"),
    deny: (userCode) => void decideDeviceAuthorization(ctx, userCode, "deny"),
    failNext: (operation, fault) => ctx.faults.failNext(operation, fault),
    clearFaults: () => ctx.faults.clear(),
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        ctx.faults.cancelAll();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

export { startEmulator };
export type { Emulator };
