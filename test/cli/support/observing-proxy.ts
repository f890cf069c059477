import { createServer, request } from "node:http";
import { onTestFinished } from "vitest";
import type { AddressInfo } from "node:net";

/*
 * A loopback HTTP proxy in front of a server (the emulator): it records every request the CLI
 * sends, with the CreateToken grant type, and may rewrite a response body on its way back.
 */

interface ObservedRequest {
  method: string;
  path: string;
  /** CreateToken's `grantType`; undefined for other operations. */
  grantType: string | undefined;
}

/** Rewrites a response body, e.g. to cut it short or change a member. */
type RewriteBody = (path: string, body: string) => string;

interface ObservingProxy {
  url: string;
  requests: ObservedRequest[];
  rewrite: RewriteBody | undefined;
}

function grantTypeOf(path: string, body: string): string | undefined {
  if (!path.startsWith("/token")) return undefined;
  try {
    return (JSON.parse(body) as { grantType?: string }).grantType;
  } catch {
    return undefined;
  }
}

/** Started on port 0 in front of `target` (an `http://host:port` URL), closed after the test. */
async function startObservingProxy(target: string): Promise<ObservingProxy> {
  const upstream = new URL(target);
  const proxy: ObservingProxy = { url: "", requests: [], rewrite: undefined };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const path = req.url ?? "/";
      proxy.requests.push({
        method: req.method ?? "",
        path,
        grantType: grantTypeOf(path, body.toString("utf8")),
      });
      const forwarded = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path,
          headers: { ...req.headers, host: upstream.host },
        },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on("data", (chunk: Buffer) => parts.push(chunk));
          answer.on("end", () => {
            let text = Buffer.concat(parts).toString("utf8");
            if (proxy.rewrite) text = proxy.rewrite(path, text);
            const headers = { ...answer.headers };
            delete headers["transfer-encoding"];
            headers["content-length"] = String(Buffer.byteLength(text));
            res.writeHead(answer.statusCode ?? 502, headers);
            res.end(text);
          });
        },
      );
      forwarded.on("error", () => res.destroy());
      forwarded.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}

export { startObservingProxy };
export type { ObservedRequest, ObservingProxy, RewriteBody };
