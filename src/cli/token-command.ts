import { parseArgs } from "node:util";
import { formatCacheTime } from "../cache/formats";
import { createSsoCache } from "../cache/sso-cache";
import { needsRefresh, refreshCachedToken } from "../flows/cached-refresh";
import { createCachedTokenProvider } from "../flows/cached-token";
import { SsoTokenExpiredError, SsoTokenNotFoundError } from "../flows/errors";
import { describeTarget, resolveTarget, TARGET_HELP, TARGET_OPTIONS } from "./target";
import {
  checkEndpointVariables,
  createTargetClient,
  observeClient,
  parseTimeout,
  TIMEOUT_HELP,
  TIMEOUT_OPTIONS,
} from "./service-client";
import type { CliCommand, CliIo } from "./cli-command";
import type { SsoCache, SsoToken } from "../cache/sso-cache";
import type { SsoConfig } from "../cache/config";
import type { SSOOIDCClient } from "../index";

const TOKEN_HELP = `Usage: sso-oidc token [--profile NAME | --sso-session NAME | --start-url URL --region REGION]
                     [--timeout SECONDS]

Prints the cached access token of a login as JSON on stdout, for scripts:
  {"accessToken": "...", "expiresAt": "YYYY-MM-DDTHH:MM:SSZ"}
A token with less than 5 minutes left is refreshed first (and the cache updated), as the
AWS SDKs do; processes refreshing the same token at once take turns through a lock file
beside it, so one refresh serves them all. This is the one command that prints a secret:
do not log its output.

Options:
${TARGET_HELP}
${TIMEOUT_HELP}
  -h, --help            Show this help

Examples:
  sso-oidc token --profile dev
  curl -H "Authorization: Bearer $(sso-oidc token --profile dev | jq -r .accessToken)" ...
`;

/** A refresh through a client made on its first call; `destroy` closes it, if there is one. */
interface LazyRefresh {
  refresh(token: SsoToken): Promise<SsoToken>;
  destroy(): void;
}

/**
 * Most runs find a valid token in the cache and print it: the package's entry, with the client
 * and the refresh that needs it, is only loaded when a token is due.
 */
function lazyRefresh(config: SsoConfig, timeoutSeconds: number): LazyRefresh {
  let client: SSOOIDCClient | undefined;
  return {
    async refresh(token) {
      const { refreshSsoToken } = await import("../index");
      client ??= observeClient(await createTargetClient(config, timeoutSeconds), {
        timeoutSeconds,
      });
      return refreshSsoToken(token, { client });
    },
    destroy: () => client?.destroy(),
  };
}

/**
 * `--start-url` has no profile or sso-session for the token provider to read, so its token is
 * read and refreshed here with the same rules: refresh inside 5 minutes of expiry, one refresh
 * between the processes sharing the cache, keep a still-valid token when refreshing fails.
 */
async function tokenForStartUrl(
  config: SsoConfig,
  cache: SsoCache,
  refresh: LazyRefresh["refresh"],
  warn: (message: string) => void,
) {
  const subject = describeTarget(config);
  const loginCommand = `sso-oidc login --start-url ${config.startUrl} --region ${config.region}`;
  const token = await cache.readToken(config.cacheId);
  if (!token)
    throw new SsoTokenNotFoundError(subject, loginCommand, cache.tokenPath(config.cacheId));
  if (!needsRefresh(token, Date.now)) return token;
  try {
    return await refreshCachedToken({
      cache,
      cacheId: config.cacheId,
      token,
      refresh,
      now: Date.now,
      warn,
    });
  } catch (error) {
    if (token.expiresAt.getTime() <= Date.now()) {
      throw new SsoTokenExpiredError(subject, loginCommand, token.expiresAt, error);
    }
    warn(`Refreshing the token for ${subject} failed; using the cached token until it expires.`);
    return token;
  }
}

async function runTokenCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { ...TARGET_OPTIONS, ...TIMEOUT_OPTIONS, help: { type: "boolean", short: "h" } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(TOKEN_HELP);
    return 0;
  }
  const timeoutSeconds = parseTimeout(values.timeout);
  const config = await resolveTarget(values);
  // Checked before the cache is read, as when the client was made up front: a malformed
  // variable is reported whether or not this run needs the service.
  checkEndpointVariables(process.env);
  const warn = (message: string) => io.stderr(`sso-oidc: warning: ${message}\n`);
  const cache = createSsoCache({ warn });
  const { refresh, destroy } = lazyRefresh(config, timeoutSeconds);
  let accessToken: string;
  let expiresAt: Date;
  try {
    if (config.profileName === undefined && config.sessionName === undefined) {
      ({ accessToken, expiresAt } = await tokenForStartUrl(config, cache, refresh, warn));
    } else {
      const provider = createCachedTokenProvider({
        profile: config.profileName,
        ssoSession: config.profileName === undefined ? config.sessionName : undefined,
        cache,
        warn,
        refresh,
      });
      ({ token: accessToken, expiration: expiresAt } = await provider());
    }
  } finally {
    destroy();
  }
  io.stdout(
    `{"accessToken": ${JSON.stringify(accessToken)}, "expiresAt": "${formatCacheTime(expiresAt)}"}\n`,
  );
  return 0;
}

const tokenCommand: CliCommand = {
  name: "token",
  run: runTokenCommand,
};

export { tokenCommand, runTokenCommand };
