import { createServer } from "node:http";
import { LoginDeniedError } from "./login-denied-error";
import { StateMismatchError } from "./state-mismatch-error";
import { AuthorizationRedirectError } from "./authorization-redirect-error";
import type { AddressInfo } from "node:net";
import type { ServerResponse } from "node:http";

const CALLBACK_PATH = "/oauth/callback";

interface RedirectListener {
  /** `http://127.0.0.1:<port>/oauth/callback`, the redirect URI this login sends. */
  readonly redirectUri: string;
  /** The authorization code, or the redirect's error; settles on the first callback. */
  readonly code: Promise<string>;
  /** Stops listening and drops open connections; safe to call more than once. */
  close(): Promise<void>;
}

/** No scripts, no subresources, no referrer: the page's URL holds the authorization code. */
function sendPage(res: ServerResponse, status: number, title: string, text: string): void {
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    connection: "close",
  });
  res.end(
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>${title}</title>` +
      `<body style="font-family:system-ui,sans-serif;margin:3em"><h1>${title}</h1><p>${text}</p></body></html>\n`,
  );
}

function outcome(query: URLSearchParams, expectedState: string): string | Error {
  // RFC 6749 §10.12: check state before trusting anything else in the response, errors included.
  if (query.get("state") !== expectedState) return new StateMismatchError();
  const error = query.get("error");
  if (error === "access_denied") return new LoginDeniedError();
  if (error !== null) {
    return new AuthorizationRedirectError(error, query.get("error_description") ?? undefined);
  }
  const code = query.get("code");
  return code ? code : new AuthorizationRedirectError(undefined, undefined);
}

/**
 * RFC 8252 §7.3 loopback redirect: a one-shot HTTP listener on 127.0.0.1 only (§8.3: not
 * `localhost`, not every interface) and an ephemeral port. The first request to the callback path
 * settles `code` and closes the listener; other paths get 404 and change nothing.
 */
async function startRedirectListener(expectedState: string): Promise<RedirectListener> {
  let settle: { resolve: (code: string) => void; reject: (error: Error) => void };
  const code = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  // A rejection nobody awaits (the login timed out first) must not crash the process.
  code.catch(() => undefined);
  let answered = false;
  let closing: Promise<void> | undefined;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (req.method !== "GET" || url.pathname !== CALLBACK_PATH) {
      return sendPage(res, 404, "Not found", "This address only receives the login redirect.");
    }
    if (answered) {
      return sendPage(res, 409, "Login already finished", "You can close this tab.");
    }
    answered = true;
    const result = outcome(url.searchParams, expectedState);
    if (typeof result === "string") {
      sendPage(res, 200, "Login complete", "You can close this tab and return to the terminal.");
      settle.resolve(result);
    } else {
      const status = result instanceof StateMismatchError ? 400 : 200;
      sendPage(res, status, "Login failed", `${result.message.replace(/[<>&"]/g, "")}`);
      settle.reject(result);
    }
    res.once("finish", () => void close());
  });

  function close(): Promise<void> {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return { redirectUri: `http://127.0.0.1:${port}${CALLBACK_PATH}`, code, close };
}

export { startRedirectListener };
export type { RedirectListener };
