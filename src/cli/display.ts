import { homedir } from "node:os";
import { sep } from "node:path";
import { AuthorizationPendingException, SlowDownException } from "../index";
import { formatCacheTime } from "../cache/formats";
import { sleep as defaultSleep } from "../flows/platform";
import type { CliIo } from "./cli-command";
import type { Sleep } from "../index";

/*
 * How the CLI shows times, paths, and a device code login that waits for approval. Times are
 * written as the cache writes them (`formatCacheTime`: whole seconds, UTC), so users can compare.
 */

/** Redraw the TTY countdown this often. */
const TICK_MS = 1000;
/** ANSI "erase the whole line", after `\r` moves to its start. */
const CLEAR_LINE = "\r\x1b[2K";

/** `10:00` or `1:02:03`: a countdown a user reads at a glance. */
function formatDuration(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}`
    : `${minutes}:${seconds}`;
}

/** A path under the home folder as `~/...`, which is shorter and does not name the user. */
function displayPath(path: string, home: string = homedir()): string {
  return home && path.startsWith(home + sep) ? `~${path.slice(home.length)}` : path;
}

interface DeviceProgress {
  /** The flow's sleep, wrapped: each wait before a poll tells the display the interval. */
  readonly sleep: Sleep;
  /** Starts the display once the code is shown. */
  start(expiresAt: Date): void;
  /** A CreateToken poll came back (the client observer's hook). */
  pollResult(error: unknown): void;
  /** Ends the display; a TTY line is erased so the next output starts clean. */
  stop(): void;
}

/** RFC 8628 §3.5: what a poll that did not yield a token means for the user. */
function describePoll(error: unknown): string {
  if (error instanceof AuthorizationPendingException) return "authorization pending";
  if (error instanceof SlowDownException) return "the service asked to poll less often";
  return "";
}

/**
 * Shows that a device-code login is waiting. On a terminal, one line counts down in place
 * (redrawn with `\r` every second); elsewhere (a log, a pipe) a line is written when waiting
 * starts and when the poll outcome or interval changes, never one per second.
 */
function createDeviceProgress(io: CliIo, now: () => number = Date.now): DeviceProgress {
  const tty = io.stdoutIsTty === true;
  let expiresAtMs = 0;
  let intervalMs: number | undefined;
  let status = "";
  let printed = "";
  let timer: NodeJS.Timeout | undefined;
  let active = false;

  const redraw = () => {
    const every = intervalMs === undefined ? "" : `, checking every ${intervalMs / 1000} s`;
    const what = status ? ` (${status})` : "";
    io.stdout(
      `${CLEAR_LINE}Waiting for approval${what}: ${formatDuration(expiresAtMs - now())} left${every}`,
    );
  };

  const sleep: Sleep = (ms, signal) => {
    if (active && ms !== intervalMs) {
      // The last wait before the deadline is shorter; it is not a new interval.
      const isLastWait = expiresAtMs - now() <= ms;
      if (!isLastWait || intervalMs === undefined) intervalMs = ms;
    }
    if (active && !tty && `${status}|${intervalMs}` !== printed && status !== "") {
      printed = `${status}|${intervalMs}`;
      io.stdout(`Still waiting (${status}); checking every ${(intervalMs ?? ms) / 1000} s.\n`);
    }
    if (active && tty) redraw();
    return defaultSleep(ms, signal);
  };

  return {
    sleep,
    start(expiresAt) {
      expiresAtMs = expiresAt.getTime();
      active = true;
      if (tty) {
        redraw();
        timer = setInterval(redraw, TICK_MS);
        timer.unref();
      } else {
        io.stdout(
          `Waiting for approval; the code expires at ${formatCacheTime(expiresAt)} (in ${formatDuration(expiresAtMs - now())}).\n`,
        );
      }
    },
    pollResult(error) {
      if (active) status = describePoll(error);
    },
    stop() {
      if (!active) return;
      active = false;
      clearInterval(timer);
      if (tty) io.stdout(CLEAR_LINE);
    },
  };
}

export { createDeviceProgress, displayPath, formatDuration };
export type { DeviceProgress };
