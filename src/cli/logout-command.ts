import { parseArgs } from "node:util";
import { readdir, unlink } from "node:fs/promises";
import { join } from "node:path";
import { createSsoCache } from "../index";
import { readCacheText } from "../cache/read-files";
import { CliError, UsageError } from "./cli-command";
import { displayPath } from "./display";
import { describeTarget, resolveTarget, TARGET_HELP, TARGET_OPTIONS } from "./target";
import type { CliCommand, CliIo } from "./cli-command";

const LOGOUT_HELP = `Usage: sso-oidc logout [--profile NAME | --sso-session NAME | --start-url URL --region REGION]
       sso-oidc logout --all

Removes cached SSO tokens from ~/.aws/sso/cache: the one of a login, or with --all every
token file in that folder (files that parse as tokens: an accessToken and an expiresAt),
whichever tool wrote it, like 'aws sso logout'. Client registrations (files without an
accessToken) are kept in both cases: they sign nobody in, and the next login reuses them.
The token stays valid at the service until it expires; this only forgets it here.

Options:
${TARGET_HELP}
  --all                 Remove every cached SSO token
  -h, --help            Show this help

Examples:
  sso-oidc logout --profile dev
  sso-oidc logout --all
`;

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
 * A token file as every tool writes it: a JSON object with a string accessToken and expiresAt.
 * Read as the cache reads, so a named pipe or a device among the files is passed over, not waited on.
 */
async function isTokenFile(path: string): Promise<boolean> {
  const text = await readCacheText(path, () => undefined);
  if (text === undefined) return false;
  try {
    const json = JSON.parse(text) as Record<string, unknown> | null;
    return (
      typeof json === "object" &&
      json !== null &&
      typeof json["accessToken"] === "string" &&
      typeof json["expiresAt"] === "string"
    );
  } catch {
    return false;
  }
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
  let removed = 0;
  for (const name of names) {
    const path = join(directory, name);
    if (!(await isTokenFile(path))) continue;
    if (await removeFile(path)) {
      io.stdout(`Removed ${displayPath(path)}\n`);
      removed += 1;
    }
  }
  io.stdout(
    removed === 0
      ? `No cached SSO tokens in ${displayPath(directory)}; nothing to remove.\n`
      : `Logged out: removed ${removed} cached token${removed === 1 ? "" : "s"}.\n`,
  );
  return 0;
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
  io.stdout(
    (await removeFile(path))
      ? `Logged out ${subject}: removed ${displayPath(path)}\n`
      : `No cached token for ${subject} (${displayPath(path)}); nothing to remove.\n`,
  );
  return 0;
}

const logoutCommand: CliCommand = {
  name: "logout",
  summary: "Remove the cached token of a login, or every cached token with --all",
  run: runLogoutCommand,
};

export { logoutCommand, runLogoutCommand };
