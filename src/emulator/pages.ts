/**
 * The HTML pages' shared parts: escaping template, page layout, protective headers, form posts
 * and the approve/deny form the device and authorize pages both ask with.
 */
import { readBody } from "./http";
import type { IncomingMessage, ServerResponse } from "node:http";

/** Markup that is already escaped; everything else interpolated into `html` is escaped. */
class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function toHtml(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(toHtml).join("");
  if (value === undefined || value === null || value === false) return "";
  return escapeHtml(String(value));
}

/** Template tag: every interpolated value is escaped unless it is itself `html` output. */
function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += toHtml(value) + (strings[i + 1] ?? "");
  });
  return new SafeHtml(out);
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}
code{font-size:1.4rem;letter-spacing:.1em}button{font-size:1rem;padding:.4rem 1.2rem;margin-right:.5rem}
.error{color:#a00}`;

/** A complete page; forms on it post back to the emulator and need no JavaScript. */
function renderPage(title: string, body: SafeHtml): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · SSO OIDC emulator</title>
        <style>
          ${new SafeHtml(STYLE)}
        </style>
      </head>
      <body>
        <main>
          <h1>${title}</h1>
          ${body}
        </main>
      </body>
    </html> `.value;
}

/**
 * Headers that keep the HTML pages from being framed, cached or leaking codes via Referer.
 * `same-origin`, not `no-referrer`: under `no-referrer` Chromium sends `Origin: null` with the
 * pages' own form posts, which the CSRF check in `readForm` must then refuse.
 */
const PAGE_HEADERS = {
  "cache-control": "no-store",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
  "referrer-policy": "same-origin",
  "x-frame-options": "DENY",
};

function sendHtml(res: ServerResponse, status: number, page: string): void {
  res.writeHead(status, {
    ...PAGE_HEADERS,
    "content-type": "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(page),
  });
  res.end(page);
}

function sendRedirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { ...PAGE_HEADERS, location, "content-length": 0 });
  res.end();
}

/** Why a page's form submission was refused, with the status the page answers. */
class FormError extends Error {
  override readonly name = "FormError";
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/**
 * Reads an HTML form post. A browser sends `Origin` with every POST; refusing foreign origins
 * keeps other sites from approving a login behind the user's back (RFC 6749 §10.12, CSRF).
 */
async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${req.headers.host}`) {
    throw new FormError(403, "This form can only be submitted from the emulator's own pages.");
  }
  const mediaType = req.headers["content-type"]?.split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/x-www-form-urlencoded") {
    throw new FormError(415, "Expected a form submission (application/x-www-form-urlencoded).");
  }
  const body = await readBody(req).catch(() => {
    throw new FormError(413, "The form submission is too large.");
  });
  return new URLSearchParams(body.toString("utf8"));
}

type Decision = "approve" | "deny";

/** The question both pages end with: two buttons, and the hidden field naming the request. */
function decisionForm(action: string, field: string, value: string): SafeHtml {
  return html`<form method="post" action="${action}">
    <input type="hidden" name="${field}" value="${value}" />
    <button type="submit" name="decision" value="approve">Approve</button>
    <button type="submit" name="decision" value="deny">Deny</button>
  </form>`;
}

/** The button the user pressed; anything else is refused. */
function readDecision(form: URLSearchParams): Decision {
  const decision = form.get("decision");
  if (decision !== "approve" && decision !== "deny") {
    throw new FormError(400, "Choose Approve or Deny.");
  }
  return decision;
}

function sendErrorPage(res: ServerResponse, status: number, title: string, message: string): void {
  const body = html`<p class="error" role="alert">${message}</p>`;
  sendHtml(res, status, renderPage(title, body));
}

/** Runs a form post's handler; a refused submission becomes an error page with its status. */
async function answerFormPost(
  res: ServerResponse,
  errorTitle: string,
  handle: () => Promise<void>,
): Promise<void> {
  try {
    await handle();
  } catch (error) {
    if (!(error instanceof FormError)) throw error;
    sendErrorPage(res, error.status, errorTitle, error.message);
  }
}

export {
  html,
  renderPage,
  sendHtml,
  sendRedirect,
  readForm,
  FormError,
  decisionForm,
  readDecision,
  sendErrorPage,
  answerFormPost,
};
export type { SafeHtml, Decision };
