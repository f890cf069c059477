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
}

interface AccessTokenRecord {
  accessToken: string;
  clientId: string;
  scopes: string[];
  expiresAtMs: number;
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

export { createEmulatorState, normalizeUserCode };
export type {
  EmulatorState,
  ClientRecord,
  DeviceAuthorizationRecord,
  ConsentRequestRecord,
  AuthorizationCodeRecord,
  RefreshTokenRecord,
  AccessTokenRecord,
};
