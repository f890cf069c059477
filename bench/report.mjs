// Turns the measurements and the targets check into the table printed on stdout.
import { FIRST_SUBJECTS } from "./measure-first-requests.mjs";
import { SUBJECTS } from "./subjects.mjs";

function fixed(digits) {
  return (n) => (Number.isFinite(n) ? n.toFixed(digits) : "–");
}
const f0 = fixed(0);
const f1 = fixed(1);
function ratio(n) {
  return Number.isFinite(n) ? `${n.toFixed(2)}×` : "–";
}
function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
function mb(bytes) {
  return `${(bytes / 1e6).toFixed(2)} MB`;
}

/** Pads a table: first column left-aligned, the rest right-aligned. */
function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => String(row[c]).length)));
  return rows
    .map((row) =>
      row
        .map((cell, c) =>
          c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]),
        )
        .join("   "),
    )
    .map((line) => `  ${line.trimEnd()}`)
    .join("\n");
}

function cpuSection({ settings, subjects, ratios }) {
  const row = (label, pick, format) => [label, ...SUBJECTS.map((s) => format(pick(subjects[s])))];
  return [
    `CPU and memory (median of ${settings.rounds} rounds; ${settings.requests} requests per phase after ${settings.warmup} sequential and ${settings.warmup} in-flight warm-up; client process only)`,
    table([
      ["", ...SUBJECTS],
      row(
        `CPU µs/request, first ${settings.warmup} sequential (warm-up)`,
        (s) => s.warmCpuUsPerRequest,
        f1,
      ),
      row("CPU µs/request, sequential", (s) => s.seqCpuUsPerRequest, f1),
      row(`CPU µs/request, ${settings.concurrency} in flight`, (s) => s.concCpuUsPerRequest, f1),
      row("requests/s, sequential", (s) => s.seqRequestsPerSecond, f0),
      row(`requests/s, ${settings.concurrency} in flight`, (s) => s.concRequestsPerSecond, f0),
      row("peak RSS MB", (s) => s.peakRssMB, f1),
    ]),
    "",
    table([
      ["ours / bare-handler CPU, warm-up", ratio(ratios.oursOverBareWarmCpu)],
      ["ours / bare-handler CPU, sequential", ratio(ratios.oursOverBareSeqCpu)],
      [
        `ours / bare-handler CPU, ${settings.concurrency} in flight`,
        ratio(ratios.oursOverBareConcCpu),
      ],
      ["ours / official CPU, warm-up", ratio(ratios.oursOverOfficialWarmCpu)],
      ["ours / official CPU, sequential", ratio(ratios.oursOverOfficialSeqCpu)],
      [
        `ours / official CPU, ${settings.concurrency} in flight`,
        ratio(ratios.oursOverOfficialConcCpu),
      ],
      ["ours / official peak RSS", ratio(ratios.oursOverOfficialRss)],
    ]),
  ].join("\n");
}

function coldSection({ settings, subjects, ratios }) {
  return [
    `Cold start: spawn → first response (median of ${settings.spawnsPerRound} spawns per round, median of ${settings.rounds} rounds)`,
    table([
      ["", ...SUBJECTS],
      ["ms", ...SUBJECTS.map((s) => f1(subjects[s].medianMs))],
      ["overhead over raw node:http, ms", ...SUBJECTS.map((s) => f1(subjects[s].overheadMs))],
    ]),
    "",
    table([["ours / official overhead", ratio(ratios.oursOverOfficialOverhead)]]),
  ].join("\n");
}

function firstRequestsSection({ settings, subjects, ratios }) {
  return [
    `First ${settings.requests} requests of a fresh process, client already built: CPU, user + system (median of ${settings.spawnsPerRound} spawns per round, median of ${settings.rounds} rounds)`,
    table([
      ["", ...FIRST_SUBJECTS],
      [
        `CPU ms, first ${settings.requests} requests`,
        ...FIRST_SUBJECTS.map((s) => f1(subjects[s].cpuMs)),
      ],
    ]),
    "",
    table([
      ["ours / official CPU, first requests", ratio(ratios.oursOverOfficialCpu)],
      ["ours / bare-handler CPU, first requests", ratio(ratios.oursOverBareCpu)],
    ]),
  ].join("\n");
}

function cliTokenSection({ settings, command, nodeVariables, subjects, overMs, ratios }) {
  return [
    `CLI with a valid cached token, spawn → exit, no request sent (median of ${settings.spawnsPerRound} paired spawns per round, median of ${settings.rounds} rounds)`,
    table([
      ["", command, "node -e 1"],
      ["ms", f1(subjects.token.medianMs), f1(subjects.node.medianMs)],
    ]),
    `  inherited by both: ${nodeVariables.length ? nodeVariables.join(", ") : "no NODE_* variable"}`,
    "",
    table([
      ["token / node -e 1", ratio(ratios.tokenOverNode)],
      ["token − node -e 1, ms", f1(overMs)],
    ]),
  ].join("\n");
}

