import { UnsafeUrlError } from "./errors";

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

/** Node's timers hold a signed 32-bit count of milliseconds; a longer delay fires after 1 ms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The default `Sleep`: a timer that rejects with the signal's reason the moment it aborts. A
 * wait longer than one timer holds runs as several in a row, so it never ends early.
 */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    let leftMs = ms;
    let timer: ReturnType<typeof setTimeout>;
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const wait = () => {
      const partMs = Math.min(leftMs, MAX_TIMER_MS);
      leftMs -= partMs;
      timer = setTimeout(() => {
        if (leftMs > 0) return wait();
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, partMs);
    };
    wait();
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** RFC 8252 §7.3 / §8.3: the loopback addresses, `localhost` included for opening pages only. */
function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Whether a URL from the service may be handed to a browser opener: https, or http on this
 * machine (the emulator, a local proxy). The OS opener starts whatever handles a scheme, so a
 * `file:` or `smb:` URL could open or run something other than a web page.
 */
function isOpenableUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === "https:" || (parsed.protocol === "http:" && isLoopbackHost(parsed.hostname))
  );
}

/** Throws UnsafeUrlError for a URL `isOpenableUrl` refuses. */
function checkOpenableUrl(url: string): void {
  if (isOpenableUrl(url)) return;
  let protocol = "malformed";
  try {
    protocol = new URL(url).protocol;
  } catch {
    // Reported as malformed.
  }
  throw new UnsafeUrlError(protocol);
}

/**
 * The platform's "open this URL" command. Resolves once the opener started, rejects when it
 * cannot start (no `xdg-open` on a server, say) or with UnsafeUrlError for a URL that is not
 * https (or http on this machine), so the caller can tell the user to open the URL by hand. The
 * opener is detached: it may outlive this process and its exit code is not awaited, because some
 * openers only return when the browser closes.
 */
async function openUrl(url: string): Promise<void> {
  checkOpenableUrl(url);
  const [command, args, windowsVerbatimArguments] =
    process.platform === "darwin"
      ? ["open", [url], false]
      : process.platform === "win32"
        ? // `start` is a cmd builtin; cmd treats & | < > ^ % specially, so they are ^-escaped.
          ["cmd.exe", ["/d", "/c", "start", '""', url.replace(/[&|<>^%]/g, "^$&")], true]
        : ["xdg-open", [url], false];
  // Loaded here, not with the module: `child_process` measured 2 to 4 ms of every import of
  // the package, and only opening a browser needs it.
  const { spawn } = await import("node:child_process");
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

export { checkOpenableUrl, isOpenableUrl, MAX_TIMER_MS, openUrl, sleep };
export type { Clock, Sleep };
