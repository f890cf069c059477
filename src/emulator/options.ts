/**
 * The emulator's options: their types, their defaults, and the check every value goes through
 * before anything listens, so a wrong value is refused at start with a message naming the
 * option, never found by the first request that uses it.
 */
import { isIP } from "node:net";
import { generateId } from "./crypto";
import { DEFAULT_ACCOUNTS, parseEmulatorAccounts } from "./accounts";
import type { EmulatorAccount } from "./accounts";
import type { EmulatorIdKind } from "./crypto";

/** AWS's documented example key pair; never a real credential. */
const EMULATOR_TEST_CREDENTIALS: EmulatorCredentials = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};

interface EmulatorCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** When set, signed requests must carry it as `x-amz-security-token`. */
  sessionToken?: string;
}

/**
 * When token responses carry a refresh token:
 * - "registration" (default): when the client registered the `refresh_token` grant, or, for a
 *   registration without grant types, any scope (what the AWS CLI sees: legacy device logins
 *   without scopes get none, `sso-session` logins with scopes get one);
 * - "always" / "never": regardless of the registration.
 */
type RefreshTokenPolicy = "registration" | "always" | "never";

interface EmulatorOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Address to listen on: an IP address or a host name; default "127.0.0.1". */
  host?: string;
  /** Lifetime of access tokens; default 3600. */
  accessTokenExpiresInSeconds?: number;
  refreshTokens?: RefreshTokenPolicy;
  /** Refresh tokens are single use and replaced on every refresh; default true. */
  rotateRefreshTokens?: boolean;
  /** Device code lifetime (RFC 8628 §3.2 `expires_in`); default 600. */
  deviceCodeExpiresInSeconds?: number;
  /** Minimum polling interval (RFC 8628 §3.2 `interval`); default 1. */
  intervalSeconds?: number;
  /**
   * Client registration lifetime; default 90 days. Refresh tokens end with the registration
   * they were issued to (or, for an IAM application without one, this long after issue).
   */
  registrationExpiresInSeconds?: number;
  /** Authorization code lifetime; default 600 (RFC 6749 §4.1.2 recommends at most 10 min). */
  authorizationCodeExpiresInSeconds?: number;
  /** Credentials that CreateTokenWithIAM signatures must verify against. */
  credentials?: EmulatorCredentials;
  /**
   * The accounts and roles the access portal lists for every signed-in user and gives role
   * credentials for; default two accounts with two roles each (`111111111111` Development:
   * AdministratorAccess, ReadOnlyAccess; `222222222222` Production: ReadOnlyAccess,
   * ViewOnlyAccess). Checked like `parseEmulatorAccounts` checks a JSON file.
   */
  accounts?: readonly EmulatorAccount[];
  /** Lifetime of the role credentials GetRoleCredentials returns; default 3600. */
  roleCredentialsExpiresInSeconds?: number;
  /** `access-control-allow-origin`: "*" (default), "null" or one origin such as "http://localhost:5173". */
  corsOrigin?: string;
  /** Approve every device authorization and consent request without a user; default false. */
  autoApprove?: boolean;
  /**
   * How often expired records (registrations, device and authorization codes, consent
   * requests, tokens) are removed from memory, in milliseconds of real time; default 30,000,
   * at most 60,000, so a record is gone within a minute of expiring by the `now` clock.
   */
  evictionIntervalMs?: number;
  /** Clock in epoch milliseconds; default `Date.now`. */
  now?: () => number;
  /** Source of ids, codes, secrets and tokens; default crypto-random. */
  generateId?: (kind: EmulatorIdKind) => string;
}

type ResolvedEmulatorOptions = Required<Omit<EmulatorOptions, "credentials" | "accounts">> & {
  credentials: EmulatorCredentials;
  accounts: readonly EmulatorAccount[];
};

/** Thrown by `startEmulator` for an option value it cannot use; the message names the option. */
class EmulatorOptionError extends TypeError {
  override readonly name = "EmulatorOptionError";
  readonly code = "INVALID_OPTION_VALUE";
}

const DAY_SECONDS = 24 * 60 * 60;
const MAX_EVICTION_INTERVAL_MS = 60_000;

function invalid(name: string, expected: string, value: unknown): EmulatorOptionError {
  const shown = typeof value === "function" ? "a function" : JSON.stringify(value);
  return new EmulatorOptionError(`startEmulator: ${name} must be ${expected}, got ${shown}`);
}

function positiveInteger(name: string, value: unknown, fallback: number, max = Infinity): number {
  const resolved = value ?? fallback;
  if (typeof resolved !== "number" || !Number.isSafeInteger(resolved) || resolved <= 0) {
    throw invalid(name, "a positive integer", value);
  }
  if (resolved > max) throw invalid(name, `a positive integer of at most ${max}`, value);
  return resolved;
}

function booleanOption(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") throw invalid(name, "true or false", value);
  return value;
}

