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
  summary: string;
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

export { UsageError, CliError };
export type { CliIo, CliCommand };
