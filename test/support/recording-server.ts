import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as it arrived on the wire. */
interface RecordedRequest {
  readonly method: string;
  /** The raw request target: path and query string as sent. */
  readonly url: string;
  readonly path: string;
  /** The query string's pairs in the order sent. */
  readonly query: ReadonlyArray<readonly [string, string]>;
  readonly headers: IncomingHttpHeaders;
  /** The body as UTF-8 text, and as the bytes sent. */
  readonly body: string;
  readonly bytes: Buffer;
}

interface CannedResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

const DEFAULT_RESPONSE: CannedResponse = { status: 200, body: "{}" };

/**
 * A real HTTP server on 127.0.0.1 and an ephemeral port that records every
 * request. Each is answered with the next response queued by `respond`, or
 * when none is queued, with the standing one set by `respondWith` (200 `{}`
 * until then). Every answer carries the server's base headers (by default
 * `x-amzn-requestid: req-1`), and one with a body `content-type:
 * application/json`, unless it names its own.
 */
class RecordingServer {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: CannedResponse[] = [];
  private standing: CannedResponse = DEFAULT_RESPONSE;
  private readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const target = req.url ?? "";
      const parsed = new URL(target, "http://recording.invalid");
      const bytes = Buffer.concat(chunks);
      this.requests.push({
        method: req.method ?? "",
        url: target,
        path: parsed.pathname,
        query: [...parsed.searchParams.entries()],
        headers: req.headers,
        body: bytes.toString("utf8"),
        bytes,
      });
      const next = this.queue.shift() ?? this.standing;
      const body = Buffer.from(next.body ?? "", "utf8");
      res.writeHead(next.status, {
        ...this.baseHeaders,
        ...(body.length > 0 ? { "content-type": "application/json" } : {}),
        ...next.headers,
        "content-length": String(body.length),
      });
      res.end(body);
    });
  });
  private address: AddressInfo | undefined;

  constructor(
    private readonly baseHeaders: Readonly<Record<string, string>> = {
      "x-amzn-requestid": "req-1",
    },
  ) {}

  async start(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(0, "127.0.0.1", () => resolve());
    });
    this.address = this.server.address() as AddressInfo;
    return this;
  }

  /** `http://127.0.0.1:<port>` */
  get url(): string {
    if (this.address === undefined) throw new Error("The recording server is not started.");
    return `http://127.0.0.1:${this.address.port}`;
  }

  /** `127.0.0.1:<port>`, the host header a client sends it. */
  get host(): string {
    return new URL(this.url).host;
  }

  /** Queues the answer to one request. */
  respond(response: CannedResponse): this {
    this.queue.push(response);
    return this;
  }

  /** Sets the answer to every request no queued response is left for. */
  respondWith(response: CannedResponse): this {
    this.standing = response;
    return this;
  }

  last(): RecordedRequest {
    const request = this.requests.at(-1);
    if (request === undefined) throw new Error("The server has received no request.");
    return request;
  }

  /** The requests recorded since the last call, oldest first. */
  take(): RecordedRequest[] {
    return this.requests.splice(0);
  }

  reset(): void {
    this.requests.length = 0;
    this.queue.length = 0;
    this.standing = DEFAULT_RESPONSE;
  }

  /** How many TCP connections are open now. */
  connections(): Promise<number> {
    return new Promise((resolve, reject) =>
      this.server.getConnections((err, count) => (err ? reject(err) : resolve(count))),
    );
  }

  async close(): Promise<void> {
    if (!this.server.listening) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      this.server.close((error) => (error ? reject(error) : resolve())),
    );
  }
}

export { RecordingServer };
export type { CannedResponse, RecordedRequest };
