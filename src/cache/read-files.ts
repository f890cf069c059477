import { constants } from "node:fs";
import { open } from "node:fs/promises";
import type { Stats } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import type { CacheWarn } from "./sso-cache";

/*
 * Reading the cache's files: only regular files of a token's size, never waiting on a special
 * file, and never quoting what was read.
 */

/** A cache file holds one token or registration; a file far larger than that is not one. */
const MAX_CACHE_FILE_BYTES = 1024 * 1024;
/**
 * Opening a FIFO for reading waits for a writer, forever if none comes; with O_NONBLOCK it opens
 * at once and fstat tells what it is. Regular files ignore the flag. Windows has no such flag.
 */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function fileKind(stats: Stats): string {
  if (stats.isDirectory()) return "a folder";
  if (stats.isFIFO()) return "a named pipe";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  return "a special file";
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? "unknown error";
}

/**
 * The text of a cache file; undefined when it does not exist (silently), or when it is not a
 * regular file, is too large or cannot be read (with a warning). Never waits on a special file.
 */
async function readCacheText(path: string, warn: CacheWarn): Promise<string | undefined> {
  let handle: FileHandle;
  try {
    handle = await open(path, READ_FLAGS);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return undefined;
    warn(`Ignoring SSO cache file ${path}: it cannot be read (${errorCode(error)}).`);
    return undefined;
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) {
      warn(`Ignoring SSO cache file ${path}: it is ${fileKind(stats)}, not a regular file.`);
      return undefined;
    }
    if (stats.size > MAX_CACHE_FILE_BYTES) {
      warn(`Ignoring SSO cache file ${path}: it is too large to be a token (${stats.size} bytes).`);
      return undefined;
    }
    return await handle.readFile("utf8");
  } catch (error) {
    warn(`Ignoring SSO cache file ${path}: it cannot be read (${errorCode(error)}).`);
    return undefined;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * The parsed JSON of a cache file; undefined when it does not exist (silently) or cannot be
 * read or parsed (with a warning). The parser's message is not passed on: it quotes the text
 * around the error, which here could be part of a token.
 */
async function readJsonFile(path: string, warn: CacheWarn): Promise<unknown> {
  const text = await readCacheText(path, warn);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    warn(`Ignoring SSO cache file ${path}: it is not valid JSON. Log in again to replace it.`);
    return undefined;
  }
}

export { readCacheText, readJsonFile };
