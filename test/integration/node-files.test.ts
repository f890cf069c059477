import { execFile } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/*
 * The Node build emits each piece of code once: the library entry, the emulator and the CLI's
 * commands require the files they share instead of bundling copies. A copy would be a second
 * class of the same name, which `instanceof` tells apart from the first: the CLI would miss the
 * errors the library throws, and the library those of the CLI's copy.
 */

const run = promisify(execFile);
const ROOT = join(__dirname, "../..");
const DIST = join(ROOT, "dist");

/** The built files Node loads: every `.cjs`, and the CLI's `.js`; not the browser build. */
function nodeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "browser" ? [] : nodeFiles(path);
    const isNodeFile =
      entry.name.endsWith(".cjs") || (dir.endsWith("cli") && /\.js$/.test(entry.name));
    return isNodeFile ? [path] : [];
  });
}

/** The classes a built file defines, as esbuild (`var X = class`) and Rollup (`class X`) write them. */
function classesDefinedIn(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^(?:var ([\w$]+) = class\b|class ([\w$]+)\b)/gm)].map(
    (match) => (match[1] ?? match[2])!,
  );
}

/** Runs a CommonJS script with HOME set to `home` and returns the JSON it printed. */
async function runScript(home: string, script: string) {
  const { stdout } = await run(process.execPath, ["-e", script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: home },
  });
  return JSON.parse(stdout) as Record<string, unknown>;
}

let home: string;

beforeAll(async () => {
  if (!existsSync(join(DIST, "cli/main.js"))) {
    throw new Error("dist/ is missing: run `npm run build` first (`npm test` does).");
  }
  home = await mkdtemp(join(tmpdir(), "sso-oidc-node-files-"));
});
afterAll(() => rm(home, { recursive: true, force: true }));

describe("the Node build's files", () => {
  it("define each class in one file", () => {
    const definedIn = new Map<string, string[]>();
    for (const file of nodeFiles(DIST)) {
      for (const name of classesDefinedIn(file)) {
        definedIn.set(name, [...(definedIn.get(name) ?? []), relative(ROOT, file)]);
      }
    }
    // The scan reads the build's way of writing classes: one it no longer recognises finds none.
    expect(definedIn.get("SsoCacheError")).toEqual(["dist/shared/cache.cjs"]);
    expect(definedIn.get("UsageError")).toEqual(["dist/cli/cli-command.js"]);
    expect(definedIn.get("SSOOIDCServiceException")).toEqual(["dist/index.cjs"]);
    expect([...definedIn].filter(([, files]) => files.length > 1)).toEqual([]);
  });

  it("give the library's CommonJS and ESM entries and the CLI the same error classes", async () => {
    const result = await runScript(
      home,
      `(async () => {
        const library = require(${JSON.stringify(join(DIST, "index.cjs"))});
        const esm = await import(${JSON.stringify(join(DIST, "index.js"))});
        const cli = require(${JSON.stringify(join(DIST, "cli/cli-command.js"))});
        const { tokenCommand } = require(${JSON.stringify(join(DIST, "cli/token-command.js"))});
        const { emulatorCommand } = require(${JSON.stringify(join(DIST, "cli/emulator-command.js"))});
        const io = { stdout() {}, stderr() {}, waitForShutdown: () => new Promise(() => {}) };
        const notFound = await tokenCommand
          .run(["--start-url", "https://d-1234567890.awsapps.com/start", "--region", "us-east-1"], io)
          .catch((error) => error);
        const usage = await emulatorCommand.run(["--port", "x"], io).catch((error) => error);
        process.stdout.write(JSON.stringify({
          esmIsCommonJs: esm.SsoTokenNotFoundError === library.SsoTokenNotFoundError,
          notFound: notFound.name,
          notFoundIsLibrarys: notFound instanceof library.SsoTokenNotFoundError,
          usage: usage.name,
          usageIsCliCommands: usage instanceof cli.UsageError,
        }));
      })();`,
    );
    expect(result).toStrictEqual({
      esmIsCommonJs: true,
      notFound: "SsoTokenNotFoundError",
      notFoundIsLibrarys: true,
      usage: "UsageError",
      usageIsCliCommands: true,
    });
  });
});
