import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as it arrived on the wire. */
interface RecordedRequest {
  readonly method: string;
  /** The raw request target: path and query string as sent. */
  readonly target: string;
  readonly path: string;
  /** The query string's pairs in the order sent. */
  readonly query: ReadonlyArray<readonly [string, string]>;
  readonly body: Buffer;
  readonly headers: IncomingHttpHeaders;
}

/** The answer the server gives every request until the next `respondWith`. */
interface CannedResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

const DEFAULT_RESPONSE: CannedResponse = {
  status: 200,
  headers: { "content-type": "application/json" },
  body: "{}",
};

/**
 * A `node:http` server on 127.0.0.1, port 0, that records every request and
 * answers each with the current canned response.
 */
class RecordingServer {
  private readonly server: Server;
  private recorded: RecordedRequest[] = [];
  private response: CannedResponse = DEFAULT_RESPONSE;
  private address: AddressInfo | undefined;

  constructor() {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const target = request.url ?? "";
        const parsed = new URL(target, "http://recording.invalid");
        this.recorded.push({
          method: request.method ?? "",
          target,
          path: parsed.pathname,
          query: [...parsed.searchParams.entries()],
          body: Buffer.concat(chunks),
          headers: request.headers,
        });
        const canned = this.response;
        const body = Buffer.from(canned.body ?? "", "utf8");
        response.writeHead(canned.status, {
          ...canned.headers,
          "content-length": String(body.length),
        });
        response.end(body);
      });
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(0, "127.0.0.1", () => resolve());
    });
    this.address = this.server.address() as AddressInfo;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      this.server.close((error) => (error ? reject(error) : resolve())),
    );
  }

  /** `http://127.0.0.1:<port>` */
  get url(): string {
    if (this.address === undefined) throw new Error("the recording server is not started");
    return `http://127.0.0.1:${this.address.port}`;
  }

  /** `127.0.0.1:<port>`, the host header both clients should send. */
  get host(): string {
    return new URL(this.url).host;
  }

  respondWith(response: CannedResponse): void {
    this.response = response;
  }

  reset(): void {
    this.recorded = [];
    this.response = DEFAULT_RESPONSE;
  }

  /** The requests recorded since the last call, oldest first. */
  take(): RecordedRequest[] {
    const taken = this.recorded;
    this.recorded = [];
    return taken;
  }
}

export { RecordingServer };
export type { CannedResponse, RecordedRequest };
