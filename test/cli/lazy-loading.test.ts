import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index";
import { COMMANDS } from "../../src/cli/main";
import {
  createSandbox,
  deviceLogin,
  recordingIds,
  requireBuiltBin,
  runBinToEnd,
} from "./support/cli-harness";
import type { Emulator } from "../../src/emulator/index";
import type { Sandbox } from "./support/cli-harness";

/*
 * What a run of the built bin loads. `sso-oidc token` runs before each use of a token, and a
 * valid cached token needs no request: it must not pay for the client, smithy's client code or
 * the emulator, only for the cache.
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const RECORDER = pathToFileURL(join(__dirname, "support", "record-modules.mjs")).href;

/** What no run that sends no request may load. */
const CLIENT_CODE = [
  /^dist\/index\.(c?js)$/,
  /^dist\/emulator\//,
  /^node_modules\/@smithy\/core\/dist-[a-z]+\/submodules\/(client|retry|endpoints|serde|schema)\//,
  /^node_modules\/@smithy\/node-http-handler\//,
];

let emu: Emulator;

beforeAll(async () => {
  requireBuiltBin();
  emu = await startEmulator({ generateId: recordingIds().generateId, autoApprove: true });
});
afterAll(() => emu.close());

/** `sso-oidc <args>` with every module it loads recorded: files relative to the repository. */
async function runRecorded(box: Sandbox, args: string[]) {
  const log = join(box.home, "modules.log");
  await writeFile(log, "");
  const result = await runBinToEnd(args, {
    ...box.env,
    NODE_OPTIONS: `--import=${RECORDER}`,
    MODULE_LOG: log,
  });
  const lines = (await readFile(log, "utf8")).split("\n").filter((line) => line !== "");
  const builtins = lines
    .filter((line) => line.startsWith("builtin:"))
    .map((line) => line.slice("builtin:".length));
  const files = lines
    .filter((line) => !line.startsWith("node:") && !line.startsWith("builtin:"))
    .map((line) => (line.startsWith("file:") ? fileURLToPath(line) : line))
    .map((path) => relative(ROOT, path).split(sep).join("/"));
  return { ...result, modules: [...new Set(files)].sort(), builtins: new Set(builtins) };
}

function cacheTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

describe("what a CLI run loads", () => {
  it("sso-oidc token with a valid cached token loads the CLI's cache code only: no client, no emulator", async () => {
    const box = await createSandbox("http://127.0.0.1:9");
    const expiresAt = cacheTime(new Date(Date.now() + 8 * 3600_000));
    await mkdir(box.cacheDir, { recursive: true });
    await writeFile(
      box.tokenPath("corp"),
      JSON.stringify({
        startUrl: "https://d-1234567890.awsapps.com/start",
        region: "us-east-1",
        accessToken: "cached-access",
        expiresAt,
        clientId: "client",
        clientSecret: "secret",
        refreshToken: "refresh",
      }),
    );

    const run = await runRecorded(box, ["token", "--profile", "p"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`{"accessToken": "cached-access", "expiresAt": "${expiresAt}"}\n`);
    expect(run.modules.filter((file) => CLIENT_CODE.some((pattern) => pattern.test(file)))).toEqual(
      [],
    );
    // The bin, what the commands share, the token command, and the cache code it shares with
    // the library.
    expect(run.modules).toEqual([
      "dist/cli/cli-command.js",
      "dist/cli/main.js",
      "dist/cli/token-command.js",
      "dist/shared/cache.cjs",
    ]);
    // Nor Node's crypto (cache names are hashed in code) or the module that opens a browser.
    // (`net`, which a piped stdout would load, the recorder's own hooks thread loads already;
    // stream-writer.test.ts shows the bin's writes leave the stream alone.)
    expect(run.builtins.has("fs")).toBe(true);
    expect(["crypto", "child_process"].filter((name) => run.builtins.has(name))).toEqual([]);
  });

  it("sso-oidc token with a token due for a refresh loads the client then, from the package's entry", async () => {
    const box = await createSandbox(emu.url);
    await deviceLogin(box, ["--profile", "p"]);
    const cached = await box.readToken("corp");
    const soon = cacheTime(new Date(Date.now() + 60_000));
    await writeFile(box.tokenPath("corp"), JSON.stringify({ ...cached, expiresAt: soon }));

    const run = await runRecorded(box, ["token", "--profile", "p"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const refreshed = await box.readToken("corp");
    expect(refreshed["accessToken"]).not.toBe(cached["accessToken"]);
    expect(run.stdout).toBe(
      `{"accessToken": "${refreshed["accessToken"]}", "expiresAt": "${refreshed["expiresAt"]}"}\n`,
    );
    expect(run.modules).toContain("dist/index.cjs");
    expect(run.modules).toContain("node_modules/@smithy/node-http-handler/dist-cjs/index.js");
    expect(run.modules.filter((file) => file.startsWith("dist/emulator/"))).toEqual([]);
  });

  it("sso-oidc --help loads no command", async () => {
    const box = await createSandbox("http://127.0.0.1:9");
    const run = await runRecorded(box, ["--help"]);
    expect(run.code).toBe(0);
    // What the commands share reads targets, through the cache code, and redacts errors.
    expect(run.modules).toEqual([
      "dist/cli/cli-command.js",
      "dist/cli/main.js",
      "dist/shared/cache.cjs",
    ]);
  });
});

describe("the help's table of commands", () => {
  it("loads, for each name it lists, the command of that name", async () => {
    for (const entry of COMMANDS) {
      expect((await entry.load()).name).toBe(entry.name);
    }
  });
});
