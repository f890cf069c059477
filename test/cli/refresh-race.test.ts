import { readdir, writeFile } from "node:fs/promises";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { startEmulator } from "../../src/emulator/index";
import { createSandbox, requireBuiltBin, runBin, runBinToEnd } from "./support/cli-harness";
import { startObservingProxy } from "./support/observing-proxy";

beforeAll(() => requireBuiltBin());

const PROCESSES = 20;

describe("processes refreshing the same token at once", () => {
  it(`${PROCESSES} × 'sso-oidc token' on an expired token: one refresh, all succeed with the same token`, async () => {
    // Rotating refresh tokens: a second refresh with the same one is refused (invalid_grant).
    const emu = await startEmulator({ autoApprove: true, rotateRefreshTokens: true });
    onTestFinished(() => emu.close());
    const proxy = await startObservingProxy(emu.url);
    const box = await createSandbox(proxy.url);
    const login = await runBinToEnd(
      ["login", "--profile", "p", "--use-device-code", "--no-browser"],
      box.env,
    );
    expect(login.code, login.stderr).toBe(0);
    const cached = await box.readToken("corp");
    await writeFile(
      box.tokenPath("corp"),
      JSON.stringify({ ...cached, expiresAt: "2020-01-01T00:00:00Z" }),
    );
    proxy.requests.length = 0;

    const runs = Array.from({ length: PROCESSES }, () =>
      runBin(["token", "--profile", "p"], box.env),
    );
    const codes = await Promise.all(runs.map((run) => run.exited));
    const stderr = runs.map((run) => run.stderr()).join("");
    expect(codes, stderr).toEqual(Array.from({ length: PROCESSES }, () => 0));
    expect(stderr).toBe("");

    const refreshed = await box.readToken("corp");
    expect(refreshed["accessToken"]).not.toBe(cached["accessToken"]);
    expect(refreshed["refreshToken"]).not.toBe(cached["refreshToken"]);
    const printed = new Set(runs.map((run) => run.stdout()));
    expect([...printed]).toEqual([
      `{"accessToken": "${refreshed["accessToken"]}", "expiresAt": "${refreshed["expiresAt"]}"}\n`,
    ]);
    expect(proxy.requests.map((request) => request.grantType)).toEqual(["refresh_token"]);
    // Every lock was released.
    expect((await readdir(box.cacheDir)).filter((name) => name.endsWith(".lock"))).toEqual([]);
  });
});
