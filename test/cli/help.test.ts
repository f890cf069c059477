import { beforeAll, describe, expect, it } from "vitest";
import { requireBuiltBin, runBinToEnd } from "./support/cli-harness";

const ENV = { PATH: process.env["PATH"] ?? "" };

beforeAll(() => requireBuiltBin());

describe("help", () => {
  it("sso-oidc --help lists every command with usage and examples, on stdout, exit 0", async () => {
    const result = await runBinToEnd(["--help"], ENV);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^Usage: sso-oidc <command> \[options\]\n/);
    const commands = /Commands:\n((?: {2}\S.*\n)+)/.exec(result.stdout)?.[1];
    expect(commands?.split("\n").map((line) => line.trim().split(/\s+/)[0])).toEqual([
      "login",
      "token",
      "logout",
      "demo",
      "emulator",
      "",
    ]);
    expect(result.stdout).toContain("\n  sso-oidc demo\n  sso-oidc login --profile dev\n");
  });

  it.each([
    [
      "login",
      "Usage: sso-oidc login [--profile NAME | --sso-session NAME | --start-url URL --region REGION]",
      "  sso-oidc login --profile dev\n",
    ],
    [
      "token",
      "Usage: sso-oidc token [--profile NAME | --sso-session NAME | --start-url URL --region REGION]",
      "  sso-oidc token --profile dev\n",
    ],
    [
      "logout",
      "Usage: sso-oidc logout [--profile NAME | --sso-session NAME | --start-url URL --region REGION]",
      "  sso-oidc logout --all\n",
    ],
    ["demo", "Usage: sso-oidc demo\n", "  sso-oidc demo\n"],
    ["emulator", "Usage: sso-oidc emulator [--port N]", "  sso-oidc emulator\n"],
  ])("sso-oidc %s --help shows its usage and examples", async (command, usage, example) => {
    for (const flag of ["--help", "-h"]) {
      const result = await runBinToEnd([command, flag], ENV);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe("");
      expect(result.stdout.startsWith(usage)).toBe(true);
      expect(result.stdout).toContain(`\nExamples:\n`);
      expect(result.stdout.slice(result.stdout.indexOf("\nExamples:\n"))).toContain(example);
    }
  });

  it("without a command prints the help to stderr and exits 2", async () => {
    const help = await runBinToEnd(["--help"], ENV);
    expect(await runBinToEnd([], ENV)).toEqual({ code: 2, stdout: "", stderr: help.stdout });
  });
});
