/**
 * The API's side of HTTP: request bodies and their JSON members, JSON answers and errors, CORS.
 * The HTML pages' side (forms, page headers) is in pages.ts.
 */
import { ServiceError } from "./errors";
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { PortalError, SignatureError } from "./errors";

const MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads the whole body. An oversized one is drained (not buffered) before the 413, so the
 * client is done sending and reads the answer instead of a reset connection.
 */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let sizeBytes = 0;
    req.on("data", (chunk: Buffer) => {
      sizeBytes += chunk.length;
      if (sizeBytes <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("error", reject);
    req.on("end", () => {
      if (sizeBytes > MAX_BODY_BYTES) {
        reject(
          new ServiceError(
            "InvalidRequestException",
            `Request body is larger than ${MAX_BODY_BYTES} bytes`,
            { status: 413 },
          ),
        );
      } else {
        resolve(Buffer.concat(chunks));
      }
    });
  });
}

type JsonObject = Record<string, unknown>;

/** restJson1 bodies are JSON objects sent as `application/json`; an empty body is `{}`. */
function parseJsonBody(headers: IncomingHttpHeaders, body: Buffer): JsonObject {
  if (body.length === 0) return {};
  const mediaType = headers["content-type"]?.split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") {
    throw new ServiceError("InvalidRequestException", "Content-Type must be application/json", {
      status: 415,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw new ServiceError("InvalidRequestException", "Request body is not valid JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ServiceError("InvalidRequestException", "Request body must be a JSON object");
  }
  return parsed as JsonObject;
}

/**
 * Input length limits. The model declares none (no `@length` trait on any input member), so
 * the service's own are unknown; these are the emulator's: above what any client sends, and
 * small enough that the records kept from one request (a registration holds its name, scopes
 * and redirect URIs for 90 days) stay a few KB, not the size of the request body.
 */
const MAX_LENGTH_DEFAULT = 2048;
/** Longer for members that carry tokens from other identity providers (RFC 7523, RFC 8693). */
const MAX_LENGTH: Readonly<Record<string, number>> = {
  clientName: 256,
  assertion: 16_384,
  subjectToken: 16_384,
};
/** Items in a list member, and the length of each. */
const MAX_ITEMS: Readonly<Record<string, { items: number; length: number }>> = {
  scopes: { items: 25, length: 256 },
  scope: { items: 25, length: 256 },
  grantTypes: { items: 8, length: 256 },
  redirectUris: { items: 8, length: MAX_LENGTH_DEFAULT },
};
const MAX_ITEMS_DEFAULT = { items: 25, length: MAX_LENGTH_DEFAULT };

/** The service's validation wording; the value is not echoed (it may be a secret, or huge). */
function tooLong(path: string, max: number): ServiceError {
  return new ServiceError(
    "InvalidRequestException",
    `Value at '${path}' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
  );
}

/** Input members by their model names; type errors name the member, as the service does. */
function readOptionalString(body: JsonObject, member: string): string | undefined {
  const value = body[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") {
    throw new ServiceError("InvalidRequestException", `Parameter '${member}' must be a string`);
  }
  const max = MAX_LENGTH[member] ?? MAX_LENGTH_DEFAULT;
  if (value.length > max) throw tooLong(member, max);
  return value;
}

function readRequiredString(body: JsonObject, member: string): string {
  const value = readOptionalString(body, member);
  if (value === undefined || value === "") {
    throw new ServiceError("InvalidRequestException", `Missing required parameter '${member}'`);
  }
  return value;
}

function readOptionalStringList(body: JsonObject, member: string): string[] | undefined {
  const value = body[member];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw new ServiceError(
      "InvalidRequestException",
      `Parameter '${member}' must be a list of strings`,
    );
  }
  const max = MAX_ITEMS[member] ?? MAX_ITEMS_DEFAULT;
  if (value.length > max.items) throw tooLong(member, max.items);
  const long = value.findIndex((item: string) => item.length > max.length);
  if (long !== -1) throw tooLong(`${member}.${long + 1}.member`, max.length);
  return value as string[];
}

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

/** The errors whose body is `{"message": ...}` and whose type header is the bare name. */
function sendMessageError(res: ServerResponse, error: SignatureError | PortalError): void {
  sendJson(res, error.status, error.body, { "x-amzn-errortype": error.type });
}

/** A restJson1 operation without output members answers 200 with an empty body. */
function sendEmpty(res: ServerResponse): void {
  res.writeHead(200, { "content-length": 0 });
  res.end();
}

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
  "x-amz-sso_bearer_token",
].join(", ");

/**
 * Browser code reads these to tell service errors apart: a restJson1 client takes the error type
 * from `x-amzn-ErrorType` first, and a browser hides every response header CORS does not expose.
 */
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

/**
 * Node's own answer to a request it cannot parse is a bare 400 with no body; this one is the
 * service's JSON error, so every answer a client gets reads the same way. A socket that is
 * already gone is just dropped.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
  const status = tooLarge ? "431 Request Header Fields Too Large" : "400 Bad Request";
  const answer = new ServiceError(
    "InvalidRequestException",
    tooLarge ? "Request headers are too large" : "Malformed HTTP request",
  );
  const body = JSON.stringify(answer.body);
  socket.end(
    `HTTP/1.1 ${status}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
      `x-amzn-errortype: ${answer.errorTypeHeader}\r\nconnection: close\r\n\r\n${body}`,
  );
}

export {
  answerClientError,
  readBody,
  parseJsonBody,
  readOptionalString,
  readRequiredString,
  readOptionalStringList,
  sendJson,
  sendServiceError,
  sendMessageError,
  sendEmpty,
  setCorsHeaders,
  sendPreflight,
};
export type { JsonObject };
