import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSsoCache } from "../../src/cache/sso-cache";
import type { SsoCache } from "../../src/cache/sso-cache";

const START_URL = "https://d-123.awsapps.com/start";
let home: string;
let warnings: string[];
let cache: SsoCache;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), "sso-oidc-cache-"));
  warnings = [];
  cache = createSsoCache({ homeDir: home, warn: (message) => void warnings.push(message) });
});
afterEach(() => rm(home, { recursive: true, force: true }));

const token = {
  startUrl: START_URL,
  region: "us-east-1",
  accessToken: "aoa-access",
  expiresAt: new Date("2026-03-01T13:00:00Z"),
  clientId: "client-1",
  clientSecret: "secret-1",
  registrationExpiresAt: new Date("2026-05-30T12:00:00Z"),
  refreshToken: "aor-refresh",
};

describe("SSO token cache", () => {
  it("keeps its files under <home>/.aws/sso/cache, named by sha1", () => {
    expect(cache.directory).toBe(join(home, ".aws", "sso", "cache"));
    expect(cache.tokenPath("my-sso")).toBe(
      join(home, ".aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json"),
    );
  });

  it("writes the AWS CLI's format and reads it back", async () => {
    await cache.writeToken("my-sso", token);
    expect(JSON.parse(await readFile(cache.tokenPath("my-sso"), "utf8"))).toEqual({
      startUrl: START_URL,
      region: "us-east-1",
      accessToken: "aoa-access",
      expiresAt: "2026-03-01T13:00:00Z",
      clientId: "client-1",
      clientSecret: "secret-1",
      registrationExpiresAt: "2026-05-30T12:00:00Z",
      refreshToken: "aor-refresh",
    });
    expect(await cache.readToken("my-sso")).toEqual(token);
    expect(warnings).toEqual([]);
  });

  it("reads a file as the AWS CLI writes it (seconds, Z, no refreshToken, no indent)", async () => {
    await mkdir(cache.directory, { recursive: true });
    await writeFile(
      cache.tokenPath(START_URL),
      `{"startUrl": "${START_URL}", "region": "us-east-2", "accessToken": "aoa-cli", "expiresAt": "2025-07-21T06:54:05Z", "clientId": "cid", "clientSecret": "csecret", "registrationExpiresAt": "2025-10-18T22:54:00Z"}`,
    );
    expect(await cache.readToken(START_URL)).toEqual({
      startUrl: START_URL,
      region: "us-east-2",
      accessToken: "aoa-cli",
      expiresAt: new Date(Date.UTC(2025, 6, 21, 6, 54, 5)),
      clientId: "cid",
      clientSecret: "csecret",
      registrationExpiresAt: new Date(Date.UTC(2025, 9, 18, 22, 54, 0)),
    });
  });

  it("reads the JS SDK's toISOString() format with milliseconds", async () => {
    await mkdir(cache.directory, { recursive: true });
    await writeFile(
      cache.tokenPath("my-sso"),
      JSON.stringify({
        accessToken: "aoa-js",
        expiresAt: "2025-07-21T06:54:05.123Z",
        refreshToken: "aor-js",
      }),
    );
    expect(await cache.readToken("my-sso")).toEqual({
      accessToken: "aoa-js",
      expiresAt: new Date(Date.UTC(2025, 6, 21, 6, 54, 5, 123)),
      refreshToken: "aor-js",
    });
  });

  it("writes atomically: mode 0600 in a 0700 folder, no temporary file left", async () => {
    await cache.writeToken("my-sso", token);
    await cache.writeToken("my-sso", { ...token, accessToken: "aoa-second" });
    expect((await stat(cache.tokenPath("my-sso"))).mode & 0o777).toBe(0o600);
    expect((await stat(cache.directory)).mode & 0o777).toBe(0o700);
    expect(await readdir(cache.directory)).toEqual([
      "0ad374308c5a4e22f723adf10145eafad7c4031c.json",
    ]);
    expect((await cache.readToken("my-sso"))!.accessToken).toBe("aoa-second");
  });

  it("reports a corrupt file without quoting it and treats it as absent", async () => {
    await mkdir(cache.directory, { recursive: true });
    await writeFile(cache.tokenPath("my-sso"), '{"accessToken": "aoa-secret-part');
    expect(await cache.readToken("my-sso")).toBeUndefined();
    expect(warnings).toEqual([
      `Ignoring SSO cache file ${cache.tokenPath("my-sso")}: it is not valid JSON. Log in again to replace it.`,
    ]);
  });

  it("reports JSON that is not a token, and a file that cannot be read", async () => {
    await mkdir(cache.directory, { recursive: true });
    await writeFile(cache.tokenPath("a"), '{"accessToken": "x", "expiresAt": "tomorrow"}');
    await mkdir(cache.tokenPath("b"));
    expect(await cache.readToken("a")).toBeUndefined();
    expect(await cache.readToken("b")).toBeUndefined();
    expect(await cache.readToken("absent")).toBeUndefined();
    expect(warnings).toEqual([
      `Ignoring SSO cache file ${cache.tokenPath("a")}: it has no valid accessToken and expiresAt.`,
      `Ignoring SSO cache file ${cache.tokenPath("b")}: it is a folder, not a regular file.`,
    ]);
  });

  it("parallel writers in separate processes never leave a corrupt file", async () => {
    const path = cache.tokenPath("my-sso");
    const writer = fileURLToPath(new URL("./parallel-writer.ts", import.meta.url));
    const writers = 4;
    const writes = 40;
    const children = Array.from(
      { length: writers },
      (_, id) =>
        new Promise<number | null>((resolve, reject) => {
          const child = spawn(
            process.execPath,
            ["--import", "tsx", writer, path, String(id), String(writes)],
            {
              stdio: ["ignore", "ignore", "inherit"],
            },
          );
          child.once("error", reject);
          child.once("exit", resolve);
        }),
    );
    let done = false;
    const exits = Promise.all(children).finally(() => (done = true));
    let reads = 0;
    while (!done) {
      const text = await readFile(path, "utf8").catch(() => undefined);
      if (text !== undefined) {
        expect(() => JSON.parse(text)).not.toThrow();
        reads += 1;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await exits).toEqual([0, 0, 0, 0]);
    expect(reads).toBeGreaterThan(0);
    const last = await cache.readToken("my-sso");
    expect(last?.accessToken).toMatch(/^writer-[0-3]-write-39-x{4096}$/);
    expect(warnings).toEqual([]);
    expect(await readdir(cache.directory)).toEqual([
      "0ad374308c5a4e22f723adf10145eafad7c4031c.json",
    ]);
  }, 20_000);
});

describe("client registration cache", () => {
  const key = {
    startUrl: START_URL,
    region: "us-east-1",
    scopes: ["sso:account:access"],
    sessionName: "my-sso",
  };

  it("round-trips the AWS CLI's members, with grantTypes for PKCE", async () => {
    const registration = {
      clientId: "client-1",
      clientSecret: "secret-1",
      expiresAt: new Date("2026-05-30T12:00:00Z"),
      scopes: ["sso:account:access"],
      grantTypes: ["authorization_code", "refresh_token"],
    };
    await cache.writeRegistration(key, registration);
    const path = join(cache.directory, "41703fba9789c2c8f9b7faa73b70bebb72c62cc9.json");
    expect(cache.registrationPath(key)).toBe(path);
    expect(JSON.parse(await readFile(path, "utf8"))).toEqual({
      clientId: "client-1",
      clientSecret: "secret-1",
      expiresAt: "2026-05-30T12:00:00Z",
      scopes: ["sso:account:access"],
      grantTypes: ["authorization_code", "refresh_token"],
    });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await cache.readRegistration(key)).toEqual(registration);
  });

  it("reads botocore's UTC-suffixed time and a file without scopes", async () => {
    const legacy = { startUrl: START_URL, region: "us-east-1" };
    await mkdir(cache.directory, { recursive: true });
    await writeFile(
      cache.registrationPath(legacy),
      '{"clientId": "cid", "clientSecret": "cs", "expiresAt": "2026-05-30T12:00:00UTC"}',
    );
    expect(await cache.readRegistration(legacy)).toEqual({
      clientId: "cid",
      clientSecret: "cs",
      expiresAt: new Date("2026-05-30T12:00:00Z"),
    });
  });

  it("treats a registration without a secret as absent, with a warning", async () => {
    await mkdir(cache.directory, { recursive: true });
    await writeFile(
      cache.registrationPath(key),
      '{"clientId": "cid", "expiresAt": "2026-05-30T12:00:00Z"}',
    );
    expect(await cache.readRegistration(key)).toBeUndefined();
    expect(warnings).toEqual([
      `Ignoring SSO cache file ${cache.registrationPath(key)}: it has no valid client registration.`,
    ]);
  });
});
