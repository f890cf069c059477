import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { CacheWarn } from "./sso-cache";

/** Windows refuses to replace a file another process has open; such a rename is retried. */
const RENAME_RETRY_CODES = new Set(["EPERM", "EACCES", "EBUSY"]);
const RENAME_ATTEMPTS = 10;

/**
 * The parsed JSON of a cache file; undefined when it does not exist (silently) or cannot be
 * read or parsed (with a warning). The parser's message is not passed on: it quotes the text
 * around the error, which here could be part of a token.
 */
async function readJsonFile(path: string, warn: CacheWarn): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    warn(`Ignoring SSO cache file ${path}: it cannot be read (${code ?? "unknown error"}).`);
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    warn(`Ignoring SSO cache file ${path}: it is not valid JSON. Log in again to replace it.`);
    return undefined;
  }
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
 * Writes `value` as JSON so that readers see the old file or the new one, never a mix: the text
 * goes to a temporary file in the same folder (same file system, so rename is atomic), is
 * flushed, then renamed over the target. Concurrent writers each rename a complete file; the
 * last rename wins. The file is 0600 and a folder this creates is 0700: tokens are secrets.
 */
async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  const folder = dirname(path);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const temporary = join(
    folder,
    `.${basename(path)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`,
  );
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

export { readJsonFile, writeJsonAtomic };
