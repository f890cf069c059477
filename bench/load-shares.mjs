// What importing a client costs, step by step, in a fresh process: `node:http` (which raw
// `node:http` pays too), the other Node built-ins the import loads, the `@smithy` modules it
// loads, then the client's own files. Each step runs after the ones before it, so a module
// shared by two steps is paid in the first. Shows which part of the cold start a client can
// change and which it shares with every client built on smithy.
//   npm run build && node bench/load-shares.mjs [--runs 15]
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { median } from "./stats.mjs";

const child = fileURLToPath(new URL("./load-shares-child.cjs", import.meta.url));
const require = createRequire(import.meta.url);
const SUBJECTS = { ours: "sso-oidc", official: "@aws-sdk/client-sso-oidc" };

const { values } = parseArgs({ options: { runs: { type: "string", default: "15" } } });
const runs = Number(values.runs);

function runChild(...args) {
  return JSON.parse(execFileSync(process.execPath, [child, ...args], { encoding: "utf8" }));
}

function stepsOf(subject) {
  const entry = require.resolve(SUBJECTS[subject]);
  const { builtins, smithy } = runChild("discover", entry);
  return [
    { label: "node:http", modules: ["node:http"] },
    {
      label: `${builtins.length - 1} other Node built-ins`,
      modules: builtins.filter((name) => name !== "http").map((name) => `node:${name}`),
    },
    { label: `${smithy.length} @smithy files`, modules: smithy },
    { label: `${SUBJECTS[subject]} and the rest`, modules: [entry] },
  ];
}

const steps = Object.fromEntries(
  Object.keys(SUBJECTS).map((subject) => [subject, stepsOf(subject)]),
);
const timings = Object.fromEntries(Object.keys(SUBJECTS).map((subject) => [subject, []]));
for (let run = 0; run < runs; run++) {
  // Alternated, so drift on a shared machine reaches both alike.
  for (const subject of Object.keys(SUBJECTS)) {
    timings[subject].push(runChild("time", JSON.stringify(steps[subject].map((s) => s.modules))));
  }
}
for (const subject of Object.keys(SUBJECTS)) {
  console.log(`${subject} (median of ${runs} fresh processes, ms)`);
  const totals = timings[subject].map((run) => run.reduce((sum, ms) => sum + ms, 0));
  steps[subject].forEach((step, index) => {
    const ms = median(timings[subject].map((run) => run[index]));
    console.log(`  ${ms.toFixed(1).padStart(6)}  ${step.label}`);
  });
  console.log(`  ${median(totals).toFixed(1).padStart(6)}  total`);
}
