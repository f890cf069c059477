import { emulatorCommand } from "./emulator-command.js";

/** Where a command writes and how it learns to stop; injected so tests need no real process. */
interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Resolves with the signal name when the user asks a long-running command to stop. */
  waitForShutdown(): Promise<string>;
}

/** One `sso-oidc <name>` command, in its own file (`<name>-command.ts`). */
interface CliCommand {
  name: string;
  summary: string;
  /** Returns the exit code; throws an Error with a string `code` for a one-line failure. */
  run(argv: string[], io: CliIo): Promise<number>;
}

/** Commands in help order; `login`, `token`, `logout`, `demo` join here as they are written. */
const COMMANDS: readonly CliCommand[] = [emulatorCommand];

const HELP = `Usage: sso-oidc <command> [options]

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(10)} ${command.summary}`).join("\n")}

Options:
  -h, --help  Show this help

Run 'sso-oidc <command> --help' for the options of a command.

Examples:
  sso-oidc emulator
  sso-oidc emulator --port 0 --auto-approve
`;

/** Codes of usage mistakes; everything else is a runtime failure. */
const USAGE_EXIT_CODE = 2;
const FAILURE_EXIT_CODE = 1;

/** node:util parseArgs codes, renamed into this CLI's stable codes. */
const PARSE_ARGS_CODES: Record<string, string> = {
  ERR_PARSE_ARGS_UNKNOWN_OPTION: "UNKNOWN_OPTION",
  ERR_PARSE_ARGS_INVALID_OPTION_VALUE: "INVALID_OPTION_VALUE",
  ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL: "UNEXPECTED_ARGUMENT",
};

class UsageError extends Error {
  override readonly name = "UsageError";
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** One line, `sso-oidc: <CODE>: <message>`, and the exit code for it. */
function reportError(error: unknown, io: CliIo, commandName: string | undefined): number {
  const rawCode = (error as { code?: unknown } | null)?.code;
  const parseCode = typeof rawCode === "string" ? PARSE_ARGS_CODES[rawCode] : undefined;
  const code = parseCode ?? (typeof rawCode === "string" ? rawCode : "UNEXPECTED_ERROR");
  const raw = error instanceof Error ? error.message : String(error);
  // parseArgs appends a paragraph about '--'; the first sentence is the useful part.
  const message = parseCode ? `${raw.split(". ")[0]}.` : raw;
  const isUsage =
    parseCode !== undefined || error instanceof UsageError || code.startsWith("INVALID_");
  const helpHint = commandName ? `sso-oidc ${commandName} --help` : "sso-oidc --help";
  const text = message.replace(/\s+/g, " ").trim();
  const line = isUsage ? `${text.replace(/\.$/, "")} (see '${helpHint}')` : text;
  io.stderr(`sso-oidc: ${code}: ${line}\n`);
  return isUsage ? USAGE_EXIT_CODE : FAILURE_EXIT_CODE;
}

/** Runs one command line and returns its exit code; never throws. */
async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === "-h" || first === "--help" || first === "help") {
    (first === undefined ? io.stderr : io.stdout)(HELP);
    return first === undefined ? USAGE_EXIT_CODE : 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === first);
  try {
    if (!command) {
      const kind = first.startsWith("-") ? "UNKNOWN_OPTION" : "UNKNOWN_COMMAND";
      throw new UsageError(
        kind,
        `Unknown ${kind === "UNKNOWN_OPTION" ? "option" : "command"} '${first}'.`,
      );
    }
    return await command.run(rest, io);
  } catch (error) {
    return reportError(error, io, command?.name);
  }
}

function waitForProcessSignal(): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (signal: string) => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      resolve(signal);
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
}

const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  waitForShutdown: waitForProcessSignal,
};

/** The bin: sets `process.exitCode` and lets the event loop drain, never `process.exit()`. */
async function main(argv: readonly string[]): Promise<void> {
  process.exitCode = await runCli(argv, processIo);
}

/**
 * Run as a program (tsx on this file, the bundled `dist/cli/main.js`, or the npm `sso-oidc`
 * link), not when imported. A name check survives bundling, unlike `import.meta` comparisons.
 */
function isRunAsProgram(entry: string | undefined): boolean {
  return /(?:^|[\\/])(?:main\.[cm]?[jt]s|sso-oidc(?:\.[cm]?js)?)$/.test(entry ?? "");
}

if (isRunAsProgram(process.argv[1])) void main(process.argv.slice(2));

export { main, runCli, UsageError };
export type { CliIo, CliCommand };
