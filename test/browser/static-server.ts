import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

interface StaticFile {
  contentType: string;
  body: string;
}

interface StaticServer {
  /** `http://127.0.0.1:<port>`: the page's origin, never the emulator's. */
  readonly url: string;
  /** Every path the browser asked for, in order. */
  readonly requested: readonly string[];
  close(): Promise<void>;
}

/** Serves fixed files from memory on 127.0.0.1, port 0; anything else is a 404. */
async function startStaticServer(files: Record<string, StaticFile>): Promise<StaticServer> {
  const requested: string[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    requested.push(path);
    const file = files[path];
    if (req.method !== "GET" || !file) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": file.contentType, "cache-control": "no-store" });
    res.end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requested,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

export { startStaticServer };
export type { StaticFile, StaticServer };
