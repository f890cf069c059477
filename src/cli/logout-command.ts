import { parseArgs } from "node:util";
import { readdir, unlink } from "node:fs/promises";
import { join } from "node:path";
import { createSsoCache } from "../index";
import { readCacheText } from "../cache/read-files";
import {
  isUnauthorized,
  logoutAtPortal,
  PORTAL_TIMEOUT_MS,
  resolvePortalEndpoint,
} from "./access-portal";
import { CliError, UsageError } from "./cli-command";
import { displayPath } from "./display";
import {
  listSsoRoleCredentialFiles,
  loginRoleCredentialFiles,
  roleCredentialsDirectory,
} from "./role-credentials-cache";
import { describeTarget, resolveTarget, TARGET_HELP, TARGET_OPTIONS } from "./target";
import type { CliCommand, CliIo } from "./cli-command";

const LOGOUT_HELP = `Usage: sso-oidc logout [--profile NAME | --sso-session NAME | --start-url URL --region REGION]
       sso-oidc logout --all

Signs out as 'aws sso logout' does:
  1. For each cached SSO token it removes, it calls the access portal's Logout, which ends
     that sign-in session at the service: the access token and the refresh token stop working.
  2. It removes the token from ~/.aws/sso/cache: the one of a login, or with --all every file
     that parses as a token (an accessToken and an expiresAt), whichever tool wrote it.
  3. It removes the role credentials the AWS CLI cached with SSO tokens (~/.aws/cli/cache files
     whose ProviderType is "sso"): those of the login's profiles, or with --all all of them.
Client registrations are kept: they sign nobody in, and the next login reuses them. It prints
the names of the files it removed, never a token.

The portal is https://portal.sso.<region>.amazonaws.com, or the endpoint the AWS SDKs would
configure (AWS_ENDPOINT_URL_SSO, the profile's [services] section). If a Logout call fails
(an error, or no answer within ${PORTAL_TIMEOUT_MS / 1000} s), the files are removed all the same, a
warning says so, and the exit code is 1: that session stays valid at the service until it
expires. A token the portal no longer takes (expired, or signed out already) is no failure.

Options:
${TARGET_HELP}
  --all                 Sign out every cached SSO token and remove all SSO role credentials
  -h, --help            Show this help

Examples:
  sso-oidc logout --profile dev
  sso-oidc logout --all
  AWS_ENDPOINT_URL_SSO=http://127.0.0.1:8321 sso-oidc logout --all
`;

/** A cached token as every tool writes it: a string accessToken and expiresAt; region if known. */
interface CachedToken {
  path: string;
  accessToken: string;
  region: string | undefined;
}

/** What the portal said to one token's Logout. */
type PortalOutcome =
  | { kind: "signed-out"; endpoint: string }
  | { kind: "not-accepted" }
  | { kind: "no-endpoint" }
  | { kind: "failed"; code: string; message: string };

/** Everything one logout removed; the exit code is 1 when a Logout failed. */
interface LogoutReport {
  tokens: number;
  roleCredentials: number;
  failed: boolean;
}

