import type { EmulatorIdKind } from "../../src/emulator/index";

/** `clientId-1`, `accessToken-1`, …; user codes `BCDF-GHJK`, `BCDF-GHJL`, …: exact results. */
function sequentialIds(): (kind: EmulatorIdKind) => string {
  const counters = new Map<EmulatorIdKind, number>();
  return (kind) => {
    const n = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, n);
    return kind === "userCode" ? `BCDF-GHJ${"KLMNPQRSTV"[n - 1]}` : `${kind}-${n}`;
  };
}

export { sequentialIds };
