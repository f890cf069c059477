import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = join(__dirname, "../..");
const BUILT = join(ROOT, "dist/index.cjs");

/**
 * Runs a CommonJS script against the built package and returns what it printed.
 * The script serves itself on loopback, so nothing leaves the machine.
 */
async function runScript(cwd: string, script: string) {
  const { stdout } = await run(process.execPath, ["-e", script], {
    cwd,
    env: { PATH: process.env.PATH, HOME: cwd },
  });
  return JSON.parse(stdout) as Record<string, unknown>;
}

const SERVER = `
const http = require("node:http");
const server = http.createServer((req, res) => { req.resume(); req.on("end", () => { res.writeHead(200, { "content-type": "application/json" }); res.end("{}"); }); });
const listening = new Promise((r) => server.listen(0, "127.0.0.1", r));
function loaded(name) { return Object.keys(require.cache).some((p) => p.includes(name)); }
`;

beforeAll(() => {
  if (!existsSync(BUILT))
    throw new Error("dist/index.cjs is missing: run `npm run build` first (`npm test` does).");
});

describe("what the built package loads", () => {
  it("the unsigned operations load no signing or credential code; CreateTokenWithIAM loads the signer only", async () => {
    const result = await runScript(
      ROOT,
      `${SERVER}
      (async () => {
        await listening;
        const m = require(${JSON.stringify(BUILT)});
        const endpoint = "http://127.0.0.1:" + server.address().port;
        const throwing = async () => { throw new Error("credentials provider called"); };
        const client = new m.SSOOIDCClient({ region: "us-east-1", endpoint, credentials: throwing });
        await client.send(new m.RegisterClientCommand({ clientName: "a", clientType: "public" }));
        await client.send(new m.StartDeviceAuthorizationCommand({ clientId: "c", clientSecret: "s", startUrl: "https://x" }));
        await client.send(new m.CreateTokenCommand({ clientId: "c", clientSecret: "s", grantType: "refresh_token" }));
        const before = { sigv4: loaded("@smithy/signature-v4"), chain: loaded("credential-provider-node") };
        const signed = new m.SSOOIDCClient({ region: "us-east-1", endpoint, credentials: { accessKeyId: "A", secretAccessKey: "S" } });
        await signed.send(new m.CreateTokenWithIAMCommand({ clientId: "c", grantType: "refresh_token", refreshToken: "r" }));
        const after = { sigv4: loaded("@smithy/signature-v4"), chain: loaded("credential-provider-node") };
        client.destroy(); signed.destroy(); server.close();
        process.stdout.write(JSON.stringify({ before, after }));
      })();`,
    );
    expect(result).toStrictEqual({
      before: { sigv4: false, chain: false },
      after: { sigv4: true, chain: false },
    });
  });
});

describe("the default credential chain", () => {
  it("config.credentials is a provider from construction; its first call loads the chain, nothing before", async () => {
    const result = await runScript(
      ROOT,
      `(async () => {
        const loaded = (name) => Object.keys(require.cache).some((p) => p.includes(name));
        const m = require(${JSON.stringify(BUILT)});
        const client = new m.SSOOIDCClient({ region: "us-east-1" });
        const constructed = { kind: typeof client.config.credentials, memoized: client.config.credentials.memoized, chain: loaded("credential-provider-node") };
        process.env.AWS_ACCESS_KEY_ID = "AKIDENV";
        process.env.AWS_SECRET_ACCESS_KEY = "secret-env";
        const identity = await client.config.credentials();
        const called = { accessKeyId: identity.accessKeyId, chain: loaded("credential-provider-node") };
        client.destroy();
        process.stdout.write(JSON.stringify({ constructed, called }));
      })();`,
    );
    expect(result).toStrictEqual({
      constructed: { kind: "function", memoized: true, chain: false },
      called: { accessKeyId: "AKIDENV", chain: true },
    });
  });
});

describe("without the optional credential chain", () => {
  let app: string;
  beforeAll(async () => {
    app = await mkdtemp(join(tmpdir(), "sso-oidc-no-peer-"));
    const pkg = join(app, "node_modules/sso-oidc");
    await mkdir(join(pkg, "dist"), { recursive: true });
    await cp(join(ROOT, "package.json"), join(pkg, "package.json"));
    await cp(BUILT, join(pkg, "dist/index.cjs"));
    await cp(join(ROOT, "dist/shared"), join(pkg, "dist/shared"), { recursive: true });
    await symlink(join(ROOT, "node_modules/@smithy"), join(app, "node_modules/@smithy"));
    await symlink(join(ROOT, "node_modules/tslib"), join(app, "node_modules/tslib"));
  });
  afterAll(() => rm(app, { recursive: true, force: true }));

  it("CreateTokenWithIAM without credentials names the package and the credentials option", async () => {
    const result = await runScript(
      app,
      `${SERVER}
      (async () => {
        await listening;
        const m = require("sso-oidc");
        const client = new m.SSOOIDCClient({ region: "us-east-1", endpoint: "http://127.0.0.1:" + server.address().port });
        const error = await client.send(new m.CreateTokenWithIAMCommand({ clientId: "c", grantType: "refresh_token", refreshToken: "r" })).catch((e) => e);
        client.destroy(); server.close();
        process.stdout.write(JSON.stringify({ name: error.name, code: error.code, message: error.message }));
      })();`,
    );
    expect(result).toStrictEqual({
      name: "CredentialsUnavailableError",
      code: "ERR_SSO_OIDC_NO_CREDENTIALS",
      message:
        "CreateTokenWithIAM is signed with AWS credentials and the client has none: pass `credentials` to the client, or install the optional peer dependency @aws-sdk/credential-provider-node to use the default credential chain.",
    });
  });
});
