import { onTestFinished } from "vitest";
import { startEmulator } from "../../../src/emulator/index";
import type { Emulator, EmulatorIdKind, EmulatorOptions } from "../../../src/emulator/index";

/** 2025-01-01T00:00:00Z: a round start for exact timestamps. */
const START_MS = Date.UTC(2025, 0, 1);

interface ManualClock {
  now(): number;
  advance(ms: number): void;
}

function createManualClock(startMs = START_MS): ManualClock {
  let nowMs = startMs;
  return {
    now: () => nowMs,
    advance: (ms) => {
      nowMs += ms;
    },
  };
}

const USER_CODE_SUFFIXES = "KLMNPQRSTV";

/** `clientId-1`, `accessToken-2`, …; user codes `BCDF-GHJK`, `BCDF-GHJL`, … */
function sequentialIds(): (kind: EmulatorIdKind) => string {
  const counters = new Map<EmulatorIdKind, number>();
  return (kind) => {
    const n = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, n);
    return kind === "userCode" ? `BCDF-GHJ${USER_CODE_SUFFIXES[n - 1]}` : `${kind}-${n}`;
  };
}

/** A real emulator on 127.0.0.1, port 0, closed when the test ends. */
async function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = await startEmulator({ host: "127.0.0.1", port: 0, ...options });
  onTestFinished(() => emulator.close());
  return emulator;
}

export { startTestEmulator, createManualClock, sequentialIds, START_MS };
export type { ManualClock };
