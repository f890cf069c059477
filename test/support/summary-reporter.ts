import type { Reporter, TestModule } from "vitest/node";

/**
 * Ends the run with one plain line, `N passed, N failed` (and skipped when
 * there are any), which CI tools read without parsing colours or layout.
 */
class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const count = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") count.passed += 1;
        else if (state === "failed") count.failed += 1;
        else count.skipped += 1;
      }
      // A suite whose file or hooks failed counts once, even when its tests were only skipped.
      const testFailed = [...module.children.allTests()].some(
        (test) => test.result().state === "failed",
      );
      if (module.state() === "failed" && !testFailed) count.failed += 1;
    }
    const skipped = count.skipped > 0 ? `, ${count.skipped} skipped` : "";
    process.stdout.write(`\n${count.passed} passed, ${count.failed} failed${skipped}\n`);
  }
}

export default SummaryReporter;
