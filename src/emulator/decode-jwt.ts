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

export { decodeJwt };
