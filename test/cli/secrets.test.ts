import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { startEmulator } from "../../src/emulator/index";
import {
  NEW_SECRETS,
  TOKEN_BODY,
  leakedParts,
  startCutTokenServer,
} from "../flows/cut-token-server";
import { createSandbox, requireBuiltBin, runBinToEnd } from "./support/cli-harness";
import { startObservingProxy } from "./support/observing-proxy";
import type { EmulatorIdKind } from "../../src/emulator/index";
import type { Sandbox } from "./support/cli-harness";

beforeAll(() => requireBuiltBin());

/** The cached token's secrets, with no word in them. */
const CACHED = {
  accessToken: "kQ7vLm2XwZk9RbT4yNpA8sDf3GhJ1kLz",
  refreshToken: "kW3hJx8KqV1cFz6DsM0nBv5CxZ2aSd9F",
  clientSecret: "kE5tYu0PaG2nBr9LkHj7QwXz4VbNm1Ks",
};
const SECRETS = [...Object.values(NEW_SECRETS), ...Object.values(CACHED)];
const SECRET_KINDS: EmulatorIdKind[] = [
  "clientSecret",
  "deviceCode",
  "authorizationCode",
  "accessToken",
  "refreshToken",
];
/** In the first member's value, in the refresh token's, just past its key, and one short of whole. */
const CUTS = [
  20,
  TOKEN_BODY.indexOf(NEW_SECRETS.refreshToken) + 10,
  TOKEN_BODY.indexOf('"idToken"') + 12,
  TOKEN_BODY.length - 1,
];

async function cacheToken(box: Sandbox, expiresInMs: number): Promise<void> {
  const path = box.tokenPath("corp");
  await mkdir(dirname(path), { recursive: true });
  await writeFile(
    path,
    JSON.stringify({
      startUrl: "https://d-1234567890.awsapps.com/start",
      region: "us-east-1",
      accessToken: CACHED.accessToken,
      expiresAt: new Date(Date.now() + expiresInMs).toISOString().replace(/\.\d{3}Z$/, "Z"),
      clientId: "client-1",
      clientSecret: CACHED.clientSecret,
      registrationExpiresAt: "2099-01-01T00:00:00Z",
      refreshToken: CACHED.refreshToken,
    }),
  );
}

describe("sso-oidc never writes a secret to stderr", () => {
  it.each(CUTS)("token, refresh answered with the token JSON cut at byte %i", async (cutAt) => {
    const server = await startCutTokenServer();
    server.cutAt = cutAt;
    const box = await createSandbox(server.url);

    await cacheToken(box, -60_000);
    const expired = await runBinToEnd(["token", "--profile", "p"], box.env);
    expect(expired.code).toBe(1);
    expect(expired.stdout).toBe("");
    expect(expired.stderr).toMatch(
      /^sso-oidc: TOKEN_EXPIRED: The SSO token for profile "p" expired at /,
    );
    expect(leakedParts(expired.stderr, SECRETS)).toEqual([]);

    // Still valid: the cached token is printed (the command's own result), with a warning.
    await cacheToken(box, 120_000);
    const valid = await runBinToEnd(["token", "--profile", "p"], box.env);
    expect(valid.code).toBe(0);
    expect(JSON.parse(valid.stdout)).toMatchObject({ accessToken: CACHED.accessToken });
    expect(valid.stderr).toMatch(
      /^sso-oidc: warning: Refreshing the SSO token for profile "p" failed; /,
    );
    expect(leakedParts(valid.stderr, SECRETS)).toEqual([]);
    expect(server.requests).toBe(2);
  });

  it("login, whose CreateToken answer is cut inside the access token", async () => {
    const issued: string[] = [];
    const emu = await startEmulator({
      autoApprove: true,
      generateId: (kind: EmulatorIdKind) => {
        if (kind === "userCode") return "CODE-0001";
        const id = randomBytes(36).toString("base64url");
        if (SECRET_KINDS.includes(kind)) issued.push(id);
        return id;
      },
    });
    onTestFinished(() => emu.close());
    const proxy = await startObservingProxy(emu.url);
    proxy.rewrite = (path, body) =>
      path.startsWith("/token") ? body.slice(0, body.indexOf('"accessToken"') + 30) : body;
    const box = await createSandbox(proxy.url);
    const result = await runBinToEnd(
      ["login", "--profile", "p", "--use-device-code", "--no-browser"],
      box.env,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^sso-oidc: [A-Z_]+: .*CreateToken/);
    expect(result.stderr.split("\n")).toHaveLength(2);
    expect(leakedParts(result.stderr, issued)).toEqual([]);
  });
});
