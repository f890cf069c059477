import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startExampleServer, type ExampleServer } from "../../examples/browser/serve.mjs";
import { launchChromium } from "../support/chromium";
import type { Browser } from "playwright-core";
import { sequentialIds } from "./sequential-ids";

const ROOT = join(__dirname, "../..");

let browser: Browser;
let example: ExampleServer | undefined;

beforeAll(async () => {
  if (!existsSync(join(ROOT, "dist/emulator/index.js"))) {
    throw new Error("dist is missing: run `npm run build` first (`npm test` does).");
  }
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

afterEach(async () => {
  await example?.close();
  example = undefined;
});

describe("examples/browser", () => {
  it("signs in with the device flow against its own emulator and shows the redacted token", async () => {
    example = await startExampleServer({ port: 0, emulator: { generateId: sequentialIds() } });
    const { url, endpoint } = example;
    expect(new URL(endpoint).origin).not.toBe(url);

    const context = await browser.newContext();
    const page = await context.newPage();
    const origins = new Set<string>();
    context.on("request", (request) => origins.add(new URL(request.url()).origin));

    await page.goto(`${url}/`);
    expect(page.url()).toBe(`${url}/?${new URLSearchParams({ endpoint, region: "us-east-1" })}`);
    expect(await page.locator("#endpoint").textContent()).toBe(endpoint);
    await page.getByRole("button", { name: "Sign in" }).click();

    const link = page.getByRole("link", { name: "Open the verification page" });
    await link.waitFor();
    expect(await page.locator("#user-code").textContent()).toBe("BCDF-GHJK");
    expect(await link.getAttribute("href")).toBe(`${endpoint}/device?user_code=BCDF-GHJK`);
    expect(await page.getByRole("status").textContent()).toBe("Waiting for approval…");

    // The user follows the link (a new tab) and approves on the service's page.
    const [approval] = await Promise.all([context.waitForEvent("page"), link.click()]);
    await approval.getByRole("button", { name: "Approve" }).click();
    await approval.waitForURL(`${endpoint}/device`);
    expect(await approval.getByRole("heading", { level: 1 }).textContent()).toBe("Approved");

    const status = page.getByRole("status");
    await status.filter({ hasText: "Signed in" }).waitFor({ timeout: 10_000 });
    expect(await status.textContent()).toBe("Signed in. Access token: access… (expires in 3600 s)");
    expect([...origins].sort()).toEqual([endpoint, url].sort());
    await context.close();
  });

  it("asks for a service when opened without one", async () => {
    example = await startExampleServer({ port: 0 });
    const page = await browser.newPage();
    try {
      await page.goto(`${example.url}/?region=us-east-1`);
      expect(await page.getByRole("status").textContent()).toBe(
        "Open this page with ?endpoint=<service URL>&region=<region>.",
      );
      expect(await page.getByRole("button", { name: "Sign in" }).isDisabled()).toBe(true);
    } finally {
      await page.close();
    }
  });
});
