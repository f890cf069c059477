import type { IncomingMessage } from "node:http";
import { ServiceError } from "./service-error.js";

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

export { readBody, MAX_BODY_BYTES };
