import { createHmac } from "node:crypto";

function base64urlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/** RFC 7519 §7.1 / RFC 7515 §3.1 compact JWS with HS256; the emulator's tokens need no PKI. */
function signJwt(payload: Record<string, unknown>, key: Buffer): string {
  const signingInput = `${base64urlJson({ alg: "HS256", typ: "JWT" })}.${base64urlJson(payload)}`;
  const signature = createHmac("sha256", key).update(signingInput).digest("base64url");
  return `${signingInput}.${signature}`;
}

export { signJwt };
