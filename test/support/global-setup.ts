import { findChromium } from "./chromium";

/**
 * Finds the browser once, before any worker starts, so that a packaged Chromium is unpacked by one
 * process only, and says which browser the run uses. A run without one still goes on: only the
 * browser suites fail, with the reason.
 */
async function setup(): Promise<void> {
  try {
    const { executablePath, source } = await findChromium();
    process.stdout.write(`Browser tests use Chromium ${source}: ${executablePath}\n`);
  } catch (error) {
    process.stdout.write(`Browser tests have no browser: ${(error as Error).message}\n`);
  }
}

export default setup;
