import { createServer } from "node:http";
import { onTestFinished } from "vitest";
import type { AddressInfo } from "node:net";

/*
 * A loopback server that answers CreateToken with a 200 whose token JSON is cut short, and a
 * check that no part of a secret appears in a text.
 */

/** Secrets with no word in them, so any run of their characters in a message is a leak. */
const NEW_SECRETS = {
  accessToken: "aT7qXk2VbN9wLp4RzD8mYc3HsJ6fGt1QeU5oKiA0nWxBvPyM",
  refreshToken: "rF3zQw8NxK1pVb6TmL9cYd2HsR7gJe4UaX0oWiB5nMkCtZqE",
  idToken: "iD5kWq2ZxN8vBp3LmR7cTy1HsG6fJd9QeU4oXaK0nVwMbPzC",
};

/** The service's answer, in its member order. */
const TOKEN_BODY = JSON.stringify({
  accessToken: NEW_SECRETS.accessToken,
  tokenType: "Bearer",
  expiresIn: 3600,
  refreshToken: NEW_SECRETS.refreshToken,
  idToken: NEW_SECRETS.idToken,
});

interface CutTokenServer {
  url: string;
  /** How many bytes of TOKEN_BODY the next answers carry. */
  cutAt: number;
  requests: number;
}

/** Started on port 0, closed when the test finishes. */
async function startCutTokenServer(): Promise<CutTokenServer> {
  const state = { url: "", cutAt: TOKEN_BODY.length, requests: 0 };
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      state.requests += 1;
      const body = TOKEN_BODY.slice(0, state.cutAt);
      res.writeHead(200, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
      });
      res.end(body);
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
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

/** Every run of `window` characters of a secret that `text` contains. */
function leakedParts(text: string, secrets: readonly string[], window = 6): string[] {
  const found = new Set<string>();
  for (const secret of secrets) {
    for (let i = 0; i + window <= secret.length; i += 1) {
      const part = secret.slice(i, i + window);
      if (text.includes(part)) found.add(part);
    }
  }
  return [...found];
}

export { NEW_SECRETS, TOKEN_BODY, leakedParts, startCutTokenServer };
export type { CutTokenServer };
