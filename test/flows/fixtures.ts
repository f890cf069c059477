import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EmulatorIdKind } from "../../src/emulator/index";
import type { SSOOIDCClient } from "../../src/index";

/** 2026-03-01T12:00:00Z: a whole second, so cache times print without rounding surprises. */
const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);

interface FakeTime {
  now: () => number;
  /** Advances the clock by `ms` at once; `onSleep` runs after each, numbered from 1. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  sleeps: number[];
  onSleep: ((count: number) => void | Promise<void>) | undefined;
  /** The sleep with this number never ends; only the signal ends it (with its reason). */
  hangAt: number | undefined;
  advance(ms: number): void;
}

function createFakeTime(startMs = T0): FakeTime {
  let nowMs = startMs;
  const time: FakeTime = {
    now: () => nowMs,
    sleeps: [],
    onSleep: undefined,
    hangAt: undefined,
    advance(ms) {
      nowMs += ms;
    },
    async sleep(ms, signal) {
      signal?.throwIfAborted();
      time.sleeps.push(ms);
      if (time.sleeps.length === time.hangAt) {
        await new Promise((_, reject) =>
          signal?.addEventListener("abort", () => reject(signal.reason), { once: true }),
        );
      }
      nowMs += ms;
      await time.onSleep?.(time.sleeps.length);
    },
  };
  return time;
}

/** Emulator ids as `<kind>-<n>`, so tests can assert exact tokens and codes. */
function sequentialIds(): (kind: EmulatorIdKind) => string {
  const counts = new Map<string, number>();
  return (kind) => {
    const n = (counts.get(kind) ?? 0) + 1;
    counts.set(kind, n);
    return kind === "userCode" ? `CODE-${String(n).padStart(4, "0")}` : `${kind}-${n}`;
  };
}

interface RecordedCall {
  command: string;
  atMs: number;
  input: Record<string, unknown>;
}

/** Records every command the client sends, with the fake time it was sent at. */
function recordCalls(client: SSOOIDCClient, now: () => number): RecordedCall[] {
  const calls: RecordedCall[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      calls.push({
        command: String(context.commandName),
        atMs: now(),
        input: { ...(args.input as unknown as Record<string, unknown>) },
      });
      return next(args);
    },
    { step: "initialize", name: "recordCallsForTest" },
  );
  return calls;
}

function count(calls: RecordedCall[], command: string): number {
  return calls.filter((call) => call.command === command).length;
}

async function createTempHome(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "sso-oidc-flows-"));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export { T0, createFakeTime, sequentialIds, recordCalls, count, createTempHome };
export type { FakeTime, RecordedCall };
