import type { RegistrationCacheKey } from "./sso-cache";

/*
 * How the AWS CLI v2 names its cache files, so that it, the AWS SDKs and this package find each
 * other's tokens and registrations.
 */

/** The JSON values the AWS CLI's cache keys are built from. */
type PythonJsonValue =
  | null
  | boolean
  | number
  | string
  | readonly PythonJsonValue[]
  | { readonly [key: string]: PythonJsonValue };

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\b": "\\b",
  "\f": "\\f",
};

/**
 * Python's default `ensure_ascii=True`: everything outside printable ASCII becomes `\uxxxx`
 * (lower-case hex, astral characters as their UTF-16 surrogate pair), which is also how
 * JavaScript strings store them, so escaping per code unit matches.
 */
function pythonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    const char = text[i]!;
    const short = SHORT_ESCAPES[char];
    if (short !== undefined) out += short;
    else if (unit >= 0x20 && unit <= 0x7e) out += char;
    else out += `\\u${unit.toString(16).padStart(4, "0")}`;
  }
  return `${out}"`;
}

/** Python sorts `str` keys by code point; JavaScript's default sort compares UTF-16 units. */
function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a, (c) => c.codePointAt(0)!);
  const right = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
    if (left[i] !== right[i]) return left[i]! - right[i]!;
  }
  return left.length - right.length;
}

/**
 * The text of Python's `json.dumps(value, sort_keys=True)`, which the AWS CLI hashes to name
 * cache files: with the default separators (`", "` and `": "`) for registrations, with
 * `separators=(",", ":")` (`compact`) for role credentials. Numbers are limited to safe
 * integers, whose text is the same in both languages.
 */
function pythonJsonDumps(value: PythonJsonValue, compact = false): string {
  const [item, colon] = compact ? [",", ":"] : [", ", ": "];
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "string") return pythonString(value);
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) {
      throw new RangeError(`pythonJsonDumps: only safe integers are supported, got ${value}`);
    }
    return String(value);
  }
  if (Array.isArray(value)) {
    const items = value as readonly PythonJsonValue[];
    return `[${items.map((entry) => pythonJsonDumps(entry, compact)).join(item)}]`;
  }
  const record = value as { readonly [key: string]: PythonJsonValue };
  const keys = Object.keys(record).sort(compareCodePoints);
  return `{${keys.map((key) => `${pythonString(key)}${colon}${pythonJsonDumps(record[key]!, compact)}`).join(item)}}`;
}

/**
 * The AWS CLI names cache files by the SHA-1 (FIPS 180-4, section 6.1) of a UTF-8 string, in
 * lower-case hex. Written here rather than taken from `node:crypto`, whose loading measured 4 to
 * 6 ms of `sso-oidc token` with a valid cached token (a fifth of its time over `node -e 1`), for
 * hashing a name of a few dozen bytes. It names files only; nothing here depends on SHA-1 as a
 * security function.
 */
function sha1Hex(text: string): string {
  const bytes = new TextEncoder().encode(text);
  // The message padded to a multiple of 64 bytes: a 1 bit, zeros, then the bit length.
  const padded = new Uint8Array(((bytes.length + 8) >> 6) * 64 + 64);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bytes.length / 0x20000000));
  view.setUint32(padded.length - 4, (bytes.length * 8) >>> 0);
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w = new Uint32Array(80);
  for (let block = 0; block < padded.length; block += 64) {
    for (let t = 0; t < 16; t++) w[t] = view.getUint32(block + t * 4);
    for (let t = 16; t < 80; t++) {
      const x = w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!;
      w[t] = (x << 1) | (x >>> 31);
    }
    let [a, b, c, d, e] = h as [number, number, number, number, number];
    for (let t = 0; t < 80; t++) {
      const f =
        t < 20
          ? ((b & c) | (~b & d)) + 0x5a827999
          : t < 40
            ? (b ^ c ^ d) + 0x6ed9eba1
            : t < 60
              ? ((b & c) | (b & d) | (c & d)) + 0x8f1bbcdc
              : (b ^ c ^ d) + 0xca62c1d6;
      const temp = (((a << 5) | (a >>> 27)) + f + e + w[t]!) >>> 0;
      e = d;
      d = c;
      c = ((b << 30) | (b >>> 2)) >>> 0;
      b = a;
      a = temp;
    }
    h[0] = (h[0]! + a) >>> 0;
    h[1] = (h[1]! + b) >>> 0;
    h[2] = (h[2]! + c) >>> 0;
    h[3] = (h[3]! + d) >>> 0;
    h[4] = (h[4]! + e) >>> 0;
  }
  return h.map((word) => word.toString(16).padStart(8, "0")).join("");
}

/**
 * The file name stem of a cached token: sha1 of the sso-session name, or of the start URL for
 * legacy profiles without an sso-session (AWS CLI v2, and `@aws-sdk/token-providers`).
 */
function tokenCacheKey(sessionNameOrStartUrl: string): string {
  return sha1Hex(sessionNameOrStartUrl);
}

/**
 * The file name stem the AWS CLI v2 gives a client registration (botocore `SSOTokenFetcher.
 * _registration_cache_key`): sha1 of `json.dumps(args, sort_keys=True)`, with `scopes` and
 * `session_name` null when absent, so the CLI and this package find each other's registrations.
 */
function registrationCacheKey(key: RegistrationCacheKey): string {
  const scopes = key.scopes && key.scopes.length > 0 ? key.scopes : null;
  return sha1Hex(
    pythonJsonDumps({
      tool: "botocore",
      startUrl: key.startUrl,
      region: key.region,
      scopes,
      session_name: key.sessionName ?? null,
    }),
  );
}

/** What the AWS CLI caches role credentials under: the profile's account and role, and its login. */
interface RoleCredentialsCacheKey {
  accountId: string;
  roleName: string;
  /** The sso-session name; absent for legacy profiles, which are keyed by `startUrl`. */
  sessionName?: string | undefined;
  startUrl: string;
}

/**
 * The file name stem the AWS CLI v2 gives role credentials it got with an SSO token, in
 * `~/.aws/cli/cache` (botocore `SSOCredentialFetcher._create_cache_key`): sha1 of the compact
 * `json.dumps` of the account id, the role name and the sso-session name, or the start URL for
 * a legacy profile.
 */
function roleCredentialsCacheKey(key: RoleCredentialsCacheKey): string {
  const args: Record<string, string> = { accountId: key.accountId, roleName: key.roleName };
  if (key.sessionName !== undefined) args["sessionName"] = key.sessionName;
  else args["startUrl"] = key.startUrl;
  return sha1Hex(pythonJsonDumps(args, true));
}

export { pythonJsonDumps, registrationCacheKey, roleCredentialsCacheKey, tokenCacheKey };
export type { PythonJsonValue, RoleCredentialsCacheKey };
