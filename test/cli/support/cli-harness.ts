import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, onTestFinished } from "vitest";
import { tokenCacheKey } from "../../../src/index";
import type { Emulator, EmulatorIdKind } from "../../../src/emulator/index";

/** The built bin, as `npx sso-oidc` runs it. */
const BIN = fileURLToPath(new URL("../../../dist/cli/main.js", import.meta.url));

function requireBuiltBin(): void {
  if (!existsSync(BIN)) {
    throw new Error(
      `${BIN} is missing: the CLI tests run the built binary. Run 'npm run build' first ('npm test' builds before testing).`,
    );
  }
}

const START_URL = "https://d-1234567890.awsapps.com/start";
/** The line `sso-oidc login` shows the device code's user code on. */
const CODE_LINE = /^ {2}(CODE-\d{4})$/m;

const CONFIG = `[profile p]
sso_session = corp

[sso-session corp]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile legacy]
sso_start_url = ${START_URL}
sso_region = us-east-1

[profile plain]
region = eu-west-1

[profile insecure]
sso_start_url = http://d-1234567890.awsapps.com/start
sso_region = us-east-1
`;

interface Sandbox {
  home: string;
  configPath: string;
  cacheDir: string;
  /** A clean environment: nothing of the developer's AWS setup leaks into the child. */
  env: Record<string, string>;
  tokenPath(sessionNameOrStartUrl: string): string;
  /** The token file's JSON as a login wrote it. */
  readToken(sessionNameOrStartUrl: string): Promise<Record<string, string>>;
}

/**
 * A temporary HOME with `AWS_CONFIG_FILE` written, removed after the test; both SSO services
 * (OIDC and the access portal) point at `endpointUrl`.
 */
async function createSandbox(endpointUrl: string): Promise<Sandbox> {
  const home = await mkdtemp(join(tmpdir(), "sso-oidc-cli-test-"));
  onTestFinished(() => rm(home, { recursive: true, force: true }));
  const configPath = join(home, "aws-config");
  await writeFile(configPath, CONFIG);
  const cacheDir = join(home, ".aws", "sso", "cache");
  const tokenPath = (id: string) => join(cacheDir, `${tokenCacheKey(id)}.json`);
  return {
    home,
    configPath,
    cacheDir,
    env: {
      PATH: process.env["PATH"] ?? "",
      HOME: home,
      AWS_CONFIG_FILE: configPath,
      AWS_SHARED_CREDENTIALS_FILE: join(home, "no-credentials"),
      AWS_ENDPOINT_URL_SSO_OIDC: endpointUrl,
      // The emulator serves the access portal too; `logout` calls its Logout, never AWS's.
      AWS_ENDPOINT_URL_SSO: endpointUrl,
      AWS_EC2_METADATA_DISABLED: "true",
    },
    tokenPath,
    readToken: async (id) =>
      JSON.parse(await readFile(tokenPath(id), "utf8")) as Record<string, string>,
  };
}

interface BinRun {
  child: ReturnType<typeof spawn>;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in stdout, as soon as it is printed. */
  waitForStdout(pattern: RegExp): Promise<RegExpMatchArray>;
}

function runBin(args: string[], env: Record<string, string>): BinRun {
  requireBuiltBin();
  const child = spawn(process.execPath, [BIN, ...args], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  let stdout = "";
  let stderr = "";
  const waiters: (() => void)[] = [];
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    waiters.forEach((wake) => wake());
  });
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.on("close", (code) => resolve(code)),
  );
  return {
    child,
    exited,
    stdout: () => stdout,
    stderr: () => stderr,
    waitForStdout: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(stdout);
          if (match) resolve(match);
        };
        waiters.push(check);
        check();
        void exited.then(() =>
          reject(
            new Error(`exited before printing ${pattern}; stdout: ${stdout} stderr: ${stderr}`),
          ),
        );
      }),
  };
}

async function runBinToEnd(args: string[], env: Record<string, string>) {
  const run = runBin(args, env);
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

/**
 * `sso-oidc login <target> --use-device-code --no-browser` to its end: the user code it shows is
 * approved on `emulator` (none for one started with `autoApprove`), and it must exit 0.
 */
async function deviceLogin(
  box: Sandbox,
  target: string[],
  emulator?: Pick<Emulator, "approve">,
): Promise<{ run: BinRun; userCode: string }> {
  const run = runBin(["login", ...target, "--use-device-code", "--no-browser"], box.env);
  const [, userCode = ""] = await run.waitForStdout(CODE_LINE);
  emulator?.approve(userCode);
  expect(await run.exited, run.stderr()).toBe(0);
  return { run, userCode };
}

/**
 * Emulator ids that are long, unique and recognisable (`accessToken-3-xxxx…`), recorded by kind
 * so a test can check that no secret the emulator issued appears in the CLI's output.
 */
function recordingIds() {
  const issued = new Map<EmulatorIdKind, string[]>();
  const generateId = (kind: EmulatorIdKind): string => {
    const list = issued.get(kind) ?? [];
    issued.set(kind, list);
    const n = list.length + 1;
    const id =
      kind === "userCode"
        ? `CODE-${String(n).padStart(4, "0")}`
        : kind === "requestId"
          ? `request-${n}`
          : `${kind}-${n}-`.padEnd(40, "x");
    list.push(id);
    return id;
  };
  const secrets = () =>
    (
      ["clientSecret", "deviceCode", "authorizationCode", "accessToken", "refreshToken"] as const
    ).flatMap((kind) => issued.get(kind) ?? []);
  const last = (kind: EmulatorIdKind) => issued.get(kind)?.at(-1);
  return { generateId, issued, secrets, last };
}

/** Output lines against expected lines, where a RegExp matches a whole line. */
function expectLines(text: string, expected: (string | RegExp)[]): void {
  const lines = text.split("\n");
  expect(lines.length, text).toBe(expected.length);
  expected.forEach((line, i) => {
    if (typeof line === "string") expect(lines[i], text).toBe(line);
    else expect(lines[i], text).toMatch(line);
  });
}

export {
  BIN,
  CODE_LINE,
  START_URL,
  createSandbox,
  deviceLogin,
  runBin,
  runBinToEnd,
  recordingIds,
  expectLines,
  requireBuiltBin,
};
export type { Sandbox, BinRun };
