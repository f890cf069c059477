import { CliError, UsageError } from "./cli-command";
import type { SsoConfig } from "../cache/config";
import type { SSOOIDCClient } from "../index";

/*
 * The client a session command talks to the service through: every request bounded by
 * `--timeout`, and watched so that failures read as one line.
 */

/** The option of the commands that call the service. */
const TIMEOUT_OPTIONS = { timeout: { type: "string" } } as const;

/** A person at a terminal gives up on a silent command after about this long. */
const DEFAULT_TIMEOUT_SECONDS = 30;
/** A host that is up accepts a connection within a second or two; no need to wait the whole time. */
const MAX_CONNECT_TIMEOUT_SECONDS = 10;
/** Node's timers hold a signed 32-bit count of milliseconds. */
const MAX_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

const TIMEOUT_HELP = `  --timeout SECONDS     Give up on a request the service has not answered within SECONDS
                        (default ${DEFAULT_TIMEOUT_SECONDS}; connecting may take at most ${MAX_CONNECT_TIMEOUT_SECONDS} of them); a request
                        that timed out is not tried again`;

/** The `--timeout` value in seconds, or the default. */
function parseTimeout(value: string | undefined): number {
  if (value === undefined) return DEFAULT_TIMEOUT_SECONDS;
  const seconds = Number(value);
  if (value.trim() === "" || !Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError(
      "INVALID_OPTION_VALUE",
      `--timeout needs a number of seconds above zero, e.g. --timeout ${DEFAULT_TIMEOUT_SECONDS}; got '${value}'.`,
    );
  }
  return Math.min(seconds, MAX_TIMEOUT_SECONDS);
}

/** `1`, `0.5`, `30`: as the user wrote it, for messages. */
function formatSeconds(seconds: number): string {
  return `${Number(seconds.toFixed(3))} s`;
}

/** The variables the SDK reads an endpoint from, in its order (the service's, then the global). */
const ENDPOINT_VARIABLES = ["AWS_ENDPOINT_URL_SSO_OIDC", "AWS_ENDPOINT_URL"];

/**
 * An endpoint variable that is not an http(s) URL would fail every request with a bare "Invalid
 * URL"; it is reported up front, by name and value, unless configured endpoints are ignored.
 */
function checkEndpointVariables(env: Readonly<Record<string, string | undefined>>): void {
  if (env["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.toLowerCase() === "true") return;
  const name = ENDPOINT_VARIABLES.find((variable) => env[variable]);
  if (name === undefined) return;
  const value = env[name]!;
  let protocol: string | undefined;
  try {
    protocol = new URL(value).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== "http:" && protocol !== "https:") {
    throw new CliError(
      "INVALID_ENDPOINT_URL",
      `${name} is '${value}', which is not an http or https URL; set it to the endpoint's URL, such as http://127.0.0.1:8321 for 'sso-oidc emulator', or unset it.`,
    );
  }
}

/**
 * A client for the session's region with no `endpoint`, so `AWS_ENDPOINT_URL_SSO_OIDC` and the
 * profile's `endpoint_url` apply exactly as they do for the AWS CLI; every request bounded by
 * `timeoutSeconds`. The client is imported here, on first use, so that a command which finds a
 * valid token in the cache never loads it.
 */
async function createTargetClient(
  config: SsoConfig,
  timeoutSeconds: number,
): Promise<SSOOIDCClient> {
  checkEndpointVariables(process.env);
  const { SSOOIDCClient } = await import("../index");
  return new SSOOIDCClient({
    region: config.region,
    ...(config.profileName !== undefined ? { profile: config.profileName } : {}),
    requestHandler: boundedRequests(timeoutSeconds),
  });
}

/**
 * The node handler's options that bound every request: the request timeout ends it
 * (`throwOnRequestTimeout`; without it the handler only logs a warning and keeps waiting), and a
 * connection must open within the connect timeout.
 */
function boundedRequests(timeoutSeconds: number) {
  const timeoutMs = Math.max(1, Math.round(timeoutSeconds * 1000));
  return {
    connectionTimeout: Math.min(timeoutMs, MAX_CONNECT_TIMEOUT_SECONDS * 1000),
    requestTimeout: timeoutMs,
    throwOnRequestTimeout: true,
  };
}

/** Node socket and DNS failures, and the HTTP handler's own timeout: nothing answered at all. */
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
]);

interface ClientObserver {
  /** The client's `--timeout`, for the message of a request that timed out. */
  timeoutSeconds: number;
  /** Called after each operation (after the client's retries) with its error, if any. */
  onResult?: (commandName: string, error: unknown) => void;
}

