import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index";
import type { Emulator } from "../../src/emulator/index";
import {
  createSandbox,
  deviceLogin,
  recordingIds,
  requireBuiltBin,
  runBinToEnd,
} from "./support/cli-harness";

const run = promisify(execFile);
const ROOT = join(__dirname, "../..");

/** The AWS SDK for JavaScript's own SSO token provider, run as an SDK user would. */
async function fromSsoInChild(env: Record<string, string>) {
  const script = `
    import { fromSso } from "@aws-sdk/token-providers";
    const identity = await fromSso({ profile: "p" })();
    process.stdout.write(JSON.stringify({ token: identity.token, expiration: identity.expiration.toISOString() }));
  `;
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], {
    cwd: ROOT,
    env: { ...env, NODE_NO_WARNINGS: "1" },
  });
  return JSON.parse(stdout) as { token: string; expiration: string };
}

let emu: Emulator;
const ids = recordingIds();

beforeAll(async () => {
  requireBuiltBin();
  emu = await startEmulator({ generateId: ids.generateId });
});
afterAll(() => emu.close());

describe("interoperability with @aws-sdk/token-providers", () => {
  it("fromSso reads the token sso-oidc login wrote, then refreshes it against the emulator, and we read the result", async () => {
    const box = await createSandbox(emu.url);
    await deviceLogin(box, ["--profile", "p"], emu);

    const path = box.tokenPath("corp");
    const written = await box.readToken("corp");
    const first = await fromSsoInChild(box.env);
    expect(first).toStrictEqual({
      token: written["accessToken"],
      expiration: new Date(written["expiresAt"]!).toISOString(),
    });

    // One minute left: inside fromSso's five-minute window, so it refreshes with CreateToken.
    const nearExpiry = new Date(Math.floor(Date.now() / 1000) * 1000 + 60_000);
    await writeFile(
      path,
      JSON.stringify({ ...written, expiresAt: nearExpiry.toISOString().replace(".000Z", "Z") }),
    );
    const refreshed = await fromSsoInChild(box.env);
    expect(refreshed.token).toBe(ids.last("accessToken"));
    expect(refreshed.token).not.toBe(written["accessToken"]);
    expect(new Date(refreshed.expiration).getTime()).toBeGreaterThan(nearExpiry.getTime());

    const afterRefresh = await box.readToken("corp");
    expect(afterRefresh["accessToken"]).toBe(refreshed.token);
    expect(afterRefresh["refreshToken"]).toBe(ids.last("refreshToken"));

    const ours = await runBinToEnd(["token", "--profile", "p"], box.env);
    expect(ours.code).toBe(0);
    expect(JSON.parse(ours.stdout)).toStrictEqual({
      accessToken: refreshed.token,
      expiresAt: afterRefresh["expiresAt"]!.replace(/\.\d{3}Z$/, "Z"),
    });
  });
});
