import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/chromium";
import { CreateTokenCommand, RegisterClientCommand } from "@aws-sdk/client-sso-oidc";
import { sequentialIds, startTestEmulator } from "./support/test-emulator";
import { officialClient } from "./support/wire";
import { startDeviceLogin } from "./support/device-flow";
import { authorizeUrl, createPkcePair, startLoopbackListener } from "./support/pkce";
import type { Browser } from "playwright-core";

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function newPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  return { page, close: () => context.close() };
}

describe("in headless Chromium", () => {
  it("approves a device login from verificationUriComplete without JavaScript", async () => {
    const emu = await startTestEmulator({ generateId: sequentialIds() });
    const login = await startDeviceLogin(officialClient(emu.url));
    await expect(login.poll()).rejects.toMatchObject({ name: "AuthorizationPendingException" });

    const { page, close } = await newPage();
    try {
      await page.goto(login.authorization.verificationUriComplete ?? "");
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Authorize device");
      await expect(page.getByText("BCDF-GHJK", { exact: true }).count()).resolves.toBe(1);
      await page.getByRole("button", { name: "Approve" }).click();
      await page.waitForURL(`${emu.url}/device`);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Approved");
    } finally {
      await close();
    }
    expect((await login.poll()).accessToken).toBe("accessToken-1");
  });

  it("types the code on /device and denies", async () => {
    const emu = await startTestEmulator({ generateId: sequentialIds() });
    const login = await startDeviceLogin(officialClient(emu.url));
    const { page, close } = await newPage();
    try {
      await page.goto(login.authorization.verificationUri ?? "");
      await page.getByLabel("User code").fill("bcdfghjk");
      await page.getByRole("button", { name: "Continue" }).click();
      await page.getByRole("button", { name: "Deny" }).click();
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Denied");
    } finally {
      await close();
    }
    await expect(login.poll()).rejects.toMatchObject({ name: "AccessDeniedException" });
  });

  it("follows the consent redirect to a loopback listener on another port", async () => {
    const emu = await startTestEmulator({ generateId: sequentialIds() });
    const client = officialClient(emu.url);
    const registration = await client.send(
      new RegisterClientCommand({
        clientName: "browser-test",
        clientType: "public",
        scopes: ["sso:account:access"],
        grantTypes: ["authorization_code", "refresh_token"],
        redirectUris: ["http://127.0.0.1/oauth/callback"],
      }),
    );
    const listener = await startLoopbackListener();
    const pkce = createPkcePair();
    const { page, close } = await newPage();
    try {
      await page.goto(
        authorizeUrl(emu.url, {
          clientId: registration.clientId ?? "",
          redirectUri: listener.redirectUri,
          state: "state-1",
          codeChallenge: pkce.codeChallenge,
        }),
      );
      await page.getByRole("button", { name: "Approve" }).click();
      await page.waitForURL(`${listener.redirectUri}?code=authorizationCode-1&state=state-1`);
    } finally {
      await close();
    }
    const tokens = await client.send(
      new CreateTokenCommand({
        clientId: registration.clientId,
        clientSecret: registration.clientSecret,
        grantType: "authorization_code",
        code: "authorizationCode-1",
        redirectUri: listener.redirectUri,
        codeVerifier: pkce.codeVerifier,
      }),
    );
    expect(tokens.accessToken).toBe("accessToken-1");
  });

  it("lets a page on another origin call the API and read error types (CORS)", async () => {
    const api = await startTestEmulator();
    // Any other origin; the emulator's own pages would not do, their CSP forbids fetch.
    const site = await startLoopbackListener();
    const { page, close } = await newPage();
    try {
      await page.goto(site.redirectUri);
      const result = await page.evaluate(async (apiUrl) => {
        const response = await fetch(`${apiUrl}/device_authorization`, {
          method: "POST",
          headers: { "content-type": "application/json", "amz-sdk-request": "attempt=1; max=3" },
          body: JSON.stringify({
            clientId: "x",
            clientSecret: "y",
            startUrl: "https://x.awsapps.com/start",
          }),
        });
        return {
          status: response.status,
          errorType: response.headers.get("x-amzn-errortype"),
          body: await response.json(),
        };
      }, api.url);
      expect(result).toEqual({
        status: 401,
        errorType:
          "InvalidClientException:http://internal.amazon.com/coral/com.amazonaws.sso.oidc/",
        body: { error: "invalid_client", error_description: "Invalid client id or client secret" },
      });
    } finally {
      await close();
    }
  });
});
