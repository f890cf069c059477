import { chmod, lstat, mkdir, open, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { SsoCacheError } from "./errors";
import type { Stats } from "node:fs";
import type { CacheWarn } from "./sso-cache";

/*
 * Writing the cache's files, and the folder they are written to.
 */

/** Windows refuses to replace a file another process has open; such a rename is retried. */
const RENAME_RETRY_CODES = new Set(["EPERM", "EACCES", "EBUSY"]);
const RENAME_ATTEMPTS = 10;

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? "unknown error";
}

/**
 * A cache folder other users can write lets them plant or swap tokens (and read the ones they
 * replace), so one of the user's own is made 0700, as the AWS CLI creates it; a folder that is
 * not the user's, or a symbolic link to one, is refused rather than changed. An absent folder is
 * fine: it is created 0700 on the first write. Windows has no such mode bits.
 */
async function checkCacheFolder(directory: string, warn: CacheWarn): Promise<void> {
  if (process.platform === "win32") return;
  let stats: Stats;
  try {
    stats = await stat(directory);
  } catch {
    return;
  }
  if (!stats.isDirectory() || (stats.mode & 0o022) === 0) return;
  const mode = (stats.mode & 0o7777).toString(8).padStart(4, "0");
  const own = stats.uid === process.getuid?.();
  const isLink = (await lstat(directory).catch(() => stats)).isSymbolicLink();
  let reason = isLink ? "it is a symbolic link" : "it belongs to another user";
  if (own && !isLink) {
    try {
      await chmod(directory, 0o700);
      warn(
        `The SSO cache folder ${directory} could be written by other users (mode ${mode}); it is now 0700.`,
      );
      return;
    } catch (error) {
      reason = errorCode(error);
    }
  }
  throw new SsoCacheError(
    "ERR_SSO_OIDC_CACHE_FOLDER_UNSAFE",
    `The SSO cache folder ${directory} can be written by other users (mode ${mode}) and was not made private (${reason}); run \`chmod 700 ${directory}\` as its owner, or remove it and log in again.`,
    directory,
  );
}

async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await rename(from, to);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "";
      if (process.platform !== "win32" || !RENAME_RETRY_CODES.has(code)) throw error;
      if (attempt >= RENAME_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, attempt * 10));
    }
  }
}

/**
 * `bytes` random bytes as hex, for names no other process picks. `node:crypto` loads on the first
 * write: reading the cache, which `sso-oidc token` does before every use of a token, has no use
 * for it, and loading it measured 4 to 6 ms of that command.
 */
async function randomHex(bytes: number): Promise<string> {
  const { randomBytes } = await import("node:crypto");
  return randomBytes(bytes).toString("hex");
}

/**
 * Writes `value` as JSON so that readers see the old file or the new one, never a mix: the text
 * goes to a temporary file in the same folder (same file system, so rename is atomic), is
 * flushed, then renamed over the target. Concurrent writers each rename a complete file; the
 * last rename wins. The file is 0600 and a folder this creates is 0700: tokens are secrets.
 */
async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  const folder = dirname(path);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const temporary = join(folder, `.${basename(path)}.${process.pid}.${await randomHex(6)}.tmp`);
  const text = `${JSON.stringify(value, null, 2)}\n`;
  try {
    const handle = await open(temporary, "wx", 0o600);
    try {
      // The umask may have removed bits from 0600 but never adds any; chmod makes it exact.
      await handle.chmod(0o600);
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameWithRetry(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

export { checkCacheFolder, randomHex, writeJsonAtomic };
