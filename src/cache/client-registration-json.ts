import { formatCacheTime } from "./format-cache-time";
import { parseCacheTime } from "./parse-cache-time";
import type { ClientRegistration } from "./sso-cache-types";

type JsonRecord = Record<string, unknown>;

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === "string")
    ? [...value]
    : undefined;
}

/** A registration file's JSON, or undefined when id, secret or expiry are missing or invalid. */
function parseClientRegistration(json: unknown): ClientRegistration | undefined {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return undefined;
  const record = json as JsonRecord;
  const { clientId, clientSecret } = record;
  const expiresAt = parseCacheTime(record["expiresAt"]);
  if (typeof clientId !== "string" || clientId === "") return undefined;
  if (typeof clientSecret !== "string" || clientSecret === "") return undefined;
  if (expiresAt === undefined) return undefined;
  const registration: ClientRegistration = { clientId, clientSecret, expiresAt };
  const scopes = stringList(record["scopes"]);
  const grantTypes = stringList(record["grantTypes"]);
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

export { parseClientRegistration, formatClientRegistration };
