import { execFileSync } from "node:child_process";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index";
import { registrationCacheKey, tokenCacheKey } from "../../src/index";
import {
  START_URL,
  createSandbox,
  deviceLogin,
  recordingIds,
  requireBuiltBin,
  runBinToEnd,
} from "./support/cli-harness";
import type { Emulator } from "../../src/emulator/index";
import type { Sandbox } from "./support/cli-harness";

let emu: Emulator;
const ids = recordingIds();

beforeAll(async () => {
  requireBuiltBin();
  // Approves every device code by itself: these tests are about what happens after a login.
  emu = await startEmulator({ generateId: ids.generateId, autoApprove: true });
});
afterAll(() => emu.close());

/** A device code login (the emulator approves it by itself); resolves with the token file. */
async function login(box: Sandbox, ...target: string[]): Promise<Record<string, string>> {
  await deviceLogin(box, target);
  return box.readToken(target[0] === "--start-url" ? START_URL : "corp");
}

/** `{"accessToken": "...", "expiresAt": "..."}`, exactly as documented. */
function tokenJson(accessToken: string, expiresAt: string): string {
  return `{"accessToken": "${accessToken}", "expiresAt": "${expiresAt}"}\n`;
}

describe("sso-oidc token", () => {
  it("prints the cached token as JSON for --profile, AWS_PROFILE and --sso-session", async () => {
    const box = await createSandbox(emu.url);
    const cached = await login(box, "--profile", "p");
    const expected = {
      code: 0,
      stdout: tokenJson(cached["accessToken"]!, cached["expiresAt"]!),
      stderr: "",
    };
    expect(await runBinToEnd(["token", "--profile", "p"], box.env)).toEqual(expected);
    expect(await runBinToEnd(["token"], { ...box.env, AWS_PROFILE: "p" })).toEqual(expected);
    expect(await runBinToEnd(["token", "--sso-session", "corp"], box.env)).toEqual(expected);
  });

  it("refreshes a token within 5 minutes of expiry, prints the new one and writes it back", async () => {
    const box = await createSandbox(emu.url);
    const cached = await login(box, "--profile", "p");
    const soon = new Date(Date.now() + 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    await writeFile(box.tokenPath("corp"), JSON.stringify({ ...cached, expiresAt: soon }));

    const result = await runBinToEnd(["token", "--profile", "p"], box.env);
    const refreshed = await box.readToken("corp");
    expect(refreshed["accessToken"]).toBe(ids.last("accessToken"));
    expect(refreshed["accessToken"]).not.toBe(cached["accessToken"]);
    expect(refreshed["refreshToken"]).toBe(ids.last("refreshToken"));
    expect(refreshed["refreshToken"]).not.toBe(cached["refreshToken"]);
    expect(Date.parse(refreshed["expiresAt"]!)).toBeGreaterThan(Date.parse(soon));
    expect(result).toEqual({
      code: 0,
      stdout: tokenJson(refreshed["accessToken"]!, refreshed["expiresAt"]!),
      stderr: "",
    });
  });

  it("prints the token of a --start-url login", async () => {
    const box = await createSandbox(emu.url);
    const cached = await login(box, "--start-url", START_URL, "--region", "us-east-1");
    expect(
      await runBinToEnd(["token", "--start-url", START_URL, "--region", "us-east-1"], box.env),
    ).toEqual({
      code: 0,
      stdout: tokenJson(cached["accessToken"]!, cached["expiresAt"]!),
      stderr: "",
    });
  });
});

describe("sso-oidc logout", () => {
  it("signs out at the portal, removes the session's token file, keeps its registration, and is idempotent", async () => {
    const box = await createSandbox(emu.url);
    await login(box, "--profile", "p");
    const tokenFile = `${tokenCacheKey("corp")}.json`;
    const registrationFile = `${registrationCacheKey({
      startUrl: START_URL,
      region: "us-east-1",
      scopes: ["sso:account:access"],
      sessionName: "corp",
    })}.json`;
    expect((await readdir(box.cacheDir)).sort()).toEqual([tokenFile, registrationFile].sort());

    expect(await runBinToEnd(["logout", "--profile", "p"], box.env)).toEqual({
      code: 0,
      stdout: [
        `Removed ~/.aws/sso/cache/${tokenFile} (signed out at ${emu.url})`,
        'Logged out profile "p" (sso-session "corp"): removed 1 cached token.',
        "",
      ].join("\n"),
      stderr: "",
    });
    expect(await readdir(box.cacheDir)).toEqual([registrationFile]);

    expect(await runBinToEnd(["logout", "--sso-session", "corp"], box.env)).toEqual({
      code: 0,
      stdout: `No cached token for sso-session "corp" (~/.aws/sso/cache/${tokenFile}); nothing to remove.\n`,
      stderr: "",
    });
  });

  it("--all signs out and removes every file that parses as a token, whoever wrote it, and nothing else", async () => {
    const box = await createSandbox(emu.url);
    await login(box, "--profile", "p");
    await login(box, "--start-url", START_URL, "--region", "us-east-1");
    await mkdir(box.cacheDir, { recursive: true });
    // The JS SDK's format (milliseconds), a corrupt file, a non-token JSON file, a non-JSON file.
    const jsSdkToken = `${"a".repeat(40)}.json`;
    await writeFile(
      join(box.cacheDir, jsSdkToken),
      JSON.stringify({ accessToken: "x", expiresAt: "2026-01-01T00:00:00.000Z" }),
    );
    await writeFile(join(box.cacheDir, `${"b".repeat(40)}.json`), "{not json");
    await writeFile(join(box.cacheDir, `${"c".repeat(40)}.json`), JSON.stringify({ x: 1 }));
    await writeFile(join(box.cacheDir, "notes.txt"), "kept");
    const before = await readdir(box.cacheDir);
    const tokens = [
      jsSdkToken,
      `${tokenCacheKey(START_URL)}.json`,
      `${tokenCacheKey("corp")}.json`,
    ].sort();
    // The JS SDK's file names no region, so there is no portal to sign it out at.
    const outcome = (name: string) =>
      name === jsSdkToken
        ? "no valid region in it, so not signed out at the portal"
        : `signed out at ${emu.url}`;

    const result = await runBinToEnd(["logout", "--all"], box.env);
    expect(result).toEqual({
      code: 0,
      stdout: [
        ...tokens.map((name) => `Removed ~/.aws/sso/cache/${name} (${outcome(name)})`),
        "Logged out: removed 3 cached tokens.",
        "",
      ].join("\n"),
      stderr: "",
    });
    expect((await readdir(box.cacheDir)).sort()).toEqual(
      before.filter((name) => !tokens.includes(name)).sort(),
    );

    expect(await runBinToEnd(["logout", "--all"], box.env)).toEqual({
      code: 0,
      stdout:
        "No cached SSO tokens in ~/.aws/sso/cache and no SSO role credentials in ~/.aws/cli/cache; nothing to remove.\n",
      stderr: "",
    });
  });

  it.runIf(process.platform === "linux")(
    "--all passes over a named pipe among the files instead of waiting on it",
    async () => {
      const box = await createSandbox(emu.url);
      await login(box, "--profile", "p");
      const pipe = join(box.cacheDir, `${"d".repeat(40)}.json`);
      execFileSync("mkfifo", [pipe]);
      const result = await runBinToEnd(["logout", "--all"], box.env);
      expect(result).toEqual({
        code: 0,
        stdout: `Removed ~/.aws/sso/cache/${tokenCacheKey("corp")}.json (signed out at ${emu.url})\nLogged out: removed 1 cached token.\n`,
        stderr: "",
      });
      expect(await readdir(box.cacheDir)).toContain(`${"d".repeat(40)}.json`);
    },
  );
});
