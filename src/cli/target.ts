import { resolveSsoConfig, SSOOIDCClient } from "../index";
import { isHttpsUrl, ssoConfigForStartUrl } from "../cache/config";
import { CliError, UsageError } from "./cli-command";
import type { SsoConfig } from "../index";

/*
 * The login a session command works on (`--profile`, `--sso-session` or `--start-url`), and the
 * client it talks to the service through, watched so that failures read as one line.
 */

/** The options every session command takes to name the login it works on. */
const TARGET_OPTIONS = {
  profile: { type: "string" },
  "sso-session": { type: "string" },
  "start-url": { type: "string" },
  region: { type: "string" },
} as const;

interface TargetValues {
  profile?: string | undefined;
  "sso-session"?: string | undefined;
  "start-url"?: string | undefined;
  region?: string | undefined;
}

const TARGET_HELP = `  --profile NAME        A profile in the config file (default: AWS_PROFILE, then "default")
  --sso-session NAME    An [sso-session NAME] section, without going through a profile
  --start-url URL       An AWS access portal URL, without a config file (needs --region)
  --region REGION       The IAM Identity Center region of --start-url`;

function checkNotEmpty(values: TargetValues): void {
  for (const name of ["profile", "sso-session", "start-url", "region"] as const) {
    if (values[name] !== undefined && values[name]!.trim() === "") {
      throw new UsageError("INVALID_OPTION_VALUE", `--${name} needs a value.`);
    }
  }
}

function checkStartUrl(startUrl: string): void {
  if (!isHttpsUrl(startUrl)) {
    throw new UsageError(
      "INVALID_START_URL",
      `--start-url must be an https URL, your AWS access portal URL such as https://d-1234567890.awsapps.com/start; got '${startUrl}'.`,
    );
  }
}

/**
 * The login a command works on: `--start-url` with `--region` as given, else the profile or
 * sso-session from the shared config file, read as the AWS CLI reads it (`AWS_CONFIG_FILE`,
 * `AWS_PROFILE`). Throws UsageError for contradictory flags, SsoConfigError for the file.
 */
async function resolveTarget(values: TargetValues): Promise<SsoConfig> {
  checkNotEmpty(values);
  const given = (["profile", "sso-session", "start-url"] as const).filter(
    (name) => values[name] !== undefined,
  );
  if (given.length > 1) {
    throw new UsageError(
      "CONFLICTING_OPTIONS",
      `Use only one of --profile, --sso-session and --start-url, not ${given.map((name) => `--${name}`).join(" and ")}.`,
    );
  }
  const startUrl = values["start-url"];
  if (startUrl === undefined) {
    if (values.region !== undefined) {
      throw new UsageError(
        "CONFLICTING_OPTIONS",
        "--region goes with --start-url only; a profile's or sso-session's region is its sso_region.",
      );
    }
    return resolveSsoConfig({ profile: values.profile, ssoSession: values["sso-session"] });
  }
  checkStartUrl(startUrl);
  if (values.region === undefined) {
    throw new UsageError(
      "MISSING_OPTION",
      "--start-url needs --region REGION, the IAM Identity Center region such as us-east-1.",
    );
  }
  return ssoConfigForStartUrl(startUrl, values.region);
}

/** `profile "dev" (sso-session "corp")`, `sso-session "corp"`, or the start URL. */
function describeTarget(config: SsoConfig): string {
  if (config.profileName !== undefined) {
    return config.sessionName !== undefined
      ? `profile "${config.profileName}" (sso-session "${config.sessionName}")`
      : `profile "${config.profileName}"`;
  }
  return config.sessionName !== undefined
    ? `sso-session "${config.sessionName}"`
    : `start URL ${config.startUrl}`;
}

/**
 * A client for the session's region with no `endpoint`, so `AWS_ENDPOINT_URL_SSO_OIDC` and the
 * profile's `endpoint_url` apply exactly as they do for the AWS CLI.
 */
function createTargetClient(config: SsoConfig): SSOOIDCClient {
  return new SSOOIDCClient({
    region: config.region,
    ...(config.profileName !== undefined ? { profile: config.profileName } : {}),
  });
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

export {
  createTargetClient,
  describeTarget,
  observeClient,
  resolveTarget,
  TARGET_HELP,
  TARGET_OPTIONS,
};
export type { ClientObserver, TargetValues };