/** Removes `path`; false when it was not there. */
async function removeFile(path: string): Promise<boolean> {
  try {
    await unlink(path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return false;
    throw new CliError(
      code ?? "REMOVE_FAILED",
      `Cannot remove ${path} (${code}); check its permissions.`,
      {
        cause: error,
      },
    );
  }
}

/**
 * The token in `path`, or undefined when the file is absent or not a token. Read as the cache
 * reads, so a named pipe or a device among the files is passed over, not waited on.
 */
async function readCachedToken(path: string): Promise<CachedToken | undefined> {
  const text = await readCacheText(path, () => undefined);
  if (text === undefined) return undefined;
  try {
    const json = JSON.parse(text) as Record<string, unknown> | null;
    if (typeof json !== "object" || json === null) return undefined;
    const { accessToken, expiresAt, region } = json;
    if (typeof accessToken !== "string" || typeof expiresAt !== "string") return undefined;
    return { path, accessToken, region: typeof region === "string" ? region : undefined };
  } catch {
    return undefined;
  }
}

/**
 * The portal's Logout for one token, in the token's region (the login's when the file names
 * none). Never throws, not even for a bad endpoint setting: the local removal happens whatever
 * the portal says.
 */
async function signOutAtPortal(
  token: CachedToken,
  fallbackRegion: string | undefined,
): Promise<PortalOutcome> {
  const region = token.region ?? fallbackRegion;
  try {
    const endpoint = region === undefined ? undefined : await resolvePortalEndpoint(region);
    if (endpoint === undefined) return { kind: "no-endpoint" };
    await logoutAtPortal(endpoint, token.accessToken);
    return { kind: "signed-out", endpoint };
  } catch (error) {
    if (isUnauthorized(error)) return { kind: "not-accepted" };
    const code = (error as { code?: unknown } | null)?.code;
    const message = error instanceof Error ? error.message : String(error);
    return {
      kind: "failed",
      code: typeof code === "string" ? code : "LOGOUT_FAILED",
      message: /[.!?]$/.test(message) ? message : `${message}.`,
    };
  }
}

function describeOutcome(outcome: PortalOutcome): string {
  switch (outcome.kind) {
    case "signed-out":
      return `signed out at ${outcome.endpoint}`;
    case "not-accepted":
      return "the portal no longer took it: expired or signed out already";
    case "no-endpoint":
      return "no valid region in it, so not signed out at the portal";
    case "failed":
      return "not signed out at the portal, see the warning";
  }
}

/**
 * Logs each token out at the portal (all at once: each call is bounded, and a slow portal
 * should cost one timeout, not one per token), then removes the files and says what happened.
 */
async function removeTokens(
  tokens: readonly CachedToken[],
  fallbackRegion: string | undefined,
  io: CliIo,
): Promise<{ removed: number; failed: boolean }> {
  const outcomes = await Promise.all(tokens.map((token) => signOutAtPortal(token, fallbackRegion)));
  let removed = 0;
  let failed = false;
  for (const [i, token] of tokens.entries()) {
    const outcome = outcomes[i]!;
    const gone = await removeFile(token.path);
    if (outcome.kind === "failed") {
      failed = true;
      io.stderr(
        `sso-oidc: warning: ${outcome.code}: ${outcome.message} ${displayPath(token.path)} is removed here, but its session stays valid at the service until it expires.\n`,
      );
    }
    if (gone) {
      io.stdout(`Removed ${displayPath(token.path)} (${describeOutcome(outcome)})\n`);
      removed += 1;
    }
  }
  return { removed, failed };
}

async function removeRoleCredentials(paths: readonly string[], io: CliIo): Promise<number> {
  let removed = 0;
  for (const path of paths) {
    if (await removeFile(path)) {
      io.stdout(`Removed ${displayPath(path)} (role credentials)\n`);
      removed += 1;
    }
  }
  return removed;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** `1 cached token and 2 role credentials files`, leaving out what is zero. */
function describeRemoved(report: LogoutReport): string {
  return [
    report.tokens > 0 ? plural(report.tokens, "cached token", "cached tokens") : "",
    report.roleCredentials > 0
      ? plural(report.roleCredentials, "role credentials file", "role credentials files")
      : "",
  ]
    .filter(Boolean)
    .join(" and ");
}

async function logoutAll(io: CliIo): Promise<number> {
  const { directory } = createSsoCache();
  let names: string[];
  try {
    names = (await readdir(directory)).filter((name) => name.endsWith(".json")).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    names = [];
  }
  const read = await Promise.all(names.map((name) => readCachedToken(join(directory, name))));
  const tokens = read.filter((token): token is CachedToken => token !== undefined);
  const { removed, failed } = await removeTokens(tokens, undefined, io);
  const roleCredentials = await removeRoleCredentials(await listSsoRoleCredentialFiles(), io);
  const report = { tokens: removed, roleCredentials, failed };
  io.stdout(
    removed + roleCredentials === 0
      ? `No cached SSO tokens in ${displayPath(directory)} and no SSO role credentials in ${displayPath(roleCredentialsDirectory())}; nothing to remove.\n`
      : `Logged out: removed ${describeRemoved(report)}.\n`,
  );
  return failed ? 1 : 0;
}

async function runLogoutCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...TARGET_OPTIONS,
      all: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(LOGOUT_HELP);
    return 0;
  }
  if (values.all) {
    const named = (["profile", "sso-session", "start-url", "region"] as const).find(
      (name) => values[name] !== undefined,
    );
    if (named) {
      throw new UsageError("CONFLICTING_OPTIONS", `--all removes every token; drop --${named}.`);
    }
    return logoutAll(io);
  }
  const config = await resolveTarget(values);
  const path = createSsoCache().tokenPath(config.cacheId);
  const subject = describeTarget(config);
  const token = await readCachedToken(path);
  // A file there that is no token (damaged) still goes: it is this login's, and no use.
  const { removed, failed } = token
    ? await removeTokens([token], config.region, io)
    : { removed: (await removeFile(path)) ? 1 : 0, failed: false };
  if (!token && removed > 0) io.stdout(`Removed ${displayPath(path)} (not a valid token)\n`);
  const roleCredentials = await removeRoleCredentials(await loginRoleCredentialFiles(config), io);
  const report = { tokens: removed, roleCredentials, failed };
  io.stdout(
    removed + roleCredentials === 0
      ? `No cached token for ${subject} (${displayPath(path)}); nothing to remove.\n`
      : `Logged out ${subject}: removed ${describeRemoved(report)}.\n`,
  );
  return failed ? 1 : 0;
}

const logoutCommand: CliCommand = {
  name: "logout",
  run: runLogoutCommand,
};

export { logoutCommand, runLogoutCommand };
