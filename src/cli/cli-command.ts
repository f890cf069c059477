import { redactSecrets } from "../flows/redact";
import type { SSOOIDCServiceException } from "../index";

/*
 * What a command is: the IO it is given, the errors it throws and the one line and exit code
 * each becomes, and how Ctrl-C stops it.
 */

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

/** The shell convention: 128 + the signal number. */
const SIGNAL_EXIT_CODES: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/** Where a command writes and how it learns to stop; injected so tests need no real process. */
interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * Resolves with the signal name when the user asks a long-running command to stop (Ctrl-C).
   * Stops listening once `until` aborts, so a finished command leaves no handler behind.
   */
  waitForShutdown(until?: AbortSignal): Promise<string>;
  /** stdout is a terminal: progress may redraw one line with `\r`. Default false. */
  stdoutIsTty?: boolean;
}

/** One `sso-oidc <name>` command, in its own file (`<name>-command.ts`). */
interface CliCommand {
  name: string;
  /** Returns the exit code; throws an Error with a string `code` for a one-line failure. */
  run(argv: string[], io: CliIo): Promise<number>;
}

/** A mistake on the command line: exit code 2 and a pointer to the command's help. */
class UsageError extends Error {
  override readonly name = "UsageError";
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** A runtime failure with this CLI's own stable code; `exitCode` defaults to 1. */
class CliError extends Error {
  override readonly name: string = "CliError";
  readonly code: string;
  readonly exitCode: number;
  constructor(code: string, message: string, options?: { cause?: unknown; exitCode?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.exitCode = options?.exitCode ?? 1;
  }
}

interface ReportedError {
  code: string;
  message: string;
  exitCode: number;
}

/**
 * A service exception, known by the members every one carries, as smithy's
 * `ServiceException.isInstance` knows one: a class check would load the client to report the
 * errors of commands that never used it. Only the client throws errors of this shape.
 */
function isServiceException(error: unknown): error is SSOOIDCServiceException {
  if (!(error instanceof Error)) return false;
  const { $fault, $metadata } = error as { $fault?: unknown; $metadata?: unknown };
  return (
    ($fault === "client" || $fault === "server") &&
    typeof $metadata === "object" &&
    $metadata !== null
  );
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
  if (isServiceException(error)) {
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

/**
 * One line, `sso-oidc: <CODE>: <message>`, and the exit code for it; never a stack trace, and
 * never a token a message quoted from a response body.
 */
function reportError(error: unknown, io: CliIo, commandName: string | undefined): number {
  const { code, message, exitCode } = classify(error);
  const text = redactSecrets(message).replace(/\s+/g, " ").trim();
  const helpHint = commandName ? `sso-oidc ${commandName} --help` : "sso-oidc --help";
  const line =
    exitCode === USAGE_EXIT_CODE ? `${text.replace(/\.$/, "")} (see '${helpHint}')` : text;
  io.stderr(`sso-oidc: ${code}: ${line}\n`);
  return exitCode;
}

interface Interruption {
  /** Aborts, with a CliError `INTERRUPTED` as its reason, when the user presses Ctrl-C. */
  readonly signal: AbortSignal;
  /** Stops listening for Ctrl-C; call when the command is done. */
  dispose(): void;
}

/**
 * Ctrl-C while a command waits aborts the flow through its AbortSignal, so the flow stops at
 * once, closes its listener and writes no token; the command then exits 130 with one line.
 */
function listenForInterruption(io: CliIo, whatStops: string): Interruption {
  const controller = new AbortController();
  const done = new AbortController();
  void io.waitForShutdown(done.signal).then((signalName) => {
    controller.abort(
      new CliError("INTERRUPTED", `${whatStops} (${signalName}).`, {
        exitCode: SIGNAL_EXIT_CODES[signalName] ?? 1,
      }),
    );
  });
  return { signal: controller.signal, dispose: () => done.abort() };
}

/** The interruption's error when the signal aborted, whatever the flow threw; else `error`. */
function interruptionOr(signal: AbortSignal, error: unknown): unknown {
  return signal.aborted ? signal.reason : error;
}

export {
  CliError,
  interruptionOr,
  listenForInterruption,
  reportError,
  USAGE_EXIT_CODE,
  UsageError,
};
export type { CliCommand, CliIo, Interruption };
