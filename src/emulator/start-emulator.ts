import { createServer } from "node:http";
import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import { networkInterfaces } from "node:os";
import { createEmulatorState, evictExpired } from "./context";
import { resolveEmulatorOptions } from "./options";
import { FaultInjector } from "./faults";
import { routeRequest } from "./routing";
import { answerClientError } from "./http";
import { decideDeviceAuthorization } from "./device-page";
import type { AddressInfo } from "node:net";
import type { EmulatorContext } from "./context";
import type { EmulatorCredentials, EmulatorOptions } from "./options";
import type { EmulatorFault, EmulatorOperation } from "./faults";
import type { EmulatorAccount } from "./accounts";

interface Emulator {
  /** Base URL, e.g. `http://127.0.0.1:53122`; pass it as the client's `endpoint`. */
  readonly url: string;
  readonly port: number;
  /**
   * The credentials CreateTokenWithIAM signatures are checked against; a fresh copy on every
   * read, because the AWS SDK writes bookkeeping into the credentials object it is given.
   */
  readonly credentials: EmulatorCredentials;
  /** The accounts and roles the access portal serves: the `accounts` option, or the default set. */
  readonly accounts: readonly EmulatorAccount[];
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

/** An address as it appears in a `Host` header: IPv6 in brackets, names in lower case. */
function hostName(address: string): string {
  return isIP(address) === 6 ? `[${address}]` : address.toLowerCase();
}

/**
 * The `Host` values the approval pages answer to: the address they listen on (every local
 * interface's, for a wildcard bind) or `localhost`, with the port. A page reached under any
 * other name is a DNS rebinding attempt: a foreign site whose name now resolves to this
 * machine, which could otherwise read the pages and post their forms.
 */
function pageHostsFor(host: string, port: number): Set<string> {
  const names = new Set(["localhost", hostName(host)]);
  if (host === "0.0.0.0" || host === "::") {
    for (const addresses of Object.values(networkInterfaces())) {
      for (const { address } of addresses ?? []) names.add(hostName(address.replace(/%.*$/, "")));
    }
  }
  const hosts = new Set([...names].map((name) => `${name}:${port}`));
  // Browsers leave the default port out of Host.
  if (port === 80) for (const name of names) hosts.add(name);
  return hosts;
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
    pageHosts: new Set(),
  };
  // Requests without Host reach the router, which answers them in the service's format (the
  // approval pages refuse them); Node's own refusal is a bare 400.
  const server = createServer({ requireHostHeader: false }, (req, res) => {
    void routeRequest(ctx, req, res);
  });
  server.on("clientError", answerClientError);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  ctx.url = `http://${publicHost(resolved.host, address)}:${address.port}`;
  ctx.pageHosts = pageHostsFor(resolved.host, address.port);
  // Unref'd: a running emulator is kept alive by its server, not by its housekeeping.
  const eviction = setInterval(
    () => evictExpired(ctx.state, resolved.now()),
    resolved.evictionIntervalMs,
  );
  eviction.unref();

  let closing: Promise<void> | undefined;
  return {
    url: ctx.url,
    port: address.port,
    get credentials() {
      return { ...resolved.credentials };
    },
    accounts: resolved.accounts,
    approve: (userCode) => void decideDeviceAuthorization(ctx, userCode, "approve"),
    deny: (userCode) => void decideDeviceAuthorization(ctx, userCode, "deny"),
    failNext: (operation, fault) => ctx.faults.failNext(operation, fault),
    clearFaults: () => ctx.faults.clear(),
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        clearInterval(eviction);
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
