/**
 * The IAM Identity Center access portal (the `sso` service) beside the OIDC API: ListAccounts,
 * ListAccountRoles, GetRoleCredentials and Logout. Every call is signed in with an access token
 * this emulator issued, sent in the `x-amz-sso_bearer_token` header; the answers list the
 * `accounts` option and mint fake but well-formed role credentials.
 */
import { PortalError } from "./errors";
import { revokeSession } from "./context";
import type { EmulatorAccount } from "./accounts";
import type { AccessTokenRecord, EmulatorContext } from "./context";
import type { PortalOperation } from "./faults";
import type { JsonObject } from "./http";

/** What a portal operation reads from a request: its token header and its query. */
interface PortalRequest {
  accessToken: string | undefined;
  query: URLSearchParams;
}

/** The model's `@httpHeader` for the access token; lower-case already, as Node keys headers. */
const BEARER_TOKEN_HEADER = "x-amz-sso_bearer_token";

/**
 * The service's one answer for every token it does not take (missing, unknown, expired or
 * signed out), as the IAM Identity Center user guide's troubleshooting page quotes it.
 */
const INVALID_SESSION = "Session token not found or invalid";

/**
 * The caller's token record. Authentication comes before any check of the query, so a caller
 * without a session learns nothing about accounts and roles.
 */
function authenticate(ctx: EmulatorContext, request: PortalRequest): AccessTokenRecord {
  const { accessToken } = request;
  const record = accessToken ? ctx.state.accessTokens.get(accessToken) : undefined;
  if (!record || ctx.options.now() >= record.expiresAtMs) {
    throw new PortalError("UnauthorizedException", INVALID_SESSION);
  }
  return record;
}

function readRequiredQuery(request: PortalRequest, name: string): string {
  const value = request.query.get(name);
  if (!value) {
    throw new PortalError("InvalidRequestException", `Missing required parameter '${name}'`);
  }
  return value;
}

function findAccount(ctx: EmulatorContext, accountId: string): EmulatorAccount {
  const account = ctx.options.accounts.find((candidate) => candidate.accountId === accountId);
  if (!account) {
    throw new PortalError(
      "ResourceNotFoundException",
      `No account ${accountId} is assigned to the user`,
    );
  }
  return account;
}

/** The model's `MaxResultType` range; a page without `max_result` is as large as allowed. */
const MAX_RESULT_MIN = 1;
const MAX_RESULT_MAX = 100;

function readMaxResult(request: PortalRequest): number {
  const raw = request.query.get("max_result");
  if (raw === null) return MAX_RESULT_MAX;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < MAX_RESULT_MIN || value > MAX_RESULT_MAX) {
    throw new PortalError(
      "InvalidRequestException",
      `max_result must be an integer from ${MAX_RESULT_MIN} to ${MAX_RESULT_MAX}, got '${raw}'`,
    );
  }
  return value;
}

/**
 * `next_token` is opaque to clients; here it names the list it pages (so a token from one list
 * or account is refused by another) and the offset of the next page.
 */
function encodeNextToken(list: string, offset: number): string {
  return Buffer.from(JSON.stringify({ list, offset })).toString("base64url");
}

function parseNextToken(token: string): { list?: unknown; offset?: unknown } | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

function decodeNextToken(token: string, list: string, length: number): number {
  const decoded = parseNextToken(token);
  const offset = decoded?.offset;
  if (
    decoded?.list !== list ||
    typeof offset !== "number" ||
    !Number.isInteger(offset) ||
    offset <= 0 ||
    offset >= length
  ) {
    throw new PortalError("InvalidRequestException", "Invalid next_token");
  }
  return offset;
}

/** One page of `items` as `max_result` and `next_token` ask, and the token of the next one. */
function paginate<T>(
  request: PortalRequest,
  items: readonly T[],
  list: string,
): { page: T[]; nextToken: string | undefined } {
  const maxResult = readMaxResult(request);
  const token = request.query.get("next_token");
  const offset = token ? decodeNextToken(token, list, items.length) : 0;
  const end = offset + maxResult;
  return {
    page: items.slice(offset, end),
    nextToken: end < items.length ? encodeNextToken(list, end) : undefined,
  };
}

/** ListAccounts: `GET /assignment/accounts`. */
function listAccounts(ctx: EmulatorContext, request: PortalRequest): JsonObject {
  authenticate(ctx, request);
  const { page, nextToken } = paginate(request, ctx.options.accounts, "accounts");
  return {
    accountList: page.map(({ accountId, accountName, emailAddress }) => ({
      accountId,
      accountName,
      ...(emailAddress === undefined ? {} : { emailAddress }),
    })),
    ...(nextToken ? { nextToken } : {}),
  };
}

/** ListAccountRoles: `GET /assignment/roles?account_id=…`. */
function listAccountRoles(ctx: EmulatorContext, request: PortalRequest): JsonObject {
  authenticate(ctx, request);
  const account = findAccount(ctx, readRequiredQuery(request, "account_id"));
  const { page, nextToken } = paginate(request, account.roles, `roles:${account.accountId}`);
  return {
    roleList: page.map((roleName) => ({ roleName, accountId: account.accountId })),
    ...(nextToken ? { nextToken } : {}),
  };
}

/**
 * GetRoleCredentials: `GET /federation/credentials?role_name=…&account_id=…`. Every call mints
 * new credentials; `expiration` is in epoch milliseconds, as the model's `long` says.
 */
function getRoleCredentials(ctx: EmulatorContext, request: PortalRequest): JsonObject {
  authenticate(ctx, request);
  const roleName = readRequiredQuery(request, "role_name");
  const account = findAccount(ctx, readRequiredQuery(request, "account_id"));
  if (!account.roles.includes(roleName)) {
    throw new PortalError(
      "ResourceNotFoundException",
      `No role ${roleName} is assigned to the user in account ${account.accountId}`,
    );
  }
  const { options } = ctx;
  return {
    roleCredentials: {
      accessKeyId: options.generateId("accessKeyId"),
      secretAccessKey: options.generateId("secretAccessKey"),
      sessionToken: options.generateId("sessionToken"),
      expiration: options.now() + options.roleCredentialsExpiresInSeconds * 1000,
    },
  };
}

/**
 * Logout: `POST /logout` ends the sign-in session the token belongs to, as the service
 * invalidates the server-side session: its access tokens and refresh tokens, refreshed ones
 * included, stop working. Role credentials already handed out stay valid until they expire.
 */
function logout(ctx: EmulatorContext, request: PortalRequest): undefined {
  revokeSession(ctx.state, authenticate(ctx, request).sessionId);
  return undefined;
}

/** The model's `@http` bindings of the portal's operations, by path. */
const PORTAL_ROUTES = new Map<string, { operation: PortalOperation; method: "GET" | "POST" }>([
  ["/federation/credentials", { operation: "GetRoleCredentials", method: "GET" }],
  ["/assignment/accounts", { operation: "ListAccounts", method: "GET" }],
  ["/assignment/roles", { operation: "ListAccountRoles", method: "GET" }],
  ["/logout", { operation: "Logout", method: "POST" }],
]);

/** Output to send as JSON, or undefined for an operation without output (Logout). */
const PORTAL_HANDLERS: Record<
  PortalOperation,
  (ctx: EmulatorContext, request: PortalRequest) => JsonObject | undefined
> = {
  GetRoleCredentials: getRoleCredentials,
  ListAccounts: listAccounts,
  ListAccountRoles: listAccountRoles,
  Logout: logout,
};

export { BEARER_TOKEN_HEADER, PORTAL_ROUTES, PORTAL_HANDLERS };
export type { PortalRequest };
