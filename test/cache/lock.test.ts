import { hostname } from "node:os";
import { mkdtemp, readFile, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireFileLock } from "../../src/cache/lock";

let dir: string;
let entry: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "sso-oidc-lock-"));
  entry = join(dir, "token.json");
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** A clock and sleep that only move when the lock waits. */
function fakeTime(startMs = Date.now()) {
  let nowMs = startMs;
  const sleeps: number[] = [];
  return {
    now: () => nowMs,
    sleeps,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      nowMs += ms;
    },
  };
}

function lockRecord(fields: Partial<{ pid: number; host: string; createdAt: string }>) {
  return JSON.stringify({
    pid: process.pid,
    host: hostname(),
    createdAt: new Date().toISOString(),
    id: "someone-else",
    ...fields,
  });
}

describe("acquireFileLock", () => {
  it("creates <entry>.lock with pid, host and time, and removes it on release", async () => {
    const release = await acquireFileLock(entry);
    expect(release).toBeTypeOf("function");
    const record = JSON.parse(await readFile(`${entry}.lock`, "utf8")) as Record<string, unknown>;
    expect(record).toMatchObject({ pid: process.pid, host: hostname() });
    expect(Date.now() - Date.parse(String(record["createdAt"]))).toBeLessThan(5000);
    await release!();
    await release!();
    expect(await readdir(dir)).toEqual([]);
  });

  it("a second taker waits until the first releases", async () => {
    const first = await acquireFileLock(entry);
    let secondHas = false;
    const second = acquireFileLock(entry).then((release) => {
      secondHas = true;
      return release;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(secondHas).toBe(false);
    await first!();
    const release = await second;
    expect(release).toBeTypeOf("function");
    await release!();
    expect(await readdir(dir)).toEqual([]);
  });

  it("gives up after waitMs on a live holder, leaving its lock alone", async () => {
    const holder = lockRecord({});
    await writeFile(`${entry}.lock`, holder);
    const time = fakeTime();
    const release = await acquireFileLock(entry, { waitMs: 1000, ...time });
    expect(release).toBeUndefined();
    const waited = time.sleeps.reduce((sum, ms) => sum + ms, 0);
    expect(waited).toBe(1000);
    expect(time.sleeps.slice(0, -1).every((ms) => ms >= 25 && ms < 50)).toBe(true);
    expect(await readFile(`${entry}.lock`, "utf8")).toBe(holder);
  });

  it("takes over the lock of a process that is gone, without waiting", async () => {
    await writeFile(`${entry}.lock`, lockRecord({ pid: 424242 }));
    const time = fakeTime();
    const release = await acquireFileLock(entry, {
      ...time,
      isAlive: (pid) => pid !== 424242,
    });
    expect(release).toBeTypeOf("function");
    expect(time.sleeps).toEqual([]);
    expect(JSON.parse(await readFile(`${entry}.lock`, "utf8"))).toMatchObject({
      pid: process.pid,
    });
    await release!();
    expect(await readdir(dir)).toEqual([]);
  });

  it("takes over a lock older than staleMs, even from a live process or another host", async () => {
    const old = new Date(Date.now() - 3 * 60_000).toISOString();
    for (const host of [hostname(), "another-host"]) {
      await writeFile(`${entry}.lock`, lockRecord({ host, createdAt: old }));
      const release = await acquireFileLock(entry, { waitMs: 0 });
      expect(release).toBeTypeOf("function");
      await release!();
    }
  });

  it("a live lock on another host is waited for: its pid means nothing here", async () => {
    await writeFile(`${entry}.lock`, lockRecord({ pid: 424242, host: "another-host" }));
    const release = await acquireFileLock(entry, { waitMs: 100, ...fakeTime() });
    expect(release).toBeUndefined();
  });

  it("an empty lock file is taken over once it is older than a write takes", async () => {
    await writeFile(`${entry}.lock`, "");
    expect(await acquireFileLock(entry, { waitMs: 100, ...fakeTime() })).toBeUndefined();
    const past = new Date(Date.now() - 60_000);
    await utimes(`${entry}.lock`, past, past);
    const release = await acquireFileLock(entry, { waitMs: 0 });
    expect(release).toBeTypeOf("function");
    await release!();
  });

  it("release leaves a lock that another process took over in the meantime", async () => {
    const release = await acquireFileLock(entry);
    const theirs = lockRecord({ pid: 1 });
    await writeFile(`${entry}.lock`, theirs);
    await release!();
    expect(await readFile(`${entry}.lock`, "utf8")).toBe(theirs);
  });

  it("no lock where none can be made (a missing folder): undefined at once", async () => {
    expect(await acquireFileLock(join(dir, "missing", "token.json"))).toBeUndefined();
  });
});
