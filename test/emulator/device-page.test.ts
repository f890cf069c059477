import { describe, expect, it } from "vitest";
import { sequentialIds, startTestEmulator } from "./support/test-emulator";
import { officialClient, postJson } from "./support/wire";
import { startDeviceLogin } from "./support/device-flow";
import { alertText, postForm } from "./support/pages";

describe("device verification page (RFC 8628 §3.3)", () => {
  it("shows a code entry form with protective headers", async () => {
    const emu = await startTestEmulator();
    const response = await fetch(`${emu.url}/device`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<form method="get" action="/device">');
    expect(html).toMatch(/<input\s+id="user_code"\s+name="user_code"\s+value=""/);
    expect(response.headers.get("content-security-policy")).toBe(
      "default-src 'none'; style-src 'unsafe-inline'",
    );
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("referrer-policy")).toBe("same-origin");
  });

  it("escapes a user code and a client name it echoes", async () => {
    const emu = await startTestEmulator({ generateId: sequentialIds() });
    const bad = await fetch(
      `${emu.url}/device?user_code=${encodeURIComponent('<script>alert("x")</script>')}`,
    );
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).not.toContain("<script>");
    expect(html).toContain("Unknown user code &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;.");
    expect(html).toContain('value="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"');

    const registered = await postJson(emu.url, "/client/register", {
      clientName: "<img src=x onerror=alert(1)>'",
      clientType: "public",
    });
    const { clientId, clientSecret } = registered.body as {
      clientId: string;
      clientSecret: string;
    };
    await postJson(emu.url, "/device_authorization", {
      clientId,
      clientSecret,
      startUrl: "https://x.awsapps.com/start",
    });
    const page = await (await fetch(`${emu.url}/device?user_code=BCDF-GHJK`)).text();
    expect(page).toContain("<strong>&lt;img src=x onerror=alert(1)&gt;&#39;</strong>");
    expect(page).toContain(
      '<button type="submit" name="decision" value="approve">Approve</button>',
    );
    expect(page).toContain('<button type="submit" name="decision" value="deny">Deny</button>');
  });

  it("accepts the code in any case and without the dash, once", async () => {
    const emu = await startTestEmulator({ generateId: sequentialIds() });
    const login = await startDeviceLogin(officialClient(emu.url));
    const approved = await postForm(emu.url, "/device", {
      user_code: "bcdf ghjk",
      decision: "approve",
    });
    expect(approved.status).toBe(200);
    expect(await approved.text()).toContain("<h1>Approved</h1>");
    expect((await login.poll()).accessToken).toBe("accessToken-1");

    const again = await postForm(emu.url, "/device", { user_code: "BCDF-GHJK", decision: "deny" });
    expect(again.status).toBe(400);
    expect(await alertText(again)).toBe("User code BCDF-GHJK was already redeemed.");
  });

  it("denies through the form", async () => {
    const emu = await startTestEmulator({ generateId: sequentialIds() });
    const login = await startDeviceLogin(officialClient(emu.url));
    const denied = await postForm(emu.url, "/device", {
      user_code: login.userCode,
      decision: "deny",
    });
    expect(await denied.text()).toContain("<h1>Denied</h1>");
    await expect(login.poll()).rejects.toMatchObject({ name: "AccessDeniedException" });
  });

  it.each([
    [
      "a foreign Origin",
      { user_code: "BCDF-GHJK", decision: "approve" },
      { origin: "http://evil.example" },
      403,
      "This form can only be submitted from the emulator's own pages.",
    ],
    [
      "a JSON body",
      { user_code: "BCDF-GHJK", decision: "approve" },
      { "content-type": "application/json" },
      415,
      "Expected a form submission (application/x-www-form-urlencoded).",
    ],
    ["no decision", { user_code: "BCDF-GHJK" }, {}, 400, "Choose Approve or Deny."],
    [
      "an unknown code",
      { user_code: "ZZZZ-ZZZZ", decision: "approve" },
      {},
      400,
      "Unknown user code ZZZZ-ZZZZ.",
    ],
  ])("refuses a submission with %s", async (_name, form, headers, status, message) => {
    const emu = await startTestEmulator({ generateId: sequentialIds() });
    const login = await startDeviceLogin(officialClient(emu.url));
    const response = await postForm(emu.url, "/device", form, headers);
    expect(response.status).toBe(status);
    expect(await alertText(response)).toBe(message);
    await expect(login.poll()).rejects.toMatchObject({ name: "AuthorizationPendingException" });
  });
});
