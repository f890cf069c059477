import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface CannedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * A real HTTP server on 127.0.0.1 and an ephemeral port that records every
 * request and answers with the response the test queued (or 200 `{}`).
 */
class RecordingServer {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: CannedResponse[] = [];
  private server: Server | undefined;
  url = "";

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        this.requests.push({
          method: req.method ?? "",
          url: req.url ?? "",
          headers: req.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        });
        const next = this.queue.shift() ?? { status: 200, body: "{}" };
        res.writeHead(next.status, {
          "x-amzn-requestid": "req-1",
          ...(next.body !== undefined && next.body !== ""
            ? { "content-type": "application/json" }
            : {}),
          ...next.headers,
        });
        res.end(next.body ?? "");
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  respond(response: CannedResponse): this {
    this.queue.push(response);
    return this;
  }

  last(): RecordedRequest {
    const request = this.requests.at(-1);
    if (request === undefined) throw new Error("The server has received no request.");
    return request;
  }

  reset(): void {
    this.requests.length = 0;
    this.queue.length = 0;
  }

  /** How many TCP connections are open now. */
  connections(): Promise<number> {
    return new Promise((resolve, reject) =>
      this.server!.getConnections((err, count) => (err ? reject(err) : resolve(count))),
    );
  }

  async close(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export { RecordingServer };
export type { CannedResponse, RecordedRequest };