/** "a 1.2 KiB, b 0.8 KiB, …": the `count` largest entries of a name → bytes map. */
function largest(bytesByName, count, format) {
  return Object.entries(bytesByName)
    .slice(0, count)
    .map(([name, bytes]) => `${name} ${format(bytes)}`)
    .join(", ");
}

/** "4 chunks, 27.1 KiB": one part of a split build, gzipped. */
function chunks({ chunks: count, gzipBytes }) {
  return `${count} chunk${count === 1 ? "" : "s"}, ${kb(gzipBytes)}`;
}

/** Where a split build's initial load carries SigV4 code, per subject: "none" or the bytes. */
function initialSigning(split) {
  return Object.entries(split)
    .map(([key, { initialSigningInputs }]) => {
      const bytes = initialSigningInputs.reduce((sum, input) => sum + input.bytesInOutput, 0);
      return `${key} ${bytes ? `${kb(bytes)} min` : "none"}`;
    })
    .join(", ");
}

function bundleSection({
  sizes,
  split,
  ratios,
  oursCreateTokenSigningInputs,
  minifiedBytesByPackage,
}) {
  const row = (label, entry) => [
    label,
    `${kb(sizes[`ours.${entry}`].gzipBytes)} (${kb(sizes[`ours.${entry}`].minifiedBytes)} min)`,
    `${kb(sizes[`official.${entry}`].gzipBytes)} (${kb(sizes[`official.${entry}`].minifiedBytes)} min)`,
    ratio(ratios[`${entry}Gzip`]),
  ];
  const signing = oursCreateTokenSigningInputs.length
    ? `yes: ${oursCreateTokenSigningInputs.map((i) => `${i.path} (${i.bytesInOutput} B)`).join(", ")}`
    : "none";
  return [
    "Browser bundle (esbuild --bundle --platform=browser --format=esm --minify, gzip -9)",
    table([
      ["", "ours", "official", "ours/official"],
      row("SSOOIDCClient + CreateTokenCommand", "createToken"),
      row("SSOOIDC, all four operations", "allFour"),
    ]),
    `  SigV4 / credential-provider code in our CreateToken-only bundle: ${signing}`,
    `  largest parts of our CreateToken bundle (minified): ${largest(minifiedBytesByPackage["ours.createToken"], 4, kb)}`,
    "",
    "Browser bundle with code splitting (esbuild --bundle --splitting --format=esm --minify --platform=browser, each chunk gzip -9)",
    "  initial = the entry chunk and the chunks it imports statically; lazy = the chunks only import() reaches",
    table([
      [
        "",
        "ours initial",
        "ours lazy",
        "official initial",
        "official lazy",
        "ours/official initial",
      ],
      ...[
        ["SSOOIDCClient + CreateTokenCommand", "createToken"],
        ["SSOOIDC, all four operations", "allFour"],
      ].map(([label, entry]) => [
        label,
        chunks(split[`ours.${entry}`].initial),
        chunks(split[`ours.${entry}`].lazy),
        chunks(split[`official.${entry}`].initial),
        chunks(split[`official.${entry}`].lazy),
        ratio(ratios[`${entry}SplitInitialGzip`]),
      ]),
    ]),
    `  SigV4 code in the initial load: ${initialSigning(split)}`,
  ].join("\n");
}

function installSection({ officialVersion, ours, official, ratios }) {
  return [
    `Production install (npm install --omit=dev; official @aws-sdk/client-sso-oidc@${officialVersion})`,
    table([
      ["", "ours", "official", "ours/official"],
      ["packages", ours.packages, official.packages, ratio(ratios.packages)],
      ["bytes", mb(ours.bytes), mb(official.bytes), ratio(ratios.bytes)],
    ]),
    `  largest in ours: ${largest(ours.bytesByPackage, 4, mb)}`,
  ].join("\n");
}

function targetsSection(targets) {
  function status(value, target, met) {
    if (value === null) return "not measured";
    if (target === null) return "reported";
    return met ? "met" : "NOT MET";
  }
  const rows = targets.map(({ name, value, target, count, met }) => [
    name,
    value === null ? "–" : count ? String(value) : ratio(value),
    target === null ? "–" : count ? `≤ ${target}` : `≤ ${target}×`,
    status(value, target, met),
  ]);
  return ["Targets", table([["", "measured", "target", ""], ...rows])].join("\n");
}

function formatReport(results) {
  const { date, machine, mode } = results;
  const sections = [
    `sso-oidc benchmark, ${date}`,
    `${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, ${machine.platform}` +
      (mode.quick || mode.only
        ? `  [${[mode.quick && "quick", mode.only && `only ${mode.only}`].filter(Boolean).join(", ")}]`
        : ""),
  ];
  if (results.cpu) sections.push("", cpuSection(results.cpu));
  if (results.firstRequests) sections.push("", firstRequestsSection(results.firstRequests));
  if (results.coldStart) sections.push("", coldSection(results.coldStart));
  if (results.cliToken) sections.push("", cliTokenSection(results.cliToken));
  if (results.bundle) sections.push("", bundleSection(results.bundle));
  if (results.install) sections.push("", installSection(results.install));
  sections.push("", targetsSection(results.targets));
  return sections.join("\n");
}

export { formatReport };
