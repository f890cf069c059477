import type { IncomingMessage, ServerResponse } from "node:http";

/** Headers the official client sends from a browser; echoed when the preflight names none. */
const DEFAULT_ALLOWED_HEADERS = [
  "content-type",
  "x-amz-user-agent",
  "amz-sdk-invocation-id",
  "amz-sdk-request",
  "authorization",
  "x-amz-date",
  "x-amz-content-sha256",
  "x-amz-security-token",
].join(", ");

/** Browser code reads these to tell service errors apart (FACTS.md, restJson1 error types). */
const EXPOSED_HEADERS = "x-amzn-requestid, x-amzn-errortype";

function setCorsHeaders(res: ServerResponse, allowedOrigin: string): void {
  res.setHeader("access-control-allow-origin", allowedOrigin);
  res.setHeader("access-control-expose-headers", EXPOSED_HEADERS);
  // A fixed origin makes the answer depend on the request's Origin for caches (Fetch §3.2.5).
  if (allowedOrigin !== "*") res.setHeader("vary", "origin");
}

/** Fetch standard CORS-preflight: answer OPTIONS without running the operation. */
function sendPreflight(req: IncomingMessage, res: ServerResponse): void {
  const requested = req.headers["access-control-request-headers"];
  res.writeHead(204, {
    "access-control-allow-methods": "GET, POST, OPTIONS",
    "access-control-allow-headers": requested || DEFAULT_ALLOWED_HEADERS,
    "access-control-max-age": "600",
    "content-length": 0,
  });
  res.end();
}

export { setCorsHeaders, sendPreflight };
