import { describe, expect, it } from "vitest";
import { sleep } from "../../src/flows/platform";

describe("sleep", () => {
  it("resolves after the time", async () => {
    const started = performance.now();
    await sleep(20);
    expect(performance.now() - started).toBeGreaterThanOrEqual(19);
  });

  it("rejects with the signal's reason as soon as it aborts, also mid-wait", async () => {
    const controller = new AbortController();
    const reason = new Error("stop");
    const started = performance.now();
    const pending = sleep(60_000, controller.signal);
    setTimeout(() => controller.abort(reason), 10);
    await expect(pending).rejects.toBe(reason);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("rejects at once for an already aborted signal", async () => {
    const reason = new Error("already");
    await expect(sleep(60_000, AbortSignal.abort(reason))).rejects.toBe(reason);
  });
});
