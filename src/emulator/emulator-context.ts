import type { ResolvedEmulatorOptions } from "./emulator-options.js";
import type { EmulatorState } from "./emulator-state.js";
import type { FaultInjector } from "./fault-injector.js";

/** What every handler gets: settings, this instance's state and its public base URL. */
interface EmulatorContext {
  readonly options: ResolvedEmulatorOptions;
  readonly state: EmulatorState;
  readonly faults: FaultInjector;
  /** Key for HMAC-signed id tokens; random per instance. */
  readonly idTokenKey: Buffer;
  /** `http://host:port` without a trailing slash; known once the server listens. */
  url: string;
}

export type { EmulatorContext };
