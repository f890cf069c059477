import { createServer } from "node:http";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { START_URL, createSandbox, requireBuiltBin, runBinToEnd } from "./support/cli-harness";
import { listenForTest } from "../support/loopback";

beforeAll(() => requireBuiltBin());

/** Accepts connections and reads requests, and never answers. */
async function startSilentServer(): Promise<{ url: string; requests: () => number }> {
  let requests = 0;
  const server = createServer(() => void (requests += 1));
  const url = await listenForTest(server);
  return {
    url,
    requests: () => requests,
  };
}

const FIX =
  "check that the service AWS_ENDPOINT_URL_SSO_OIDC names is running, or unset that variable, or allow more time with --timeout.";

describe("every request of the CLI is bounded by --timeout", () => {
  it("login against a server that never answers ends with ENDPOINT_TIMEOUT, exit 1", async () => {
    const server = await startSilentServer();
    const box = await createSandbox(server.url);
    const started = Date.now();
    const result = await runBinToEnd(
      ["login", "--profile", "p", "--use-device-code", "--no-browser", "--timeout", "1"],
      box.env,
    );
    const elapsedMs = Date.now() - started;
    expect(result).toEqual({
      code: 1,
      stdout: `Signing in with profile "p" (sso-session "corp") at ${START_URL} (us-east-1), device code flow.\n\n`,
      stderr: `sso-oidc: ENDPOINT_TIMEOUT: The SSO OIDC endpoint ${server.url} did not answer RegisterClient within 1 s (--timeout); ${FIX}\n`,
    });
    // One attempt: a timed-out request is not tried again.
    expect(server.requests()).toBe(1);
    expect(elapsedMs).toBeGreaterThanOrEqual(1000);
    expect(elapsedMs).toBeLessThan(4000);
  });

  it("token refreshing against a server that never answers ends with TOKEN_EXPIRED saying so", async () => {
    const server = await startSilentServer();
    const box = await createSandbox(server.url);
    const path = box.tokenPath("corp");
    await mkdir(dirname(path), { recursive: true });
    await writeFile(
      path,
      JSON.stringify({
        accessToken: "old-access-token",
        expiresAt: "2020-01-01T00:00:00Z",
        clientId: "client-id",
        clientSecret: "client-secret",
        registrationExpiresAt: "2099-01-01T00:00:00Z",
        refreshToken: "old-refresh-token",
      }),
    );
    const started = Date.now();
    const result = await runBinToEnd(["token", "--profile", "p", "--timeout", "0.5"], box.env);
    const elapsedMs = Date.now() - started;
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr:
        `sso-oidc: TOKEN_EXPIRED: The SSO token for profile "p" expired at 2020-01-01T00:00:00Z. ` +
        `The SSO token could not be refreshed: CreateToken failed (EndpointTimeoutError: The SSO OIDC endpoint ${server.url} did not answer CreateToken within 0.5 s (--timeout); ${FIX}). ` +
        "Run `sso-oidc login --profile p` to sign in again.\n",
    });
    expect(server.requests()).toBe(1);
    expect(elapsedMs).toBeGreaterThanOrEqual(500);
    expect(elapsedMs).toBeLessThan(3500);
  });

  it.each(["0", "-1", "soon", ""])("--timeout %j is a usage error", async (value) => {
    const box = await createSandbox("http://127.0.0.1:1");
    expect(await runBinToEnd(["token", "--profile", "p", `--timeout=${value}`], box.env)).toEqual({
      code: 2,
      stdout: "",
      stderr: `sso-oidc: INVALID_OPTION_VALUE: --timeout needs a number of seconds above zero, e.g. --timeout 30; got '${value}' (see 'sso-oidc token --help')\n`,
    });
  });

  it.each(["login", "token"])(
    "sso-oidc %s --help documents --timeout and its default",
    async (command) => {
      const { stdout } = await runBinToEnd([command, "--help"], {
        PATH: process.env["PATH"] ?? "",
      });
      expect(stdout).toContain(
        "  --timeout SECONDS     Give up on a request the service has not answered within SECONDS\n" +
          "                        (default 30; connecting may take at most 10 of them); a request\n" +
          "                        that timed out is not tried again\n",
      );
    },
  );
});
