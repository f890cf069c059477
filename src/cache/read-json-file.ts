import { readFile } from "node:fs/promises";
import type { CacheWarn } from "./sso-cache-types";

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

export { readJsonFile };
