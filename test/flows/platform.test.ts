import { describe, expect, it } from "vitest";
import { isOpenableUrl, openUrl, sleep } from "../../src/flows/platform";
import { UnsafeUrlError } from "../../src/flows/errors";

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

describe("sleep beyond what one timer holds", () => {
  it("does not end early (a single timer would fire after 1 ms)", async () => {
    const controller = new AbortController();
    const reason = new Error("stop");
    let settled = "pending";
    const pending = sleep(2 ** 31, controller.signal).then(
      () => (settled = "resolved"),
      (error: unknown) => (settled = error === reason ? "aborted" : "failed"),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe("pending");
    controller.abort(reason);
    await pending;
    expect(settled).toBe("aborted");
  });
});

describe("which URLs are opened", () => {
  it.each([
    ["https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH", true],
    ["http://127.0.0.1:8321/device", true],
    ["http://127.45.6.7/device", true],
    ["http://localhost:8321/device", true],
    ["http://[::1]:8321/device", true],
    ["http://example.com/device", false],
    ["http://127.0.0.1.example.com/device", false],
    ["http://localhost.example.com/", false],
    ["file:///etc/passwd", false],
    ["smb://attacker.example/share", false],
    ["javascript:alert(1)", false],
    ["not a url", false],
  ])("%s: %s", (url, openable) => {
    expect(isOpenableUrl(url)).toBe(openable);
  });

  it("openUrl refuses the others with UnsafeUrlError, before starting any opener", async () => {
    const error = await openUrl("smb://attacker.example/share").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsafeUrlError);
    expect(error).toMatchObject({
      code: "ERR_SSO_OIDC_UNSAFE_URL",
      message:
        "Not opening a smb: URL from the service in the browser: only https URLs, and http URLs on this machine (127.0.0.1, ::1, localhost), are opened. Check the endpoint, and open the URL by hand only if you trust it.",
    });
    await expect(openUrl("file:///etc/passwd")).rejects.toBeInstanceOf(UnsafeUrlError);
  });
});
