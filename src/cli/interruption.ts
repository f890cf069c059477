import { CliError } from "./cli-command.js";
import type { CliIo } from "./cli-command.js";

/** The shell convention: 128 + the signal number. */
const SIGNAL_EXIT_CODES: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

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

export { listenForInterruption, interruptionOr };
export type { Interruption };
