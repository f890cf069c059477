import { spawn } from "node:child_process";
import { describe, expect, it, onTestFinished } from "vitest";
import { RegisterClientCommand } from "@aws-sdk/client-sso-oidc";
import { runCli } from "../../src/cli/main";
import { officialClient } from "./support/wire";
import type { CliIo } from "../../src/cli/main";

const MAIN = "src/cli/main.ts";

/** Runs the real bin under tsx; resolves with everything it printed and its exit code. */
function runBin(args: string[]) {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN, ...args], {
    cwd: new URL("../..", import.meta.url),
    stdio: ["ignore", "pipe", "pipe"],
  });
  onTestFinished(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", () => {
      if (stdout.includes("\n")) resolve(stdout.slice(0, stdout.indexOf("\n")));
    });
    child.on("exit", () => reject(new Error(`exited early; stderr: ${stderr}`)));
  });
  // Only the tests that wait for the first line care that the process exited before it.
  firstLine.catch(() => undefined);
  return { child, exited, firstLine, output: () => ({ stdout, stderr }) };
}

function memoryIo(shutdownSignal = new Promise<string>(() => {})) {
  const out = { stdout: "", stderr: "" };
  const io: CliIo = {
    stdout: (text) => void (out.stdout += text),
    stderr: (text) => void (out.stderr += text),
    waitForShutdown: () => shutdownSignal,
  };
  return { io, out };
}

describe("sso-oidc emulator (the bin)", () => {
  it("prints its URL, serves the official client, and exits 0 on SIGINT", async () => {
    const bin = runBin(["emulator", "--port", "0"]);
    const line = await bin.firstLine;
    const url = /^sso-oidc emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line)?.[1];
    expect(url).toBeDefined();
    const out = await officialClient(url ?? "").send(
      new RegisterClientCommand({ clientName: "cli-test", clientType: "public" }),
    );
    expect(out.$metadata.httpStatusCode).toBe(200);

    bin.child.kill("SIGINT");
    expect(await bin.exited).toBe(0);
    const { stdout, stderr } = bin.output();
    expect(stdout).toContain(`  export AWS_ENDPOINT_URL_SSO_OIDC=${url}\n`);
    expect(stdout).toContain(`  export AWS_ENDPOINT_URL_SSO=${url}\n`);
    expect(stdout).toContain(`  new SSOOIDCClient({ region: "us-east-1", endpoint: "${url}" })\n`);
    expect(stdout.endsWith("SIGINT: emulator stopped.\n")).toBe(true);
    expect(stderr).toBe("");
  });

  it("reports an unknown flag in one line with a code and exits 2", async () => {
    const bin = runBin(["emulator", "--bogus"]);
    expect(await bin.exited).toBe(2);
    expect(bin.output()).toEqual({
      stdout: "",
      stderr:
        "sso-oidc: UNKNOWN_OPTION: Unknown option '--bogus' (see 'sso-oidc emulator --help')\n",
    });
  });
});

describe("runCli", () => {
  it.each([
    [
      ["emulator", "--port", "70000"],
      "sso-oidc: INVALID_PORT: --port must be an integer from 0 to 65535, got '70000' (see 'sso-oidc emulator --help')\n",
    ],
    [
      ["emulator", "--port"],
      "sso-oidc: INVALID_OPTION_VALUE: Option '--port <value>' argument missing (see 'sso-oidc emulator --help')\n",
    ],
    [
      ["emulator", "extra"],
      "sso-oidc: UNEXPECTED_ARGUMENT: Unexpected argument 'extra' (see 'sso-oidc emulator --help')\n",
    ],
    [
      ["emulator", "--port", "0", "--cors-origin", "http://localhost:5173/app"],
      `sso-oidc: INVALID_OPTION_VALUE: --cors-origin must be "*", "null" or an origin such as "http://localhost:5173" (scheme, host and port, no path), got "http://localhost:5173/app" (see 'sso-oidc emulator --help')\n`,
    ],
    [
      ["emulator", "--port", "0", "--host", "127.0.0.1 evil"],
      `sso-oidc: INVALID_OPTION_VALUE: --host must be an IP address or a host name, got "127.0.0.1 evil" (see 'sso-oidc emulator --help')\n`,
    ],
    [
      ["frobnicate"],
      "sso-oidc: UNKNOWN_COMMAND: Unknown command 'frobnicate' (see 'sso-oidc --help')\n",
    ],
    [
      ["--verbose"],
      "sso-oidc: UNKNOWN_OPTION: Unknown option '--verbose' (see 'sso-oidc --help')\n",
    ],
  ])("rejects %j with one line and exit code 2", async (argv, line) => {
    const { io, out } = memoryIo();
    expect(await runCli(argv, io)).toBe(2);
    expect(out).toEqual({ stdout: "", stderr: line });
  });

  it("prints help with usage and examples to stdout for --help, to stderr without a command", async () => {
    const help = memoryIo();
    expect(await runCli(["--help"], help.io)).toBe(0);
    expect(help.out.stdout).toMatch(/^Usage: sso-oidc <command> \[options\]\n/);
    expect(help.out.stdout).toContain(
      "  emulator   Run a local SSO OIDC service and access portal for development and tests\n",
    );
    expect(help.out.stdout).toContain("Examples:\n  sso-oidc emulator\n");

    const bare = memoryIo();
    expect(await runCli([], bare.io)).toBe(2);
    expect(bare.out.stderr).toBe(help.out.stdout);

    const command = memoryIo();
    expect(await runCli(["emulator", "--help"], command.io)).toBe(0);
    expect(command.out.stdout).toMatch(/^Usage: sso-oidc emulator \[--port N\] \[--host H\]/);
  });

  it("stops on the shutdown signal, and reports a port in use with the system's code and exit 1", async () => {
    let stop: (signal: string) => void = () => {};
    const first = memoryIo(new Promise<string>((resolve) => (stop = resolve)));
    const running = runCli(["emulator", "--port", "0"], first.io);
    await expect.poll(() => first.out.stdout).toContain("listening on");
    const url = /listening on (\S+)/.exec(first.out.stdout)?.[1] ?? "";
    const port = new URL(url).port;

    const second = memoryIo();
    expect(await runCli(["emulator", "--port", port], second.io)).toBe(1);
    expect(second.out.stderr).toBe(
      `sso-oidc: EADDRINUSE: Cannot listen on 127.0.0.1: listen EADDRINUSE: address already in use 127.0.0.1:${port}\n`,
    );

    stop("SIGTERM");
    expect(await running).toBe(0);
    expect(first.out.stdout.endsWith("SIGTERM: emulator stopped.\n")).toBe(true);
    await expect(fetch(`${url}/device`)).rejects.toThrow("fetch failed");
  });
});
