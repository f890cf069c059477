import { createHash, randomBytes } from "node:crypto";

/**
 * 64 of RFC 7636 §4.1's unreserved characters: 256 is a multiple of 64, so one random byte picks
 * each character without modulo bias.
 */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-.";
/** The AWS CLI's length; RFC 7636 §4.1 allows 43 to 128. */
const VERIFIER_LENGTH = 64;

interface PkcePair {
  codeVerifier: string;
  /** RFC 7636 §4.2 S256: base64url(SHA-256(ASCII(verifier))) without padding. */
  codeChallenge: string;
}

function createPkcePair(random: (size: number) => Buffer = randomBytes): PkcePair {
  const bytes = random(VERIFIER_LENGTH);
  let codeVerifier = "";
  for (const byte of bytes) codeVerifier += ALPHABET[byte % 64];
  const codeChallenge = createHash("sha256").update(codeVerifier, "ascii").digest("base64url");
  return { codeVerifier, codeChallenge };
}

export { createPkcePair };
export type { PkcePair };
