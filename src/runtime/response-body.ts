import type { Readable } from "node:stream";
import type { HttpResponse, ResponseMetadata, SerdeContext } from "@smithy/types";
import { ResponseTooLargeError } from "./errors";

/*
 * A response body read into memory, never more of it than the client's
 * `maxResponseBytes`, and described for messages without quoting it: a body
 * that does not parse may be a token response cut short, and its text would
 * carry the tokens into error messages and logs.
 *
 * `@smithy/core`'s `collectBody` and the handlers' stream collectors read a
 * body whole, with no limit; reading it here is what lets the client stop at
 * the limit and drop the connection instead of buffering the rest.
 */

/** This service's responses are a few KB; a megabyte leaves room for any of them. */
const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

/** Where a body being read came from, for the error that says it is too large. */
interface BodySite {
  readonly operation: string;
  readonly $metadata: ResponseMetadata;
}

/** The client config's `maxResponseBytes`, checked when the client is built. */
function resolveMaxResponseBytes(value: unknown): number {
  if (value === undefined) return DEFAULT_MAX_RESPONSE_BYTES;
  if (
    value === Infinity ||
    (typeof value === "number" && Number.isSafeInteger(value) && value > 0)
  ) {
    return value;
  }
  throw new RangeError(
    `SSOOIDCClient: maxResponseBytes must be a positive integer number of bytes (or Infinity for no limit), got ${String(value)}.`,
  );
}

/** The limit the client was built with; the serde context is the client's resolved config. */
function maxResponseBytesOf(context: SerdeContext): number {
  const value = (context as SerdeContext & { maxResponseBytes?: unknown }).maxResponseBytes;
  return typeof value === "number" && value > 0 ? value : DEFAULT_MAX_RESPONSE_BYTES;
}

function isNodeStream(body: unknown): body is Readable {
  const readable = body as Readable | undefined;
  return (
    typeof readable?.pipe === "function" && typeof readable[Symbol.asyncIterator] === "function"
  );
}

function isWebStream(body: unknown): body is ReadableStream<Uint8Array> {
  return typeof (body as ReadableStream | undefined)?.getReader === "function";
}

function isBlob(body: unknown): body is Blob {
  return typeof Blob === "function" && body instanceof Blob;
}

function concat(chunks: readonly Uint8Array[], sizeBytes: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(sizeBytes);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Collects a node stream from its `data` events; more than `maxBytes`
 * destroys it, which frees the socket. Listening costs less CPU per request
 * than the Writable that `@smithy/core/serde`'s collector pipes every body
 * into (measured with `npm run bench`).
 */
function readNodeStream(
  stream: Readable,
  maxBytes: number,
  tooLarge: () => Error,
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let sizeBytes = 0;
    let settled = false;
    const settle = (error: Error | undefined) => {
      if (settled) return;
      settled = true;
      stream.off("data", onData);
      if (error === undefined) resolve(concat(chunks, sizeBytes));
      else reject(error);
    };
    const onData = (chunk: Uint8Array | string) => {
      const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
      sizeBytes += bytes.byteLength;
      if (sizeBytes > maxBytes) {
        settle(tooLarge());
        stream.destroy();
        return;
      }
      chunks.push(bytes);
    };
    stream.on("data", onData);
    stream.once("error", (error) => settle(error));
    stream.once("end", () => settle(undefined));
    // Destroyed without an error (by its owner): the body will never end. Every body closes
    // after it ends, so the error is built only when it is needed: capturing its stack on
    // each response was 3% of a request's CPU in `npm run bench`'s profile.
    stream.once("close", () => {
      if (!settled) settle(new Error("The response body was closed before it ended."));
    });
  });
}

/** The same for a fetch body; more than `maxBytes` cancels it, which aborts the fetch. */
async function readWebStream(
  stream: ReadableStream<Uint8Array>,
  maxBytes: number,
  tooLarge: () => Error,
): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let sizeBytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return concat(chunks, sizeBytes);
    sizeBytes += value.byteLength;
    if (sizeBytes > maxBytes) {
      reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
}

/** Drops a body that will not be read, so its connection is not left waiting. */
function discard(body: unknown): void {
  if (isNodeStream(body)) body.destroy();
  else if (isWebStream(body)) body.cancel().catch(() => undefined);
}

/**
 * The whole body as bytes, whatever the handler delivered it as, or a
 * ResponseTooLargeError as soon as it is known to exceed the client's
 * `maxResponseBytes`: from `content-length` before reading, else at the
 * chunk that crosses the limit.
 */
async function readBodyBytes(
  response: HttpResponse,
  context: SerdeContext,
  site: BodySite,
): Promise<Uint8Array> {
  const maxBytes = maxResponseBytesOf(context);
  const tooLarge = () => new ResponseTooLargeError(site.operation, site.$metadata, maxBytes);
  const { body } = response;
  const declared = Number(response.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    discard(body);
    throw tooLarge();
  }
  let bytes: Uint8Array;
  if (body === undefined || body === null) bytes = new Uint8Array(0);
  else if (body instanceof Uint8Array) bytes = body;
  else if (typeof body === "string") bytes = context.utf8Decoder(body);
  else if (isNodeStream(body)) return readNodeStream(body, maxBytes, tooLarge);
  else if (isWebStream(body)) return readWebStream(body, maxBytes, tooLarge);
  else if (isBlob(body)) {
    if (body.size > maxBytes) throw tooLarge();
    bytes = new Uint8Array(await body.arrayBuffer());
  } else bytes = await context.streamCollector(body);
  if (bytes.byteLength > maxBytes) throw tooLarge();
  return bytes;
}

export {
  DEFAULT_MAX_RESPONSE_BYTES,
  isNodeStream,
  maxResponseBytesOf,
  readBodyBytes,
  readNodeStream,
  resolveMaxResponseBytes,
};
export type { BodySite };