/**
 * The HTTP handler's own timeouts (`connectionTimeout`, `requestTimeout`) end a request with a
 * TimeoutError; an OS-level connect timeout is an ETIMEDOUT without that name.
 */
function isHandlerTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === "TimeoutError";
}

/** The socket error's code; Node 20 wraps multi-address connects in an AggregateError. */
function networkErrorCode(error: unknown): string | undefined {
  const candidates = [error, ...((error as { errors?: unknown[] } | null)?.errors ?? [])];
  for (const candidate of candidates) {
    const code = (candidate as { code?: unknown } | null)?.code;
    if (typeof code === "string" && UNREACHABLE_CODES.has(code)) return code;
  }
  return undefined;
}

function endpointOf(request: unknown): string {
  const { protocol, hostname, port } = (request ?? {}) as {
    protocol?: string;
    hostname?: string;
    port?: number;
  };
  if (!hostname) return "the SSO OIDC endpoint";
  const scheme = (protocol ?? "https:").replace(/:?$/, ":");
  return `${scheme}//${hostname}${port ? `:${port}` : ""}`;
}

/** Named, because the flows quote `name: message` of the errors they wrap (TokenRefreshError). */
class EndpointUnreachableError extends CliError {
  override readonly name = "EndpointUnreachableError";
}

function unreachableError(endpoint: string, commandName: string, error: unknown): CliError {
  const detail = error instanceof Error && error.message ? error.message : networkErrorCode(error);
  return new EndpointUnreachableError(
    "ENDPOINT_UNREACHABLE",
    `Cannot reach the SSO OIDC endpoint ${endpoint} (${commandName}: ${detail}); ${endpointFix()}.`,
    { cause: error },
  );
}

function endpointFix(): string {
  return process.env["AWS_ENDPOINT_URL_SSO_OIDC"]
    ? "check that the service AWS_ENDPOINT_URL_SSO_OIDC names is running, or unset that variable"
    : "check your network connection and the sso_region";
}

/** Named, like EndpointUnreachableError, for the flows that quote `name: message`. */
class EndpointTimeoutError extends CliError {
  override readonly name = "EndpointTimeoutError";
}

function timeoutError(endpoint: string, commandName: string, timeoutSeconds: number): CliError {
  return new EndpointTimeoutError(
    "ENDPOINT_TIMEOUT",
    `The SSO OIDC endpoint ${endpoint} did not answer ${commandName} within ${formatSeconds(timeoutSeconds)} (--timeout); ${endpointFix()}, or allow more time with --timeout.`,
  );
}

function operationName(context: { commandName?: unknown }): string {
  return String(context.commandName ?? "request").replace(/Command$/, "");
}

/**
 * Watches a client through its public middleware stack: reports each operation's outcome (the
 * device-code progress display needs the poll results, which the flow keeps to itself) and turns
 * "nothing answered" into ENDPOINT_UNREACHABLE or ENDPOINT_TIMEOUT naming the URL. The build
 * step sees the final request URL and sits outside the retry middleware, so it sees an error
 * once, after retries. A timed-out attempt is not retried: the lowest-priority middleware of the
 * finalizeRequest step runs inside the retry loop and ends the call, so `--timeout` bounds it.
 */
function observeClient(client: SSOOIDCClient, observer: ClientObserver): SSOOIDCClient {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (!isHandlerTimeout(error)) throw error;
        // Without the handler's error as `cause`: the retry step reads a cause's TimeoutError
        // as transient, and would try again.
        throw timeoutError(
          endpointOf(args.request),
          operationName(context),
          observer.timeoutSeconds,
        );
      }
    },
    { step: "finalizeRequest", priority: "low", name: "ssoOidcCliTimeout", tags: ["SSO_OIDC_CLI"] },
  );
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const commandName = operationName(context);
      try {
        const output = await next(args);
        observer.onResult?.(commandName, undefined);
        return output;
      } catch (error) {
        observer.onResult?.(commandName, error);
        if (networkErrorCode(error) === undefined) throw error;
        throw unreachableError(endpointOf(args.request), commandName, error);
      }
    },
    { step: "build", name: "ssoOidcCliObserver", tags: ["SSO_OIDC_CLI"] },
  );
  return client;
}
export {
  boundedRequests,
  checkEndpointVariables,
  createTargetClient,
  DEFAULT_TIMEOUT_SECONDS,
  observeClient,
  parseTimeout,
  TIMEOUT_HELP,
  TIMEOUT_OPTIONS,
};
export type { ClientObserver };
