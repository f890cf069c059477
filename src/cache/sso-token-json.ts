import { formatCacheTime } from "./format-cache-time";
import { parseCacheTime } from "./parse-cache-time";
import type { SsoToken } from "./sso-cache-types";

type JsonRecord = Record<string, unknown>;

function optionalString(record: JsonRecord, key: string): string | undefined {
  const value = record[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * A token file's JSON as an `SsoToken`, or undefined when it has no usable `accessToken` and
 * `expiresAt`. Optional members of the wrong type are dropped rather than trusted.
 */
function parseSsoToken(json: unknown): SsoToken | undefined {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return undefined;
  const record = json as JsonRecord;
  const accessToken = optionalString(record, "accessToken");
  const expiresAt = parseCacheTime(record["expiresAt"]);
  if (accessToken === undefined || expiresAt === undefined) return undefined;
  const token: SsoToken = { accessToken, expiresAt };
  const startUrl = optionalString(record, "startUrl");
  const region = optionalString(record, "region");
  const clientId = optionalString(record, "clientId");
  const clientSecret = optionalString(record, "clientSecret");
  const registrationExpiresAt = parseCacheTime(record["registrationExpiresAt"]);
  const refreshToken = optionalString(record, "refreshToken");
  if (startUrl !== undefined) token.startUrl = startUrl;
  if (region !== undefined) token.region = region;
  if (clientId !== undefined) token.clientId = clientId;
  if (clientSecret !== undefined) token.clientSecret = clientSecret;
  if (registrationExpiresAt !== undefined) token.registrationExpiresAt = registrationExpiresAt;
  if (refreshToken !== undefined) token.refreshToken = refreshToken;
  return token;
}

/** The AWS CLI's key order and time format; absent members are left out, not written null. */
function formatSsoToken(token: SsoToken): JsonRecord {
  const entries: [string, unknown][] = [
    ["startUrl", token.startUrl],
    ["region", token.region],
    ["accessToken", token.accessToken],
    ["expiresAt", formatCacheTime(token.expiresAt)],
    ["clientId", token.clientId],
    ["clientSecret", token.clientSecret],
    [
      "registrationExpiresAt",
      token.registrationExpiresAt && formatCacheTime(token.registrationExpiresAt),
    ],
    ["refreshToken", token.refreshToken],
  ];
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined));
}

export { parseSsoToken, formatSsoToken };
