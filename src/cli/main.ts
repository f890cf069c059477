#!/usr/bin/env node
import { writeSync } from "node:fs";
import { reportError, USAGE_EXIT_CODE, UsageError } from "./cli-command";
import type { CliCommand, CliIo } from "./cli-command";

/**
 * A command as the help lists it, and how to load it. Each command is imported when it runs, so
 * a run loads only its own command: `sso-oidc token` does not pay for the emulator, nor, with a
 * valid cached token, for the client.
 */
interface CommandEntry {
  name: string;
  /** The line the help shows for it; kept here so that the help loads no command. */
  summary: string;
  load(): Promise<CliCommand>;
}

/** Commands in help order. */
const COMMANDS: readonly CommandEntry[] = [
  {
    name: "login",
    summary: "Sign in (PKCE or device code) and cache the token for the AWS CLI and SDKs",
    load: async () => (await import("./login-command")).loginCommand,
  },
  {
    name: "token",
    summary: "Print a valid access token as JSON (refreshing it when needed), for scripts",
    load: async () => (await import("./token-command")).tokenCommand,
  },
  {
    name: "logout",
    summary: "Sign out a login (or every one with --all) at the portal and remove its cached files",
    load: async () => (await import("./logout-command")).logoutCommand,
  },
  {
    name: "demo",
    summary: "Log in, refresh and get role credentials from a local emulator (no AWS account)",
    load: async () => (await import("./demo-command")).demoCommand,
  },
  {
    name: "emulator",
    summary: "Run a local SSO OIDC service and access portal for development and tests",
    load: async () => (await import("./emulator-command")).emulatorCommand,
  },
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
  const entry = COMMANDS.find((candidate) => candidate.name === first);
  try {
    if (!entry) {
      const kind = first.startsWith("-") ? "UNKNOWN_OPTION" : "UNKNOWN_COMMAND";
      throw new UsageError(
        kind,
        `Unknown ${kind === "UNKNOWN_OPTION" ? "option" : "command"} '${first}'.`,
      );
    }
    const command = await entry.load();
    return await command.run(rest, io);
  } catch (error) {
    return reportError(error, io, entry?.name);
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

/**
 * A writer to a standard stream that writes to its file descriptor directly. Creating
 * `process.stdout` on a pipe makes a net.Socket, which loads `net`: that measured 5 to 7 ms of
 * `sso-oidc token` with a valid cached token, a quarter of its time over `node -e 1`. Whatever a
 * direct write cannot take (a full non-blocking pipe, any error) goes to the stream, and from
 * then on everything does, so the order of the output is kept.
 */
function streamWriter(fd: number, stream: () => NodeJS.WriteStream): (text: string) => void {
  let useStream = false;
  return (text) => {
    let bytes = Buffer.from(text, "utf8");
    if (!useStream) {
      try {
        while (bytes.length > 0) bytes = bytes.subarray(writeSync(fd, bytes));
        return;
      } catch {
        useStream = true;
      }
    }
    stream().write(bytes);
  };
}

const processIo: CliIo = {
  stdout: streamWriter(1, () => process.stdout),
  stderr: streamWriter(2, () => process.stderr),
  waitForShutdown: waitForProcessSignal,
  // Read when a command asks, not at start: reading it creates `process.stdout`.
  get stdoutIsTty() {
    return process.stdout.isTTY === true;
  },
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

export { COMMANDS, main, runCli, streamWriter, UsageError };
export type { CliIo, CliCommand, CommandEntry };
