import type { ServerResponse } from "node:http";
import type { ServiceError } from "./service-error.js";
import type { SignatureError } from "./signature-error.js";

/**
 * Headers that keep the HTML pages from being framed, cached or leaking codes via Referer.
 * `same-origin`, not `no-referrer`: under `no-referrer` Chromium sends `Origin: null` with the
 * pages' own form posts, which the CSRF check in read-form.ts must then refuse.
 */
const PAGE_HEADERS = {
  "cache-control": "no-store",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
  "referrer-policy": "same-origin",
  "x-frame-options": "DENY",
};

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

function sendServiceError(res: ServerResponse, error: ServiceError): void {
  sendJson(res, error.status, error.body, { "x-amzn-errortype": error.errorTypeHeader });
}

function sendSignatureError(res: ServerResponse, error: SignatureError): void {
  sendJson(res, error.status, error.body, { "x-amzn-errortype": error.type });
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    ...PAGE_HEADERS,
    "content-type": "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(html),
  });
  res.end(html);
}

function sendRedirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { ...PAGE_HEADERS, location, "content-length": 0 });
  res.end();
}

export { sendJson, sendServiceError, sendSignatureError, sendHtml, sendRedirect };
