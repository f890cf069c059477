import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { startEmulator } from "../../src/emulator/index";
import { createSandbox, requireBuiltBin, runBin } from "./support/cli-harness";
import { startObservingProxy } from "./support/observing-proxy";
import type { Sandbox } from "./support/cli-harness";

beforeAll(() => requireBuiltBin());

const UNSAFE = "smb://attacker.example/share";

/** An `xdg-open` first on PATH that records what it was asked to open. */
async function recordingOpener(
  box: Sandbox,
): Promise<{ env: Record<string, string>; opened: () => Promise<string> }> {
  const bin = join(box.home, "bin");
  await mkdir(bin);
  const log = join(box.home, "opened");
  await writeFile(join(bin, "xdg-open"), `#!/bin/sh\necho "$@" >> "${log}"\n`);
  await chmod(join(bin, "xdg-open"), 0o755);
  return {
    env: { ...box.env, PATH: `${bin}:${box.env["PATH"]}` },
    opened: () => readFile(log, "utf8").catch(() => ""),
  };
}

/** Rewrites one member of one operation's JSON answer on its way back to the CLI. */
function rewriteMember(path: string, member: string, value: string) {
  return (requestPath: string, body: string) => {
    if (requestPath !== path) return body;
    return JSON.stringify({ ...(JSON.parse(body) as object), [member]: value });
  };
}

describe.runIf(process.platform === "linux")("URLs from the service that are not https", () => {
  it("device code: a verificationUriComplete with another scheme is shown with a warning, never opened", async () => {
    const emu = await startEmulator({ autoApprove: true });
    onTestFinished(() => emu.close());
    const proxy = await startObservingProxy(emu.url);
    proxy.rewrite = rewriteMember("/device_authorization", "verificationUriComplete", UNSAFE);
    const box = await createSandbox(proxy.url);
    const opener = await recordingOpener(box);

    const run = runBin(["login", "--profile", "p", "--use-device-code"], opener.env);
    expect(await run.exited, run.stderr()).toBe(0);
    expect(run.stdout()).toContain(`\n  ${UNSAFE}\n`);
    expect(run.stderr()).toBe(
      `sso-oidc: warning: ${UNSAFE} is not an https URL (or an http URL on this machine), so it was not opened; check the endpoint, and open it by hand only if you trust it.\n`,
    );
    expect(await opener.opened()).toBe("");
  });

  it("device code: the emulator's own http://127.0.0.1 page is opened", async () => {
    const emu = await startEmulator({ autoApprove: true });
    onTestFinished(() => emu.close());
    const box = await createSandbox(emu.url);
    const opener = await recordingOpener(box);
    const run = runBin(["login", "--profile", "p", "--use-device-code"], opener.env);
    expect(await run.exited, run.stderr()).toBe(0);
    expect(run.stderr()).toBe("");
    expect(await opener.opened()).toMatch(
      new RegExp(`^${emu.url.replace(/\./g, "\\.")}/device\\?user_code=\\S+\\n$`),
    );
  });

  it("PKCE: an authorizationEndpoint with another scheme is shown with a warning, never opened", async () => {
    const emu = await startEmulator();
    onTestFinished(() => emu.close());
    const proxy = await startObservingProxy(emu.url);
    proxy.rewrite = rewriteMember(
      "/client/register",
      "authorizationEndpoint",
      "file:///etc/passwd",
    );
    const box = await createSandbox(proxy.url);
    const opener = await recordingOpener(box);

    const run = runBin(["login", "--profile", "p"], opener.env);
    await run.waitForStdout(/^ {2}file:\/\/\/etc\/passwd\?response_type=code&\S+$/m);
    run.child.kill("SIGINT");
    expect(await run.exited).toBe(130);
    expect(run.stdout()).toContain("Open this URL on this machine only if you trust it:\n");
    expect(run.stderr()).toBe(
      "sso-oidc: warning: Not opening a file: URL from the service in the browser: only https URLs, and http URLs on this machine (127.0.0.1, ::1, localhost), are opened. Check the endpoint, and open the URL by hand only if you trust it.\n" +
        "sso-oidc: INTERRUPTED: Login cancelled; no token was cached (SIGINT).\n",
    );
    expect(await opener.opened()).toBe("");
  });
});
