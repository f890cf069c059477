import { execFileSync } from "node:child_process";
import { constants } from "node:fs";
import { chmod, chown, mkdir, mkdtemp, open, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { createSsoCache } from "../../src/cache/sso-cache";
import { SsoCacheError } from "../../src/cache/errors";
import type { SsoCache } from "../../src/cache/sso-cache";

const isRoot = process.getuid?.() === 0;
const isWindows = process.platform === "win32";

let home: string;
let warnings: string[];
let cache: SsoCache;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), "sso-oidc-special-"));
  warnings = [];
  cache = createSsoCache({ homeDir: home, warn: (message) => void warnings.push(message) });
  await mkdir(cache.directory, { recursive: true, mode: 0o700 });
  await chmod(cache.directory, 0o700);
});
afterEach(() => rm(home, { recursive: true, force: true }));

const token = { accessToken: "aoa-access", expiresAt: new Date("2026-03-01T13:00:00Z") };

/** Fails the test instead of hanging it when a read blocks. */
function within<T>(promise: Promise<T>, ms = 2000): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms),
    ),
  ]);
}

describe.skipIf(isWindows)("the cache reads only regular files", () => {
  it("a named pipe is absent, with a warning, and never waited on", async () => {
    const path = cache.tokenPath("my-sso");
    execFileSync("mkfifo", [path]);
    onTestFinished(async () => {
      // Frees a reader that blocked on the pipe, so a failing run does not keep the worker.
      const writer = await open(path, constants.O_WRONLY | constants.O_NONBLOCK).catch(() => null);
      await writer?.close();
    });
    expect(await within(cache.readToken("my-sso"))).toBeUndefined();
    expect(warnings).toEqual([
      `Ignoring SSO cache file ${path}: it is a named pipe, not a regular file.`,
    ]);
  });

  it("a link to a device is absent, with a warning", async () => {
    await symlink("/dev/zero", cache.tokenPath("my-sso"));
    expect(await within(cache.readToken("my-sso"))).toBeUndefined();
    expect(warnings).toEqual([
      `Ignoring SSO cache file ${cache.tokenPath("my-sso")}: it is a device, not a regular file.`,
    ]);
  });

  it("a file far larger than a token is not read", async () => {
    await writeFile(cache.tokenPath("my-sso"), " ".repeat(1024 * 1024 + 1));
    expect(await cache.readToken("my-sso")).toBeUndefined();
    expect(warnings).toEqual([
      `Ignoring SSO cache file ${cache.tokenPath("my-sso")}: it is too large to be a token (1048577 bytes).`,
    ]);
  });

  it("a link to a regular file is still read (tools link cache files)", async () => {
    const target = join(home, "elsewhere.json");
    await writeFile(target, JSON.stringify({ ...token, expiresAt: "2026-03-01T13:00:00Z" }));
    await symlink(target, cache.tokenPath("my-sso"));
    expect(await cache.readToken("my-sso")).toEqual(token);
    expect(warnings).toEqual([]);
  });
});

describe.skipIf(isWindows)("a cache folder other users can write", () => {
  it.each([
    ["0777", 0o777],
    ["0775", 0o775],
    ["1777", 0o1777],
  ])("mode %s is tightened to 0700, with a warning", async (shown, mode) => {
    await chmod(cache.directory, mode);
    await cache.writeToken("my-sso", token);
    expect((await stat(cache.directory)).mode & 0o7777).toBe(0o700);
    expect(await cache.readToken("my-sso")).toEqual(token);
    expect(warnings).toEqual([
      `The SSO cache folder ${cache.directory} could be written by other users (mode ${shown}); it is now 0700.`,
    ]);
  });

  it("is tightened before a read too", async () => {
    await cache.writeToken("my-sso", token);
    await chmod(cache.directory, 0o777);
    expect(await cache.readToken("my-sso")).toEqual(token);
    expect((await stat(cache.directory)).mode & 0o777).toBe(0o700);
  });

  it("0755 is left as it is", async () => {
    await chmod(cache.directory, 0o755);
    await cache.writeToken("my-sso", token);
    expect((await stat(cache.directory)).mode & 0o777).toBe(0o755);
    expect(warnings).toEqual([]);
  });

  it("a symbolic link to such a folder is refused, not changed", async () => {
    const shared = join(home, "shared");
    await mkdir(shared);
    await chmod(shared, 0o777);
    await rm(cache.directory, { recursive: true });
    await symlink(shared, cache.directory);
    const error = await cache.readToken("my-sso").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SsoCacheError);
    expect(error).toMatchObject({
      code: "ERR_SSO_OIDC_CACHE_FOLDER_UNSAFE",
      directory: cache.directory,
      message: `The SSO cache folder ${cache.directory} can be written by other users (mode 0777) and was not made private (it is a symbolic link); run \`chmod 700 ${cache.directory}\` as its owner, or remove it and log in again.`,
    });
    await expect(cache.writeToken("my-sso", token)).rejects.toBeInstanceOf(SsoCacheError);
    expect((await stat(shared)).mode & 0o777).toBe(0o777);
  });

  it.runIf(isRoot)("another user's folder is refused, not changed", async () => {
    await chmod(cache.directory, 0o777);
    await chown(cache.directory, 4242, 4242);
    const error = await cache.writeToken("my-sso", token).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SsoCacheError);
    expect((error as Error).message).toBe(
      `The SSO cache folder ${cache.directory} can be written by other users (mode 0777) and was not made private (it belongs to another user); run \`chmod 700 ${cache.directory}\` as its owner, or remove it and log in again.`,
    );
    expect((await stat(cache.directory)).mode & 0o777).toBe(0o777);
  });
});
