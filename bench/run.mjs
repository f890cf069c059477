// `npm run bench`: ours against the official client, a bare NodeHttpHandler and
// raw node:http, in one run, so every ratio compares numbers taken side by side:
// steady state (cpu), the first requests of a fresh process (first), spawn to
// first response (cold), the CLI with a cached token (cli), browser bundles
// (bundle) and the production install (install). bench/README.md says what each
// row measures.
//   node bench/run.mjs [--rounds N] [--quick] [--only cpu|first|cold|cli|bundle|install]
// A full run writes bench/results/latest.json; --quick and --only runs write
// bench/results/partial.json, so a partial run never replaces the full numbers.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { exited, firstLine, killAll, startNode } from "./children.mjs";
import { measureBundle } from "./measure-bundle.mjs";
import { measureColdStart } from "./measure-cold-start.mjs";
import { measureCliToken } from "./measure-cli-token.mjs";
import { measureCpu } from "./measure-cpu.mjs";
import { measureFirstRequests } from "./measure-first-requests.mjs";
import { measureInstall } from "./measure-install.mjs";
import { formatReport } from "./report.mjs";
import { checkTargets } from "./targets.mjs";

const PARTS = ["cpu", "first", "cold", "cli", "bundle", "install"];
const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const resultsDir = fileURLToPath(new URL("./results/", import.meta.url));

const USAGE = `usage: node bench/run.mjs [--rounds N] [--quick] [--only ${PARTS.join("|")}]`;

function parseOptions() {
  const { values } = parseArgs({
    options: {
      rounds: { type: "string" },
      quick: { type: "boolean", default: false },
      only: { type: "string" },
    },
  });
  if (values.only && !PARTS.includes(values.only)) {
    usageError(`--only ${values.only}: expected one of ${PARTS.join(", ")}`);
  }
  const rounds = Number(values.rounds ?? (values.quick ? 2 : 5));
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 100) {
    usageError(`--rounds ${values.rounds}: expected a whole number from 1 to 100`);
  }
  return { ...values, rounds };
}

function usageError(message) {
  process.stderr.write(`bench: ${message}\n${USAGE}\n`);
  process.exit(2);
}

let args;
try {
  args = parseOptions();
} catch (error) {
  usageError(error.message);
}
// The warm-up is long enough for steady state: measured on this machine, every
// subject's CPU per request kept falling until about 3000 requests (V8 still
// compiling), by 2.5-3.5x from the first 300.
const settings = args.quick
  ? { rounds: args.rounds, warmup: 300, requests: 500, concurrency: 32, spawnsPerRound: 4 }
  : { rounds: args.rounds, warmup: 4000, requests: 2000, concurrency: 32, spawnsPerRound: 10 };
function wants(part) {
  return !args.only || args.only === part;
}
function log(line) {
  return process.stderr.write(`… ${line}\n`);
}

// The clients under test, the CLI and the install footprint are the built package.
if (!existsSync(new URL("../dist/index.js", import.meta.url))) {
  log("dist/ missing: npm run build");
  execFileSync("npm", ["run", "build"], { cwd: repoRoot, stdio: ["ignore", "ignore", "inherit"] });
}

async function startServer() {
  const server = startNode([fileURLToPath(new URL("./server.mjs", import.meta.url))]);
  const port = await firstLine(server, { timeoutMs: 10_000, label: "bench server" });
  return { server, endpoint: `http://127.0.0.1:${port}` };
}

async function main() {
  const results = {
    date: new Date().toISOString(),
    machine: {
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      cores: os.cpus().length,
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
    },
    mode: { quick: args.quick, only: args.only ?? null, ...settings },
  };
  if (wants("cpu") || wants("first") || wants("cold")) {
    const { server, endpoint } = await startServer();
    try {
      if (wants("cpu")) results.cpu = await measureCpu({ endpoint, ...settings, log });
      if (wants("first")) {
        results.firstRequests = await measureFirstRequests({ endpoint, ...settings, log });
      }
      if (wants("cold")) results.coldStart = await measureColdStart({ endpoint, ...settings, log });
    } finally {
      server.stdin.end();
      await exited(server, 5_000);
    }
  }
  if (wants("cli")) results.cliToken = await measureCliToken({ ...settings, log });
  if (wants("bundle")) results.bundle = await measureBundle({ log });
  if (wants("install")) results.install = await measureInstall({ log });
  results.targets = checkTargets(results);

  process.stdout.write(`${formatReport(results)}\n`);
  const file = args.quick || args.only ? "partial.json" : "latest.json";
  await mkdir(resultsDir, { recursive: true });
  await writeFile(`${resultsDir}${file}`, await asCommittedJson(results));
  log(`wrote bench/results/${file}`);
}

/** Pretty JSON in the repo's own format, so `npm run format:check` passes on it. */
async function asCommittedJson(results) {
  const json = JSON.stringify(results, roundNumbers, 2);
  const prettier = await import("prettier").catch(() => null);
  return prettier ? prettier.format(json, { parser: "json", printWidth: 100 }) : `${json}\n`;
}

// Four significant digits: enough for every ratio, and a stable, diffable file.
function roundNumbers(_key, value) {
  return typeof value === "number" && !Number.isInteger(value)
    ? Number(value.toPrecision(4))
    : value;
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

try {
  await main();
} catch (error) {
  process.stderr.write(`bench failed: ${error.stack ?? error}\n`);
  process.exitCode = 1;
} finally {
  killAll();
}
