import type { ClientRegistration, SsoToken } from "./sso-cache";

/*
 * The JSON of the cache's files as the AWS CLI writes them, and as every tool that shares the
 * cache may have written them: tokens, client registrations, and their times.
 */

type JsonRecord = Record<string, unknown>;

/**
 * Times as the tools that share the cache write them: the AWS CLI's `2025-01-01T00:00:00Z`,
 * the JS SDK's `toISOString()` with milliseconds, an explicit offset (`+00:00`), and botocore's
 * `%Z` rendering of UTC (`2025-01-01T00:00:00UTC`). Anything else is undefined, not a guess.
 */
const CACHE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|UTC|[+-]\d{2}:\d{2})$/;

function parseCacheTime(value: unknown): Date | undefined {
  if (typeof value !== "string" || !CACHE_TIME.test(value)) return undefined;
  const ms = Date.parse(value.replace(/UTC$/, "Z"));
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/**
 * `YYYY-MM-DDTHH:MM:SSZ`, the AWS CLI's `%Y-%m-%dT%H:%M:%SZ`. Milliseconds are dropped
 * (rounding down), so a cached expiry is never later than the real one.
 */
function formatCacheTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function isRecord(json: unknown): json is JsonRecord {
  return typeof json === "object" && json !== null && !Array.isArray(json);
}

function optionalString(record: JsonRecord, key: string): string | undefined {
  const value = record[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === "string")
    ? [...value]
    : undefined;
}

/**
 * A token file's JSON as an `SsoToken`, or undefined when it has no usable `accessToken` and
 * `expiresAt`. Optional members of the wrong type are dropped rather than trusted.
 */
function parseSsoToken(json: unknown): SsoToken | undefined {
  if (!isRecord(json)) return undefined;
  const accessToken = optionalString(json, "accessToken");
  const expiresAt = parseCacheTime(json["expiresAt"]);
  if (accessToken === undefined || expiresAt === undefined) return undefined;
  const token: SsoToken = { accessToken, expiresAt };
  const startUrl = optionalString(json, "startUrl");
  const region = optionalString(json, "region");
  const clientId = optionalString(json, "clientId");
  const clientSecret = optionalString(json, "clientSecret");
  const registrationExpiresAt = parseCacheTime(json["registrationExpiresAt"]);
  const refreshToken = optionalString(json, "refreshToken");
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

/** A registration file's JSON, or undefined when id, secret or expiry are missing or invalid. */
function parseClientRegistration(json: unknown): ClientRegistration | undefined {
  if (!isRecord(json)) return undefined;
  const { clientId, clientSecret } = json;
  const expiresAt = parseCacheTime(json["expiresAt"]);
  if (typeof clientId !== "string" || clientId === "") return undefined;
  if (typeof clientSecret !== "string" || clientSecret === "") return undefined;
  if (expiresAt === undefined) return undefined;
  const registration: ClientRegistration = { clientId, clientSecret, expiresAt };
  const scopes = stringList(json["scopes"]);
  const grantTypes = stringList(json["grantTypes"]);
  if (scopes !== undefined) registration.scopes = scopes;
  if (grantTypes !== undefined) registration.grantTypes = grantTypes;
  return registration;
}

/** The members the AWS CLI writes: `scopes` only when there are some, `grantTypes` for PKCE. */
function formatClientRegistration(registration: ClientRegistration): JsonRecord {
  return {
    clientId: registration.clientId,
    clientSecret: registration.clientSecret,
    expiresAt: formatCacheTime(registration.expiresAt),
    ...(registration.scopes && registration.scopes.length > 0
      ? { scopes: registration.scopes }
      : {}),
    ...(registration.grantTypes ? { grantTypes: registration.grantTypes } : {}),
  };
}

export {
  formatCacheTime,
  formatClientRegistration,
  formatSsoToken,
  parseCacheTime,
  parseClientRegistration,
  parseSsoToken,
};
