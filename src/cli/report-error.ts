import { SSOOIDCServiceException } from "../index.js";
import { CliError, UsageError } from "./cli-command.js";
import type { CliIo } from "./cli-command.js";

const USAGE_EXIT_CODE = 2;
const FAILURE_EXIT_CODE = 1;

/** node:util parseArgs codes, renamed into this CLI's stable codes. */
const PARSE_ARGS_CODES: Record<string, string> = {
  ERR_PARSE_ARGS_UNKNOWN_OPTION: "UNKNOWN_OPTION",
  ERR_PARSE_ARGS_INVALID_OPTION_VALUE: "INVALID_OPTION_VALUE",
  ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL: "UNEXPECTED_ARGUMENT",
};

/** The library's codes (`ERR_SSO_OIDC_PROFILE_NOT_FOUND`) read as this CLI's (`PROFILE_NOT_FOUND`). */
const LIBRARY_CODE_PREFIX = "ERR_SSO_OIDC_";

interface ReportedError {
  code: string;
  message: string;
  exitCode: number;
}

/** A service exception's stable code: its `error` member (`invalid_grant` → `INVALID_GRANT`). */
function serviceErrorCode(error: SSOOIDCServiceException): string {
  const wire = (error as { error?: unknown }).error;
  if (typeof wire === "string" && /^[a-z_]+$/.test(wire)) return wire.toUpperCase();
  return error.name
    .replace(/Exception$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toUpperCase();
}

function classify(error: unknown): ReportedError {
  const rawCode = (error as { code?: unknown } | null)?.code;
  const raw = error instanceof Error ? error.message : String(error);
  const parseCode = typeof rawCode === "string" ? PARSE_ARGS_CODES[rawCode] : undefined;
  if (parseCode !== undefined) {
    // parseArgs appends a paragraph about '--'; the first sentence is the useful part.
    return { code: parseCode, message: `${raw.split(". ")[0]}.`, exitCode: USAGE_EXIT_CODE };
  }
  if (error instanceof UsageError) {
    return { code: error.code, message: raw, exitCode: USAGE_EXIT_CODE };
  }
  if (error instanceof CliError)
    return { code: error.code, message: raw, exitCode: error.exitCode };
  if (error instanceof SSOOIDCServiceException) {
    return {
      code: serviceErrorCode(error),
      message: `The SSO OIDC service refused the request (${error.name}): ${raw}`,
      exitCode: FAILURE_EXIT_CODE,
    };
  }
  const code =
    typeof rawCode === "string"
      ? rawCode.startsWith(LIBRARY_CODE_PREFIX)
        ? rawCode.slice(LIBRARY_CODE_PREFIX.length)
        : rawCode
      : "UNEXPECTED_ERROR";
  return { code, message: raw, exitCode: FAILURE_EXIT_CODE };
}

/** One line, `sso-oidc: <CODE>: <message>`, and the exit code for it; never a stack trace. */
function reportError(error: unknown, io: CliIo, commandName: string | undefined): number {
  const { code, message, exitCode } = classify(error);
  const text = message.replace(/\s+/g, " ").trim();
  const helpHint = commandName ? `sso-oidc ${commandName} --help` : "sso-oidc --help";
  const line =
    exitCode === USAGE_EXIT_CODE ? `${text.replace(/\.$/, "")} (see '${helpHint}')` : text;
  io.stderr(`sso-oidc: ${code}: ${line}\n`);
  return exitCode;
}

export { reportError, USAGE_EXIT_CODE };
