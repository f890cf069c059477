/**
 * What the emulator mints and checks: ids and secrets, role credentials, HS256 id tokens, JWT
 * structure, PKCE.
 */
import {
  createHash,
  createHmac,
  randomBytes,
  randomInt,
  randomUUID,
  timingSafeEqual,
} from "node:crypto";

/** Everything the emulator mints; tests inject a generator keyed by these for exact values. */
type EmulatorIdKind =
  | "requestId"
  | "clientId"
  | "clientSecret"
  | "deviceCode"
  | "userCode"
  | "consentRequest"
  | "authorizationCode"
  | "accessToken"
  | "refreshToken"
  | "identityContext"
  | "accessKeyId"
  | "secretAccessKey"
  | "sessionToken";

/**
 * RFC 8628 §6.1: user codes from a base-20 alphabet without vowels (no words) and without
 * look-alike characters, case-insensitive, in two groups of four for readability.
 */
const USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";

function generateUserCode(): string {
  let code = "";
  for (let i = 0; i < 8; i++) code += USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * Temporary AWS credentials as STS shapes them, so code that checks their form accepts them: an
 * access key id of `ASIA` (the prefix of temporary keys) and 16 characters from the base32
 * alphabet, a 40-character base64 secret, and a long base64 session token.
 */
const ACCESS_KEY_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function generateAccessKeyId(): string {
  const characters = Array.from(
    { length: 16 },
    () => ACCESS_KEY_ID_ALPHABET[randomInt(ACCESS_KEY_ID_ALPHABET.length)],
  );
  return `ASIA${characters.join("")}`;
}

/** Bytes of entropy per secret; RFC 6749 §10.10 asks for codes and tokens that cannot be guessed. */
const ENTROPY_BYTES: Record<
  Exclude<
    EmulatorIdKind,
    "requestId" | "userCode" | "accessKeyId" | "secretAccessKey" | "sessionToken"
  >,
  number
> = {
  clientId: 24,
  clientSecret: 48,
  deviceCode: 32,
  consentRequest: 24,
  authorizationCode: 32,
  accessToken: 48,
  refreshToken: 48,
  identityContext: 24,
};

/** Prefixes as the real service's tokens have them ("aoa" access, "aor" refresh). */
const PREFIX: Partial<Record<EmulatorIdKind, string>> = { accessToken: "aoa", refreshToken: "aor" };

function generateId(kind: EmulatorIdKind): string {
  switch (kind) {
    case "requestId":
      return randomUUID();
    case "userCode":
      return generateUserCode();
    case "accessKeyId":
      return generateAccessKeyId();
    case "secretAccessKey":
      // 30 bytes are exactly 40 base64 characters, without padding.
      return randomBytes(30).toString("base64");
    case "sessionToken":
      return randomBytes(240).toString("base64");
    default:
      return (PREFIX[kind] ?? "") + randomBytes(ENTROPY_BYTES[kind]).toString("base64url");
  }
}

function base64urlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/** RFC 7519 §7.1 / RFC 7515 §3.1 compact JWS with HS256; the emulator's tokens need no PKI. */
function signJwt(payload: Record<string, unknown>, key: Buffer): string {
  const signingInput = `${base64urlJson({ alg: "HS256", typ: "JWT" })}.${base64urlJson(payload)}`;
  const signature = createHmac("sha256", key).update(signingInput).digest("base64url");
  return `${signingInput}.${signature}`;
}

type JwtPart = Record<string, unknown>;

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function decodePart(part: string): JwtPart | undefined {
  if (!BASE64URL.test(part)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as JwtPart)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * RFC 7519 §7.2 steps 1–5 (structure only, no signature check): three base64url parts, the
 * first two JSON objects. Returns undefined for anything else.
 */
function decodeJwt(token: string): { header: JwtPart; payload: JwtPart } | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || !parts[2] || !BASE64URL.test(parts[2])) return undefined;
  const header = decodePart(parts[0] ?? "");
  const payload = decodePart(parts[1] ?? "");
  return header && payload ? { header, payload } : undefined;
}

/** RFC 7636 §4.1: code_verifier = 43*128 unreserved characters. */
const CODE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
/** RFC 7636 §4.2: an S256 challenge is an unpadded base64url SHA-256, always 43 characters. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

function isS256Challenge(challenge: string): boolean {
  return S256_CHALLENGE.test(challenge);
}

/** RFC 7636 §4.6: BASE64URL-ENCODE(SHA256(ASCII(code_verifier))) == code_challenge. */
function verifyPkce(codeVerifier: string, codeChallenge: string): boolean {
  if (!CODE_VERIFIER.test(codeVerifier)) return false;
  const computed = Buffer.from(createHash("sha256").update(codeVerifier).digest("base64url"));
  const expected = Buffer.from(codeChallenge);
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}

export { generateId, signJwt, decodeJwt, verifyPkce, isS256Challenge };
export type { EmulatorIdKind };
