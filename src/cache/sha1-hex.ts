import { createHash } from "node:crypto";

/** The AWS CLI names cache files by the SHA-1 of a UTF-8 string, in lower-case hex. */
function sha1Hex(text: string): string {
  return createHash("sha1").update(text, "utf8").digest("hex");
}

export { sha1Hex };
