/** Epoch milliseconds; injected so tests control time. */
type Clock = () => number;

/**
 * Waits `ms` milliseconds; must reject with `signal.reason` as soon as the signal aborts, so a
 * cancelled login stops at once, also mid-wait.
 */
type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export type { Clock, Sleep };
