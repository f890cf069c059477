import { execFileSync } from "node:child_process";
import { constants } from "node:fs";
import { chmod, mkdir, mkdtemp, open, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSsoCache } from "../../src/cache/sso-cache";
import { formatCacheTime } from "../../src/cache/formats";
import type { SsoCache, SsoToken, ClientRegistration } from "../../src/cache/sso-cache";

/*
 * Property-based tests of cache reading: whatever a cache file holds, and whatever kind of file
 * it is, a read gives a well-formed token (or registration), or nothing with one warning; it
 * never throws and never waits. A fixed seed keeps `npm test` repeatable; FUZZ_RUNS=N runs
 * longer (and FUZZ_SEED=N elsewhere in the space).
 */

const RUNS = Number(process.env["FUZZ_RUNS"] ?? 200);
const SEED = Number(process.env["FUZZ_SEED"] ?? 14);
/** A read that takes longer is taken to be blocked. */
const READ_LIMIT_MS = 2000;

let home: string;
let cache: SsoCache;
let warnings: string[];
let counter = 0;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "sso-oidc-fuzz-"));
  cache = createSsoCache({ homeDir: home, warn: (message) => void warnings.push(message) });
  await mkdir(cache.directory, { recursive: true, mode: 0o700 });
});
afterAll(() => rm(home, { recursive: true, force: true }));

function within<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`still reading after ${READ_LIMIT_MS} ms`)), READ_LIMIT_MS),
    ),
  ]);
}

function isValidDate(value: unknown): boolean {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

function expectWellFormedToken(token: SsoToken): void {
  expect(typeof token.accessToken === "string" && token.accessToken !== "").toBe(true);
  expect(isValidDate(token.expiresAt)).toBe(true);
  for (const key of ["startUrl", "region", "clientId", "clientSecret", "refreshToken"] as const) {
    const value = token[key];
    expect(value === undefined || (typeof value === "string" && value !== "")).toBe(true);
  }
  expect(
    token.registrationExpiresAt === undefined || isValidDate(token.registrationExpiresAt),
  ).toBe(true);
  expect(Object.keys(token).every((key) => key !== "__proto__")).toBe(true);
}

function expectWellFormedRegistration(registration: ClientRegistration): void {
  expect(typeof registration.clientId === "string" && registration.clientId !== "").toBe(true);
  expect(typeof registration.clientSecret === "string" && registration.clientSecret !== "").toBe(
    true,
  );
  expect(isValidDate(registration.expiresAt)).toBe(true);
  for (const list of [registration.scopes, registration.grantTypes]) {
    expect(list === undefined || list.every((item) => typeof item === "string")).toBe(true);
  }
}

/**
 * Reads a fresh id after `prepare` made its file: a token, or nothing with exactly one warning
 * that names the file (none when the file is `absent`, as a dangling link is), never a throw or
 * a wait. Resolves with what was read.
 */
async function readAfter(prepare: (path: string) => Promise<void>, absent = false) {
  counter += 1;
  const id = `fuzz-${counter}`;
  const path = cache.tokenPath(id);
  await prepare(path);
  warnings = [];
  const token = await within(cache.readToken(id));
  if (token === undefined) {
    expect(warnings).toHaveLength(absent ? 0 : 1);
    if (!absent) expect(warnings[0]).toContain(path);
  } else {
    expectWellFormedToken(token);
    expect(warnings).toEqual([]);
  }
  await rm(path, { recursive: true, force: true });
  return { token, warnings: [...warnings] };
}

/** Cache times in every form tools write them, near misses, and anything else. */
const timeText = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .date({
        min: new Date("1970-01-01T00:00:00Z"),
        max: new Date("9999-12-31T23:59:59Z"),
        noInvalidDate: true,
      })
      .chain((date) =>
        fc.constantFrom(
          formatCacheTime(date),
          date.toISOString(),
          formatCacheTime(date).replace("Z", "UTC"),
          formatCacheTime(date).replace("Z", "+00:00"),
          formatCacheTime(date).replace("T", " "),
        ),
      ),
  },
  fc.string(),
  fc.integer(),
  fc.constant(null),
  fc.constantFrom("2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "0000-00-00T00:00:00Z"),
);

