import type { Browser } from "playwright-core";
import { launchChromium } from "../support/chromium";

/**
 * Plays the user: opens the authorization URL, clicks the button, and resolves with the text of
 * the page the redirect ends on (our loopback listener's answer).
 */
async function answerInBrowser(
  browser: Browser,
  url: string,
  decision: "approve" | "deny",
): Promise<string> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    await Promise.all([
      page.waitForURL(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback\?/),
      page.click(`button[value=${decision}]`),
    ]);
    return await page.innerText("body");
  } finally {
    await context.close();
  }
}

export { launchChromium, answerInBrowser };
