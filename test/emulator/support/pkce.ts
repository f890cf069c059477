import { createHash, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { onTestFinished } from "vitest";
import type { AddressInfo } from "node:net";

/** RFC 7636 §4.1–4.2: a 64-character verifier and its S256 challenge. */
function createPkcePair() {
  const codeVerifier = randomBytes(48).toString("base64url");
  const codeChallenge = createHash("sha256").update(codeVerifier).digest("base64url");
  return { codeVerifier, codeChallenge };
}

/** A loopback redirect listener (RFC 8252 §7.3) that records the query it receives. */
async function startLoopbackListener() {
  const received: URLSearchParams[] = [];
  const server = createServer((req, res) => {
    received.push(new URL(req.url ?? "/", "http://127.0.0.1").searchParams);
    res.writeHead(200, { "content-type": "text/html" }).end("<h1>Signed in</h1>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  const port = (server.address() as AddressInfo).port;
  return { port, redirectUri: `http://127.0.0.1:${port}/oauth/callback`, received };
}

function authorizeUrl(
  baseUrl: string,
  params: {
    clientId: string;
    redirectUri: string;
    state: string;
    codeChallenge: string;
    scopes?: string;
  },
): string {
  const query = new URLSearchParams({
    response_type: "code",
    client_id: params.clientId,
    redirect_uri: params.redirectUri,
    state: params.state,
    code_challenge_method: "S256",
    scopes: params.scopes ?? "sso:account:access",
    code_challenge: params.codeChallenge,
  });
  return `${baseUrl}/authorize?${query}`;
}

export { createPkcePair, startLoopbackListener, authorizeUrl };
