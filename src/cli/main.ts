import { reportError, USAGE_EXIT_CODE, UsageError } from "./cli-command";
import { demoCommand } from "./demo-command";
import { emulatorCommand } from "./emulator-command";
import { loginCommand } from "./login-command";
import { logoutCommand } from "./logout-command";
import { tokenCommand } from "./token-command";
import type { CliCommand, CliIo } from "./cli-command";

/** Commands in help order. */
const COMMANDS: readonly CliCommand[] = [
  loginCommand,
  tokenCommand,
  logoutCommand,
  demoCommand,
  emulatorCommand,
];

const HELP = `Usage: sso-oidc <command> [options]

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(10)} ${command.summary}`).join("\n")}

Options:
  -h, --help  Show this help

Run 'sso-oidc <command> --help' for the options of a command.

Examples:
  sso-oidc emulator
  sso-oidc emulator --port 0 --auto-approve
  sso-oidc demo
  sso-oidc login --profile dev
  sso-oidc token --profile dev
  sso-oidc logout --all
`;

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

function waitForProcessSignal(until?: AbortSignal): Promise<string> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      until?.removeEventListener("abort", stop);
    };
    const onSignal = (signal: string) => {
      stop();
      resolve(signal);
    };
    if (until?.aborted) return;
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    until?.addEventListener("abort", stop, { once: true });
  });
}

const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  waitForShutdown: waitForProcessSignal,
  stdoutIsTty: process.stdout.isTTY === true,
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
