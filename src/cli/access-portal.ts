import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { isValidHostLabel, resolveEndpointConfig } from "@smithy/core/endpoints";
import { parseUrl } from "@smithy/core/protocols";
import { CliError } from "./cli-command";
import type { IncomingMessage } from "node:http";

/*
 * The IAM Identity Center access portal (the `sso` service) as the CLI calls it: Logout for
 * `sso-oidc logout`, ListAccounts, ListAccountRoles and GetRoleCredentials for the demo. Each
 * operation is one HTTPS request that carries the access token in the `x-amz-sso_bearer_token`
 * header and is not SigV4-signed, so a bounded `node:https` request does the whole job; the
 * official `@aws-sdk/client-sso` would add a runtime dependency (and its retry loop, which a
 * logout should not sit in) for four paths and one header.
 */

/**
 * How long one portal call may take, connection and answer together. A logout has already
 * decided to forget the token: a portal that does not answer must not keep the user waiting
 * as long as the SDKs' retries would.
 */
const PORTAL_TIMEOUT_MS = 5000;

/** The portal's answers are small JSON objects; anything longer (in characters) is not one. */
const MAX_BODY_LENGTH = 64 * 1024;

/** The service model's `@httpHeader` for the access token. */
const BEARER_TOKEN_HEADER = "x-amz-sso_bearer_token";

/** The AWS SDKs' service id of the access portal: `AWS_ENDPOINT_URL_SSO`, `[services] sso`. */
const PORTAL_SERVICE_ID = "SSO";

/** A portal call that did not succeed: the service refused it, or nothing answered in time. */
class PortalRequestError extends CliError {
  override readonly name = "PortalRequestError";
  /** The service's error type (`UnauthorizedException`), when it sent one. */
  readonly errorType: string | undefined;
  /** The HTTP status, when there was an answer. */
  readonly status: number | undefined;
  constructor(
    code: string,
    message: string,
    details: { errorType?: string; status?: number; cause?: unknown },
  ) {
    super(code, message, { cause: details.cause });
    this.errorType = details.errorType;
    this.status = details.status;
  }
}

/**
 * The portal endpoint configured the way the AWS SDKs configure one (`AWS_ENDPOINT_URL_SSO`,
 * then `AWS_ENDPOINT_URL`, then the profile's `[services]` section or `endpoint_url`; none with
 * `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`), read by smithy's own resolver exactly as it reads
 * `AWS_ENDPOINT_URL_SSO_OIDC` for this package's OIDC client. Only that lookup is used: the
 * endpoint rules never run, so the provider they would need is one that is never called.
 */
async function configuredPortalEndpoint(): Promise<string | undefined> {
  const config = resolveEndpointConfig({
    serviceId: PORTAL_SERVICE_ID,
    urlParser: parseUrl,
    endpointProvider: () => {
      throw new Error("The access portal's endpoint rules are not used.");
    },
  });
  return config.serviceConfiguredEndpoint?.();
}

/**
 * The DNS suffix of `region`'s partition, read off the OIDC service's regional endpoint
 * (`oidc.<region>.<suffix>`) as this package's endpoint rules resolve it, so that the portal and
 * the OIDC service always agree on the partition. The commands that call the portal load the
 * client anyway.
 */
async function partitionDnsSuffix(region: string): Promise<string> {
  const { SSOOIDCClient } = await import("../index");
  const client = new SSOOIDCClient({ region });
  try {
    const { url } = await client.config.endpointProvider({
      Region: region,
      UseFIPS: false,
      UseDualStack: false,
    });
    return url.hostname.slice(`oidc.${region}.`.length);
  } finally {
    client.destroy();
  }
}

/**
 * The access portal of `region`: the configured endpoint if there is one, else the service's
 * regional endpoint `https://portal.sso.<region>.<partition's DNS suffix>`. A region that is not
 * one host label gets none: it would send the token to another host.
 */
async function resolvePortalEndpoint(region: string): Promise<string | undefined> {
  const configured = await configuredPortalEndpoint();
  if (configured !== undefined) return configured;
  if (!isValidHostLabel(region)) return undefined;
  return `https://portal.sso.${region}.${await partitionDnsSuffix(region)}`;
}

interface PortalRequest {
  method: "GET" | "POST";
  /** The operation's path, e.g. `/logout`. */
  path: string;
  query?: Record<string, string | undefined>;
  accessToken: string;
  /** Names the operation in errors. */
  operation: string;
  timeoutMs?: number;
}

