import { CliError } from "./cli-command.js";
import type { SSOOIDCClient } from "../index.js";

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
  /** Called after each operation (after the client's retries) with its error, if any. */
  onResult?: (commandName: string, error: unknown) => void;
}

/** The socket error's code; Node 20 wraps multi-address connects in an AggregateError. */
function networkErrorCode(error: unknown): string | undefined {
  const candidates = [error, ...((error as { errors?: unknown[] } | null)?.errors ?? [])];
  for (const candidate of candidates) {
    const code = (candidate as { code?: unknown } | null)?.code;
    if (typeof code === "string" && UNREACHABLE_CODES.has(code)) return code;
  }
  if (error instanceof Error && error.name === "TimeoutError") return "TimeoutError";
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
  const fix = process.env["AWS_ENDPOINT_URL_SSO_OIDC"]
    ? "check that the service AWS_ENDPOINT_URL_SSO_OIDC names is running, or unset that variable"
    : "check your network connection and the sso_region";
  return new EndpointUnreachableError(
    "ENDPOINT_UNREACHABLE",
    `Cannot reach the SSO OIDC endpoint ${endpoint} (${commandName}: ${detail}); ${fix}.`,
    { cause: error },
  );
}

/**
 * Watches a client through its public middleware stack: reports each operation's outcome (the
 * device-code progress display needs the poll results, which the flow keeps to itself) and turns
 * "nothing answered" into ENDPOINT_UNREACHABLE naming the URL. The build step sees the final
 * request URL and sits outside the retry middleware, so it sees an error once, after retries.
 */
function observeClient(client: SSOOIDCClient, observer: ClientObserver = {}): SSOOIDCClient {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const commandName = String(context.commandName ?? "request").replace(/Command$/, "");
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

export { observeClient };
export type { ClientObserver };
