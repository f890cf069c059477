import { spawn } from "node:child_process";

/*
 * The parts a flow waits and reaches the user with, injected so tests are exact and need no real
 * waiting or browser: the clock and sleep types, and their platform defaults.
 */

/** Epoch milliseconds; injected so tests control time. */
type Clock = () => number;

/**
 * Waits `ms` milliseconds; must reject with `signal.reason` as soon as the signal aborts, so a
 * cancelled login stops at once, also mid-wait.
 */
type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** The default `Sleep`: a timer that rejects with the signal's reason the moment it aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * The platform's "open this URL" command. Resolves once the opener started, rejects when it
 * cannot start (no `xdg-open` on a server, say), so the caller can tell the user to open the URL
 * by hand. The opener is detached: it may outlive this process and its exit code is not awaited,
 * because some openers only return when the browser closes.
 */
function openUrl(url: string): Promise<void> {
  const [command, args, windowsVerbatimArguments] =
    process.platform === "darwin"
      ? ["open", [url], false]
      : process.platform === "win32"
        ? // `start` is a cmd builtin; cmd treats & | < > ^ % specially, so they are ^-escaped.
          ["cmd.exe", ["/d", "/c", "start", '""', url.replace(/[&|<>^%]/g, "^$&")], true]
        : ["xdg-open", [url], false];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      detached: true,
      stdio: "ignore",
      windowsVerbatimArguments,
      windowsHide: true,
    });
    child.once("error", reject);
    child.once("spawn", () => {
      child.unref();
      resolve();
    });
  });
}

export { openUrl, sleep };
export type { Clock, Sleep };
