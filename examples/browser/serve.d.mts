import type { Emulator, EmulatorOptions } from "sso-oidc/emulator";

interface ExampleServerOptions {
  /** Default 8322; 0 picks a free port. */
  port?: number;
  /** Default "127.0.0.1". */
  host?: string;
  /** A running service for the page to call; without it an emulator is started. */
  endpoint?: string;
  /** Default "us-east-1". */
  region?: string;
  /** Options for the emulator started when no `endpoint` is given. */
  emulator?: EmulatorOptions;
}

interface ExampleServer {
  /** The page's origin, e.g. `http://127.0.0.1:8322`. */
  readonly url: string;
  readonly endpoint: string;
  readonly region: string;
  /** The emulator this server started, if it started one. */
  readonly emulator: Emulator | undefined;
  close(): Promise<void>;
}

declare function startExampleServer(options?: ExampleServerOptions): Promise<ExampleServer>;

export { startExampleServer };
export type { ExampleServer, ExampleServerOptions };