function functionOption<T>(name: string, value: unknown, fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== "function") throw invalid(name, "a function", value);
  return value as T;
}

/** An IP address, or a host name of letters, digits, hyphens and dots (RFC 1123 §2.1). */
function checkHost(value: unknown): string {
  if (value === undefined) return "127.0.0.1";
  const hostName =
    /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
  if (typeof value === "string" && (isIP(value) !== 0 || hostName.test(value))) return value;
  throw invalid("host", "an IP address or a host name", value);
}

/**
 * Fetch §3.2.3: `access-control-allow-origin` is `*`, `null`, or an origin as a URL serializes
 * it (scheme, host and port only). Anything else is refused here, not by the first response
 * that would carry it.
 */
function checkCorsOrigin(value: unknown): string {
  if (value === undefined) return "*";
  if (value === "*" || value === "null") return value;
  if (typeof value === "string" && URL.canParse(value)) {
    const url = new URL(value);
    if ((url.protocol === "http:" || url.protocol === "https:") && url.origin === value) {
      return value;
    }
  }
  throw invalid(
    "corsOrigin",
    '"*", "null" or an origin such as "http://localhost:5173" (scheme, host and port, no path)',
    value,
  );
}

function checkCredentials(value: unknown): EmulatorCredentials {
  if (value === undefined) return { ...EMULATOR_TEST_CREDENTIALS };
  const { accessKeyId, secretAccessKey, sessionToken } = (value ?? {}) as Record<string, unknown>;
  const text = (item: unknown) => typeof item === "string" && item !== "" && !/[\s]/.test(item);
  if (
    typeof value !== "object" ||
    !text(accessKeyId) ||
    !text(secretAccessKey) ||
    (sessionToken !== undefined && !text(sessionToken))
  ) {
    throw new EmulatorOptionError(
      "startEmulator: credentials must have accessKeyId and secretAccessKey (and may have sessionToken), each a non-empty string without spaces",
    );
  }
  return {
    accessKeyId: accessKeyId as string,
    secretAccessKey: secretAccessKey as string,
    ...(sessionToken === undefined ? {} : { sessionToken: sessionToken as string }),
  };
}

function resolveEmulatorOptions(options: EmulatorOptions = {}): ResolvedEmulatorOptions {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw invalid("port", "an integer from 0 to 65535", options.port);
  }
  const refreshTokens = options.refreshTokens ?? "registration";
  if (!["registration", "always", "never"].includes(refreshTokens)) {
    throw invalid("refreshTokens", '"registration", "always" or "never"', refreshTokens);
  }
  let accounts: readonly EmulatorAccount[];
  try {
    accounts = parseEmulatorAccounts(
      options.accounts ?? DEFAULT_ACCOUNTS,
      "startEmulator: accounts",
    );
  } catch (error) {
    throw new EmulatorOptionError((error as Error).message);
  }
  return {
    port,
    host: checkHost(options.host),
    accessTokenExpiresInSeconds: positiveInteger(
      "accessTokenExpiresInSeconds",
      options.accessTokenExpiresInSeconds,
      3600,
    ),
    refreshTokens,
    rotateRefreshTokens: booleanOption("rotateRefreshTokens", options.rotateRefreshTokens, true),
    deviceCodeExpiresInSeconds: positiveInteger(
      "deviceCodeExpiresInSeconds",
      options.deviceCodeExpiresInSeconds,
      600,
    ),
    intervalSeconds: positiveInteger("intervalSeconds", options.intervalSeconds, 1),
    registrationExpiresInSeconds: positiveInteger(
      "registrationExpiresInSeconds",
      options.registrationExpiresInSeconds,
      90 * DAY_SECONDS,
    ),
    authorizationCodeExpiresInSeconds: positiveInteger(
      "authorizationCodeExpiresInSeconds",
      options.authorizationCodeExpiresInSeconds,
      600,
    ),
    credentials: checkCredentials(options.credentials),
    accounts,
    roleCredentialsExpiresInSeconds: positiveInteger(
      "roleCredentialsExpiresInSeconds",
      options.roleCredentialsExpiresInSeconds,
      3600,
    ),
    corsOrigin: checkCorsOrigin(options.corsOrigin),
    autoApprove: booleanOption("autoApprove", options.autoApprove, false),
    evictionIntervalMs: positiveInteger(
      "evictionIntervalMs",
      options.evictionIntervalMs,
      30_000,
      MAX_EVICTION_INTERVAL_MS,
    ),
    now: functionOption("now", options.now, Date.now),
    generateId: functionOption("generateId", options.generateId, generateId),
  };
}

export { EMULATOR_TEST_CREDENTIALS, EmulatorOptionError, resolveEmulatorOptions };
export type { EmulatorCredentials, EmulatorOptions, RefreshTokenPolicy, ResolvedEmulatorOptions };