/** The endpoint's own path (an endpoint may have one) followed by the operation's. */
function requestUrl(endpoint: string, request: PortalRequest): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch (error) {
    throw new PortalRequestError(
      "INVALID_ENDPOINT",
      `${request.operation}: the access portal endpoint '${endpoint}' is not a URL; check AWS_ENDPOINT_URL_SSO.`,
      { cause: error },
    );
  }
  url.pathname = `${url.pathname.replace(/\/+$/, "")}${request.path}`;
  url.search = "";
  for (const [name, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) url.searchParams.set(name, value);
  }
  return url;
}

function readBody(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    response.setEncoding("utf8");
    response.on("data", (chunk: string) => {
      body += chunk;
      if (body.length > MAX_BODY_LENGTH) response.destroy(new Error("the answer is too long"));
    });
    response.on("end", () => resolve(body));
    response.on("error", reject);
    // A body cut off without an error event (the socket closed) must not leave the call waiting.
    response.on("close", () => {
      if (!response.complete) reject(new Error("the answer was cut off"));
    });
  });
}

/** The socket error's code (`ECONNREFUSED`), or what stopped the exchange. */
function describeNetworkError(error: unknown, timeoutMs: number): string {
  // The request's only abort signal is its timeout.
  if (error instanceof Error && error.name === "AbortError") {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  // Node 20 wraps a connection tried on several addresses in an AggregateError.
  const candidates = [error, ...((error as { errors?: unknown[] } | null)?.errors ?? [])];
  for (const candidate of candidates) {
    const code = (candidate as { code?: unknown } | null)?.code;
    if (typeof code === "string" && /^E[A-Z]+$/.test(code)) return code;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * The service's error type from the `x-amzn-errortype` header (its `:suffix` dropped), else the
 * body's `__type` or `code`; undefined when the answer names none (a proxy's page).
 */
function errorTypeOf(response: IncomingMessage, body: string): string | undefined {
  const header = response.headers["x-amzn-errortype"];
  let type = typeof header === "string" ? header : undefined;
  if (type === undefined) {
    try {
      const json = JSON.parse(body) as { __type?: unknown; code?: unknown } | null;
      const named = json?.__type ?? json?.code;
      if (typeof named === "string") type = named;
    } catch {
      // Not JSON: the status is all there is.
    }
  }
  return type?.split(":")[0]?.split("#").at(-1) || undefined;
}

/**
 * One portal operation: resolves with the parsed JSON body of a 2xx answer (`{}` for an empty
 * one), or rejects with a PortalRequestError naming the operation and the endpoint, never the
 * token. The whole exchange is bounded by `timeoutMs`.
 */
async function sendPortalRequest(endpoint: string, request: PortalRequest): Promise<unknown> {
  const url = requestUrl(endpoint, request);
  const send = url.protocol === "http:" ? httpRequest : httpsRequest;
  const where = `${request.operation} at ${url.origin}`;
  const timeoutMs = request.timeoutMs ?? PORTAL_TIMEOUT_MS;
  let response: IncomingMessage;
  let body: string;
  try {
    [response, body] = await new Promise<[IncomingMessage, string]>((resolve, reject) => {
      const outgoing = send(
        url,
        {
          method: request.method,
          headers: { [BEARER_TOKEN_HEADER]: request.accessToken, "content-length": 0 },
          signal: AbortSignal.timeout(timeoutMs),
        },
        (incoming) => {
          readBody(incoming).then((text) => resolve([incoming, text]), reject);
        },
      );
      outgoing.on("error", reject);
      outgoing.end();
    });
  } catch (error) {
    throw new PortalRequestError(
      "PORTAL_UNREACHABLE",
      `${where} failed: ${describeNetworkError(error, timeoutMs)}.`,
      { cause: error },
    );
  }
  const status = response.statusCode ?? 0;
  if (status < 200 || status > 299) {
    const errorType = errorTypeOf(response, body);
    const what = errorType === undefined ? `HTTP ${status}` : `${errorType}, HTTP ${status}`;
    throw new PortalRequestError("PORTAL_REFUSED", `${where} was refused (${what}).`, {
      status,
      ...(errorType === undefined ? {} : { errorType }),
    });
  }
  if (body.trim() === "") return {};
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    throw new PortalRequestError("PORTAL_BAD_RESPONSE", `${where} answered with no JSON.`, {
      status,
      cause: error,
    });
  }
}

/**
 * Logout: ends the sign-in session the access token belongs to, at the service, so neither it
 * nor the refresh tokens of that login work any more. Role credentials already issued stay
 * valid until they expire.
 */
async function logoutAtPortal(
  endpoint: string,
  accessToken: string,
  timeoutMs?: number,
): Promise<void> {
  await sendPortalRequest(endpoint, {
    method: "POST",
    path: "/logout",
    accessToken,
    operation: "Logout",
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
}

/** True for the portal's answer to a token it no longer takes: expired, or already logged out. */
function isUnauthorized(error: unknown): boolean {
  return error instanceof PortalRequestError && error.status === 401;
}

interface PortalAccount {
  accountId: string;
  accountName: string;
}

interface PortalRoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function malformed(operation: string, member: string): PortalRequestError {
  return new PortalRequestError(
    "PORTAL_BAD_RESPONSE",
    `${operation} answered without a valid ${member}.`,
    {},
  );
}

/** The members of one page's list, each checked to be an object with the named strings. */
function readPage<K extends string>(
  output: unknown,
  listName: string,
  members: readonly K[],
  operation: string,
): { items: Record<K, string>[]; nextToken: string | undefined } {
  const list = isObject(output) ? output[listName] : undefined;
  if (!Array.isArray(list)) throw malformed(operation, listName);
  const items = list.map((item: unknown) => {
    if (!isObject(item)) throw malformed(operation, listName);
    for (const member of members) {
      if (typeof item[member] !== "string") throw malformed(operation, `${listName} ${member}`);
    }
    return item as Record<K, string>;
  });
  const next = isObject(output) ? output["nextToken"] : undefined;
  return { items, nextToken: typeof next === "string" && next !== "" ? next : undefined };
}

/** ListAccounts, every page. */
async function listPortalAccounts(endpoint: string, accessToken: string): Promise<PortalAccount[]> {
  const accounts: PortalAccount[] = [];
  let nextToken: string | undefined;
  do {
    const output = await sendPortalRequest(endpoint, {
      method: "GET",
      path: "/assignment/accounts",
      query: { next_token: nextToken },
      accessToken,
      operation: "ListAccounts",
    });
    const page = readPage(output, "accountList", ["accountId", "accountName"], "ListAccounts");
    accounts.push(...page.items.map(({ accountId, accountName }) => ({ accountId, accountName })));
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return accounts;
}

/** ListAccountRoles, every page: the role names the user may take in `accountId`. */
async function listPortalRoles(
  endpoint: string,
  accessToken: string,
  accountId: string,
): Promise<string[]> {
  const roles: string[] = [];
  let nextToken: string | undefined;
  do {
    const output = await sendPortalRequest(endpoint, {
      method: "GET",
      path: "/assignment/roles",
      query: { account_id: accountId, next_token: nextToken },
      accessToken,
      operation: "ListAccountRoles",
    });
    const page = readPage(output, "roleList", ["roleName"], "ListAccountRoles");
    roles.push(...page.items.map(({ roleName }) => roleName));
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return roles;
}

/** GetRoleCredentials; `expiration` comes in epoch milliseconds, as the model's `long` says. */
async function getPortalRoleCredentials(
  endpoint: string,
  accessToken: string,
  accountId: string,
  roleName: string,
): Promise<PortalRoleCredentials> {
  const output = await sendPortalRequest(endpoint, {
    method: "GET",
    path: "/federation/credentials",
    query: { role_name: roleName, account_id: accountId },
    accessToken,
    operation: "GetRoleCredentials",
  });
  const credentials = isObject(output) ? output["roleCredentials"] : undefined;
  if (!isObject(credentials)) throw malformed("GetRoleCredentials", "roleCredentials");
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = credentials;
  for (const [name, value] of Object.entries({ accessKeyId, secretAccessKey, sessionToken })) {
    if (typeof value !== "string" || value === "") throw malformed("GetRoleCredentials", name);
  }
  if (typeof expiration !== "number" || !Number.isSafeInteger(expiration)) {
    throw malformed("GetRoleCredentials", "expiration");
  }
  return {
    accessKeyId: accessKeyId as string,
    secretAccessKey: secretAccessKey as string,
    sessionToken: sessionToken as string,
    expiration: new Date(expiration),
  };
}

export {
  getPortalRoleCredentials,
  isUnauthorized,
  listPortalAccounts,
  listPortalRoles,
  logoutAtPortal,
  PORTAL_TIMEOUT_MS,
  PortalRequestError,
  resolvePortalEndpoint,
};
export type { PortalAccount, PortalRoleCredentials };
