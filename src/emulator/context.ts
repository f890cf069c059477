/** An emulator instance: its options and their defaults, the records it keeps, its context. */
import { generateId } from "./crypto";
import { DEFAULT_ACCOUNTS, parseEmulatorAccounts } from "./accounts";
import type { EmulatorAccount } from "./accounts";
import type { EmulatorIdKind } from "./crypto";
import type { FaultInjector } from "./faults";

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
  /** Address to listen on; default "127.0.0.1". */
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
  /** Client registration lifetime; default 90 days. */
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
  /** `access-control-allow-origin`; default "*". */
  corsOrigin?: string;
  /** Approve every device authorization and consent request without a user; default false. */
  autoApprove?: boolean;
  /** Clock in epoch milliseconds; default `Date.now`. */
  now?: () => number;
  /** Source of ids, codes, secrets and tokens; default crypto-random. */
  generateId?: (kind: EmulatorIdKind) => string;
}

type ResolvedEmulatorOptions = Required<Omit<EmulatorOptions, "credentials" | "accounts">> & {
  credentials: EmulatorCredentials;
  accounts: readonly EmulatorAccount[];
};

const DAY_SECONDS = 24 * 60 * 60;

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  const resolved = value ?? fallback;
  if (!Number.isSafeInteger(resolved) || resolved <= 0) {
    throw new RangeError(`startEmulator: ${name} must be a positive integer, got ${value}`);
  }
  return resolved;
}

function resolveEmulatorOptions(options: EmulatorOptions = {}): ResolvedEmulatorOptions {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`startEmulator: port must be an integer from 0 to 65535, got ${port}`);
  }
  const refreshTokens = options.refreshTokens ?? "registration";
  if (!["registration", "always", "never"].includes(refreshTokens)) {
    throw new RangeError(
      `startEmulator: refreshTokens must be "registration", "always" or "never"`,
    );
  }
  return {
    port,
    host: options.host ?? "127.0.0.1",
    accessTokenExpiresInSeconds: positiveInteger(
      "accessTokenExpiresInSeconds",
      options.accessTokenExpiresInSeconds,
      3600,
    ),
    refreshTokens,
    rotateRefreshTokens: options.rotateRefreshTokens ?? true,
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
    credentials: { ...(options.credentials ?? EMULATOR_TEST_CREDENTIALS) },
    accounts: parseEmulatorAccounts(
      options.accounts ?? DEFAULT_ACCOUNTS,
      "startEmulator: accounts",
    ),
    roleCredentialsExpiresInSeconds: positiveInteger(
      "roleCredentialsExpiresInSeconds",
      options.roleCredentialsExpiresInSeconds,
      3600,
    ),
    corsOrigin: options.corsOrigin ?? "*",
    autoApprove: options.autoApprove ?? false,
    now: options.now ?? Date.now,
    generateId: options.generateId ?? generateId,
  };
}

/** One RegisterClient result. */
interface ClientRecord {
  clientId: string;
  clientSecret: string;
  clientName: string;
  scopes: string[];
  /** As registered; undefined when the request had no `grantTypes`. */
  grantTypes: string[] | undefined;
  redirectUris: string[];
  issuedAtMs: number;
  expiresAtMs: number;
}

/** RFC 8628 §3.2: one device authorization and where the user is with it. */
interface DeviceAuthorizationRecord {
  deviceCode: string;
  userCode: string;
  clientId: string;
  scopes: string[];
  expiresAtMs: number;
  status: "pending" | "approved" | "denied" | "redeemed";
  /** Grows by 5 s with every slow_down (RFC 8628 §3.5). */
  intervalSeconds: number;
  lastPolledAtMs: number | undefined;
}

/** A validated /authorize request waiting for the user's consent. */
interface ConsentRequestRecord {
  consentId: string;
  clientId: string;
  redirectUri: string;
  state: string | undefined;
  scopes: string[];
  codeChallenge: string;
}

/** RFC 6749 §4.1.2 / RFC 7636 §4.4: a code bound to client, redirect URI and challenge. */
interface AuthorizationCodeRecord {
  code: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  codeChallenge: string;
  expiresAtMs: number;
  redeemed: boolean;
  /** Revoked if the code is replayed (RFC 6749 §4.1.2). */
  issuedRefreshToken: string | undefined;
}

interface RefreshTokenRecord {
  refreshToken: string;
  clientId: string;
  scopes: string[];
  /** The sign-in session it belongs to; the portal's Logout revokes the whole session. */
  sessionId: string;
}

interface AccessTokenRecord {
  accessToken: string;
  clientId: string;
  scopes: string[];
  expiresAtMs: number;
  /** A login starts a session; refreshes and token exchanges continue it. */
  sessionId: string;
}

/** Everything one emulator instance knows; instances never share it. */
interface EmulatorState {
  clients: Map<string, ClientRecord>;
  deviceAuthorizations: Map<string, DeviceAuthorizationRecord>;
  /** Normalized user code (RFC 8628 §6.1) → device code. */
  userCodes: Map<string, string>;
  consentRequests: Map<string, ConsentRequestRecord>;
  authorizationCodes: Map<string, AuthorizationCodeRecord>;
  refreshTokens: Map<string, RefreshTokenRecord>;
  accessTokens: Map<string, AccessTokenRecord>;
}

function createEmulatorState(): EmulatorState {
  return {
    clients: new Map(),
    deviceAuthorizations: new Map(),
    userCodes: new Map(),
    consentRequests: new Map(),
    authorizationCodes: new Map(),
    refreshTokens: new Map(),
    accessTokens: new Map(),
  };
}

/** RFC 8628 §6.1: compare user codes case-insensitively and without punctuation. */
function normalizeUserCode(userCode: string): string {
  return userCode.toUpperCase().replace(/[^A-Z0-9]/g, "");
}

/** What every handler gets: settings, this instance's state and its public base URL. */
interface EmulatorContext {
  readonly options: ResolvedEmulatorOptions;
  readonly state: EmulatorState;
  readonly faults: FaultInjector;
  /** Key for HMAC-signed id tokens; random per instance. */
  readonly idTokenKey: Buffer;
  /** `http://host:port` without a trailing slash; known once the server listens. */
  url: string;
}

export {
  resolveEmulatorOptions,
  createEmulatorState,
  normalizeUserCode,
  EMULATOR_TEST_CREDENTIALS,
};
export type {
  EmulatorOptions,
  ResolvedEmulatorOptions,
  EmulatorCredentials,
  RefreshTokenPolicy,
  EmulatorState,
  EmulatorContext,
  ClientRecord,
  DeviceAuthorizationRecord,
  ConsentRequestRecord,
  AuthorizationCodeRecord,
  RefreshTokenRecord,
  AccessTokenRecord,
};
