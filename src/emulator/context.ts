/** An emulator instance: the records it keeps, how they expire and end, and its context. */
import type { FaultInjector } from "./faults";
import type { ResolvedEmulatorOptions } from "./options";

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
  /** A consent page left open is answered within the authorization code's lifetime. */
  expiresAtMs: number;
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
  /** The sign-in session its tokens belong to, ended if the code is replayed (RFC 6749 §4.1.2). */
  sessionId: string | undefined;
}

interface RefreshTokenRecord {
  refreshToken: string;
  clientId: string;
  scopes: string[];
  /** The sign-in session it belongs to; the portal's Logout revokes the whole session. */
  sessionId: string;
  /** When its client's registration ends (see `registrationExpiresInSeconds`). */
  expiresAtMs: number;
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
  /**
   * The `Host` values the HTML pages answer to: the listening address and `localhost`, with
   * the port (DNS rebinding defence); known once the server listens.
   */
  pageHosts: ReadonlySet<string>;
}

/**
 * Ends a sign-in session, as the service does on Logout or when the code that started it is
 * replayed: its access and refresh tokens, refreshed and exchanged ones included, stop working.
 */
function revokeSession(state: EmulatorState, sessionId: string): void {
  for (const [token, record] of state.accessTokens) {
    if (record.sessionId === sessionId) state.accessTokens.delete(token);
  }
  for (const [token, record] of state.refreshTokens) {
    if (record.sessionId === sessionId) state.refreshTokens.delete(token);
  }
}

/** Removes the records of one kind past their expiry; returns how many went. */
function evictFrom<R extends { expiresAtMs: number }>(
  records: Map<string, R>,
  nowMs: number,
  onEvict?: (record: R) => void,
): number {
  let evicted = 0;
  for (const [key, record] of records) {
    if (nowMs < record.expiresAtMs) continue;
    records.delete(key);
    onEvict?.(record);
    evicted += 1;
  }
  return evicted;
}

/**
 * Removes every record past its expiry at `nowMs`, so memory holds only what can still be used;
 * returns how many went. Requests never see an expired record as valid either way: each
 * handler checks the expiry itself, so what eviction changes is only the words of a refusal
 * ("invalid" instead of "expired").
 */
function evictExpired(state: EmulatorState, nowMs: number): number {
  return (
    evictFrom(state.clients, nowMs) +
    evictFrom(state.deviceAuthorizations, nowMs, (record) =>
      state.userCodes.delete(normalizeUserCode(record.userCode)),
    ) +
    evictFrom(state.consentRequests, nowMs) +
    evictFrom(state.authorizationCodes, nowMs) +
    evictFrom(state.refreshTokens, nowMs) +
    evictFrom(state.accessTokens, nowMs)
  );
}

export { createEmulatorState, evictExpired, normalizeUserCode, revokeSession };
export type {
  EmulatorState,
  EmulatorContext,
  ClientRecord,
  DeviceAuthorizationRecord,
  ConsentRequestRecord,
  AuthorizationCodeRecord,
  RefreshTokenRecord,
  AccessTokenRecord,
};
