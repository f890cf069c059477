// Summarises a V8 .cpuprofile by self time: per package (or repo file, or node
// internals) and per function. To see where one subject spends CPU:
//   sleep 600 | node bench/server.mjs &        # prints a port; exits when its stdin closes
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/cpu-child.mjs ours http://127.0.0.1:<port> 300 2000 32
//   node bench/profile-summary.mjs /tmp/prof/*.cpuprofile [--top 20]
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: "string", default: "15" } },
});
if (positionals.length !== 1)
  throw new Error("usage: node bench/profile-summary.mjs <file.cpuprofile> [--top N]");
const top = Number(values.top);

const profile = JSON.parse(await readFile(positionals[0], "utf8"));
const nodesById = new Map(profile.nodes.map((node) => [node.id, node]));

// timeDeltas[i] is the time before sample i; charge it to the function on top then.
const selfUs = new Map();
profile.samples.forEach((id, i) =>
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
);
const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);
// Percentages are of busy time: "(idle)" is the process waiting on the network.
const idleUs = [...selfUs]
  .filter(([id]) => nodesById.get(id).callFrame.functionName === "(idle)")
  .reduce((sum, [, us]) => sum + us, 0);
const busyUs = totalUs - idleUs;

/** Where a frame's code lives: `{ group }` for the totals, `{ file }` for the function list. */
function place(url) {
  if (!url) return { group: "(vm: gc, program, native)", file: "" };
  if (url.startsWith("node:")) return { group: "node internals", file: url };
  const path = url.startsWith("file://") ? fileURLToPath(url) : url;
  const inPackage = /.*node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)/.exec(path);
  if (inPackage) return { group: inPackage[1], file: `${inPackage[1]}/${inPackage[2]}` };
  const file = path.startsWith(repoRoot) ? path.slice(repoRoot.length) : path;
  return { group: file, file };
}

const byPlace = new Map();
const byFunction = new Map();
for (const [id, us] of selfUs) {
  const { callFrame } = nodesById.get(id);
  if (callFrame.functionName === "(idle)") continue;
  const { group, file } = place(callFrame.url);
  byPlace.set(group, (byPlace.get(group) ?? 0) + us);
  const name = `${callFrame.functionName || "(anonymous)"}  ${file ? `${file}:${callFrame.lineNumber + 1}` : group}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + us);
}

function print(title, totals) {
  console.log(title);
  const rows = [...totals].sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [name, us] of rows) {
    console.log(
      `  ${((100 * us) / busyUs).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(1).padStart(8)} ms  ${name}`,
    );
  }
}

function ms(us) {
  return `${(us / 1000).toFixed(0)} ms`;
}
console.log(`${positionals[0]}: ${ms(totalUs)} sampled, ${ms(busyUs)} busy (percentages of busy)`);
print("self time by package / file", byPlace);
print("self time by function", byFunction);
