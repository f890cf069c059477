import { hostname } from "node:os";
import { link, open, readFile, rename, stat, unlink } from "node:fs/promises";
import { randomHex } from "./json-files";

/*
 * A lock file beside a cache entry, so that processes refreshing the same token take turns: with
 * rotating refresh tokens (RFC 9700 §4.14.2), two refreshes of one token means one of them fails
 * with invalid_grant. Advisory only: tools that do not take it (the AWS CLI) still race.
 */

/** A lock this old is taken over even when its process looks alive (pid reuse, a stuck host). */
const STALE_LOCK_MS = 2 * 60 * 1000;
/** How long to wait for another process's refresh before going on without the lock. */
const LOCK_WAIT_MS = 30 * 1000;
/** A lock file that is still empty or unreadable after this long was left by a killed writer. */
const UNWRITTEN_LOCK_MS = 5 * 1000;
/** Between attempts; jittered so that waiting processes do not retry in step. */
const POLL_MS = 25;

/** What a lock file holds: who took it and when. */
interface LockRecord {
  pid: number;
  host: string;
  createdAt: string;
  /** Tells this holder's lock from a later one at the same path. */
  id: string;
}

interface FileLockOptions {
  /** Default 30 s; then the caller goes on without the lock. */
  waitMs?: number;
  /** Default 2 minutes. */
  staleMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Whether a process runs on this host; default `process.kill(pid, 0)`. */
  isAlive?: (pid: number) => boolean;
}

/** Removes the lock if it is still this holder's; safe to call more than once. */
type ReleaseLock = () => Promise<void>;

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function parseLock(text: string): LockRecord | undefined {
  try {
    const json = JSON.parse(text) as Partial<LockRecord> | null;
    if (
      typeof json?.pid === "number" &&
      typeof json.host === "string" &&
      typeof json.createdAt === "string" &&
      typeof json.id === "string"
    ) {
      return json as LockRecord;
    }
  } catch {
    // Empty while its writer is between create and write, or garbage: judged by its age.
  }
  return undefined;
}

/** The lock's text; undefined when it is gone, empty when it cannot be read. */
async function readLock(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? undefined : "";
  }
}

async function isStale(
  path: string,
  text: string,
  settings: Required<Omit<FileLockOptions, "waitMs" | "sleep">>,
): Promise<boolean> {
  const record = parseLock(text);
  if (record === undefined) {
    const modifiedMs = await stat(path).then(
      (stats) => stats.mtimeMs,
      () => undefined,
    );
    return modifiedMs !== undefined && settings.now() - modifiedMs > UNWRITTEN_LOCK_MS;
  }
  const createdMs = Date.parse(record.createdAt);
  if (!(settings.now() - createdMs <= settings.staleMs)) return true;
  // A pid only means something on the host that wrote it (the cache may be on a shared home).
  return record.host === hostname() && !settings.isAlive(record.pid);
}

/**
 * Moves a stale lock out of the way. Two processes may judge the same lock stale; the second
 * one's rename could then move the first one's new lock, so what was moved is compared with what
 * was judged, and a lock that turns out to be live is put back (unless yet another exists).
 */
async function takeOver(path: string, staleText: string): Promise<boolean> {
  const aside = `${path}.${process.pid}.${await randomHex(4)}.stale`;
  try {
    await rename(path, aside);
  } catch (error) {
    // Gone already: another process took it over or its holder finished.
    return (error as NodeJS.ErrnoException).code === "ENOENT";
  }
  const moved = await readLock(aside);
  if (moved !== staleText) await link(aside, path).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
  return true;
}

/**
 * Takes `<path>.lock` (created with `wx`, holding pid, host and time), waiting while another live
 * process holds it, at most `waitMs`. Resolves with the release function, or undefined when the
 * lock could not be had in time or at all (a read-only folder): the caller then goes on without
 * it, as it would have without locking.
 */
async function acquireFileLock(
  path: string,
  options: FileLockOptions = {},
): Promise<ReleaseLock | undefined> {
  const settings = {
    now: options.now ?? Date.now,
    staleMs: options.staleMs ?? STALE_LOCK_MS,
    isAlive: options.isAlive ?? processIsAlive,
  };
  const sleep = options.sleep ?? defaultSleep;
  const lockPath = `${path}.lock`;
  const deadlineMs = settings.now() + (options.waitMs ?? LOCK_WAIT_MS);
  const record: LockRecord = {
    pid: process.pid,
    host: hostname(),
    createdAt: new Date(settings.now()).toISOString(),
    id: await randomHex(8),
  };
  const text = JSON.stringify(record);

  for (;;) {
    try {
      const handle = await open(lockPath, "wx", 0o600);
      try {
        await handle.writeFile(text, "utf8");
      } finally {
        await handle.close();
      }
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        // Only this holder's lock: after a takeover the file may be another process's.
        if ((await readLock(lockPath)) === text) await unlink(lockPath).catch(() => undefined);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") return undefined;
    }
    const existing = await readLock(lockPath);
    if (existing === undefined) continue;
    if ((await isStale(lockPath, existing, settings)) && (await takeOver(lockPath, existing))) {
      continue;
    }
    const remainingMs = deadlineMs - settings.now();
    if (remainingMs <= 0) return undefined;
    await sleep(Math.min(remainingMs, POLL_MS + Math.floor(Math.random() * POLL_MS)));
  }
}

export { acquireFileLock };
export type { FileLockOptions, ReleaseLock };
