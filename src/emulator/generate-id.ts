import { randomBytes, randomInt, randomUUID } from "node:crypto";

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
  | "identityContext";

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

/** Bytes of entropy per secret; RFC 6749 §10.10 asks for codes and tokens that cannot be guessed. */
const ENTROPY_BYTES: Record<Exclude<EmulatorIdKind, "requestId" | "userCode">, number> = {
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
  if (kind === "requestId") return randomUUID();
  if (kind === "userCode") return generateUserCode();
  return (PREFIX[kind] ?? "") + randomBytes(ENTROPY_BYTES[kind]).toString("base64url");
}

export { generateId, USER_CODE_ALPHABET };
export type { EmulatorIdKind };
