import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = join(__dirname, "../..");
const TSC = join(ROOT, "node_modules/typescript/bin/tsc");

const ESM_USER = `
import { SSOOIDCClient, CreateTokenCommand, InvalidGrantException, SSOOIDC, type CreateTokenCommandOutput } from "sso-oidc";
import { startEmulator } from "sso-oidc/emulator";
const client = new SSOOIDCClient({ region: "us-east-1" });
export const sent: Promise<CreateTokenCommandOutput> = client.send(new CreateTokenCommand({ clientId: "a", clientSecret: "b", grantType: "c" }));
export function described(e: unknown) { return e instanceof InvalidGrantException ? e.error_description : undefined; }
export const v2 = new SSOOIDC({ region: "us-east-1" }).createToken({ clientId: "a", clientSecret: "b", grantType: "c" });
export const emulator = startEmulator({ port: 0 });
`;
const CJS_USER = `
import { SSOOIDCClient, CreateTokenCommand, type CreateTokenCommandOutput } from "sso-oidc";
const client = new SSOOIDCClient({ region: "us-east-1" });
export const sent: Promise<CreateTokenCommandOutput> = client.send(new CreateTokenCommand({ clientId: "a", clientSecret: "b", grantType: "c" }));
`;
const WRONG_USER = `
import { CreateTokenCommand } from "sso-oidc";
export const command = new CreateTokenCommand({ clientId: 1, clientSecret: "b", grantType: "c" });
`;

let app: string;

/** Type-checks files in an app that depends on the built package, as its users compile. */
function typecheck(files: string[], moduleKind: string, resolution: string) {
  return run(
    process.execPath,
    [
      TSC,
      "--noEmit",
      "--strict",
      "--target",
      "es2022",
      "--module",
      moduleKind,
      "--moduleResolution",
      resolution,
      "--types",
      "node",
      "--typeRoots",
      join(ROOT, "node_modules/@types"),
      ...files,
    ],
    { cwd: app },
  ).then(
    () => ({ code: 0, stdout: "" }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, "dist/index.d.cts"))) {
    throw new Error("dist/ is missing: run `npm run build` first (`npm test` does).");
  }
  app = await mkdtemp(join(tmpdir(), "sso-oidc-types-"));
  await mkdir(join(app, "node_modules"));
  await symlink(ROOT, join(app, "node_modules/sso-oidc"));
  await writeFile(join(app, "package.json"), '{ "name": "app", "type": "module" }\n');
  await writeFile(join(app, "esm.ts"), ESM_USER);
  await writeFile(join(app, "cjs.cts"), CJS_USER);
  await writeFile(join(app, "wrong.ts"), WRONG_USER);
});
afterAll(() => rm(app, { recursive: true, force: true }));

describe("the published types", () => {
  it("compile for ESM and CommonJS users under node16 resolution", async () => {
    expect(await typecheck(["esm.ts", "cjs.cts"], "node16", "node16")).toStrictEqual({
      code: 0,
      stdout: "",
    });
  });

  it("compile for bundler resolution", async () => {
    expect(await typecheck(["esm.ts"], "esnext", "bundler")).toStrictEqual({ code: 0, stdout: "" });
  });

  it("reject a wrongly typed input member", async () => {
    const result = await typecheck(["wrong.ts"], "node16", "node16");
    expect(result.code).toBe(2);
    expect(result.stdout).toContain("wrong.ts(3,");
    expect(result.stdout).toContain("Type 'number' is not assignable to type 'string'");
  });
});