/** A value of any JSON type, often a plausible one. */
function member(plausible: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: plausible }, { weight: 1, arbitrary: fc.jsonValue() });
}

const tokenLike = fc.record(
  {
    startUrl: member(fc.webUrl()),
    region: member(fc.constantFrom("us-east-1", "")),
    accessToken: member(fc.string()),
    expiresAt: member(timeText),
    clientId: member(fc.string()),
    clientSecret: member(fc.string()),
    registrationExpiresAt: member(timeText),
    refreshToken: member(fc.string()),
    ["__proto__"]: member(fc.jsonValue()),
    ["constructor"]: member(fc.jsonValue()),
  },
  { requiredKeys: [] },
);

const registrationLike = fc.record(
  {
    clientId: member(fc.string()),
    clientSecret: member(fc.string()),
    expiresAt: member(timeText),
    scopes: member(fc.array(fc.string())),
    grantTypes: member(fc.array(fc.string())),
  },
  { requiredKeys: [] },
);

describe("cache reading, property-based", () => {
  it(`any bytes give a token, or nothing with one warning (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => {
        await readAfter((path) => writeFile(path, bytes));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it(`any text, UTF-8 and JSON-ish, gives the same (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: "binary" }),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        async (text) => {
          await readAfter((path) => writeFile(path, text));
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it(`token-shaped JSON gives a well-formed token, and no warning quotes a secret (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(tokenLike, async (record) => {
        const text = JSON.stringify(record);
        const { token, warnings: said } = await readAfter((path) => writeFile(path, text));
        const accessToken = (record as { accessToken?: unknown }).accessToken;
        if (token !== undefined) expect(token.accessToken).toBe(accessToken);
        for (const secret of ["accessToken", "clientSecret", "refreshToken"] as const) {
          const value = (record as Record<string, unknown>)[secret];
          if (typeof value === "string" && value.length >= 8) {
            expect(said.join("\n")).not.toContain(value);
          }
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it(`registration-shaped JSON gives a well-formed registration or nothing (${RUNS} runs)`, async () => {
    const key = { startUrl: "https://d-123.awsapps.com/start", region: "us-east-1" };
    await fc.assert(
      fc.asyncProperty(registrationLike, async (record) => {
        await writeFile(cache.registrationPath(key), JSON.stringify(record));
        warnings = [];
        const registration = await within(cache.readRegistration(key));
        if (registration === undefined) expect(warnings).toHaveLength(1);
        else expectWellFormedRegistration(registration);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it.skipIf(process.platform === "win32")(
    `any kind of file gives a token or nothing, never a wait (${Math.ceil(RUNS / 4)} runs)`,
    async () => {
      const kinds = fc.oneof(
        fc.uint8Array({ maxLength: 256 }).map((bytes) => ({ kind: "file" as const, bytes })),
        fc.constantFrom(
          { kind: "folder" as const },
          { kind: "fifo" as const },
          { kind: "device" as const },
          { kind: "dangling link" as const },
          { kind: "link loop" as const },
          { kind: "unreadable" as const },
          { kind: "empty" as const },
        ),
      );
      await fc.assert(
        fc.asyncProperty(kinds, async (made) => {
          await readAfter(async (path) => {
            switch (made.kind) {
              case "file":
                return writeFile(path, made.bytes);
              case "folder":
                return mkdir(path);
              case "fifo":
                execFileSync("mkfifo", [path]);
                return;
              case "device":
                return symlink("/dev/zero", path);
              case "dangling link":
                return symlink(join(home, "nowhere"), path);
              case "link loop":
                return symlink(path, path);
              case "unreadable":
                await writeFile(path, "{}");
                return chmod(path, 0o000);
              case "empty":
                return writeFile(path, "");
            }
          }, made.kind === "dangling link").finally(async () => {
            // A reader blocked on a pipe would keep the worker alive after a failure.
            const writer = await open(
              cache.tokenPath(`fuzz-${counter}`),
              constants.O_WRONLY | constants.O_NONBLOCK,
            ).catch(() => null);
            await writer?.close();
          });
        }),
        { seed: SEED, numRuns: Math.ceil(RUNS / 4) },
      );
    },
  );
});
