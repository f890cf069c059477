// Turns the measurements and the targets check into the table printed on stdout.
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

/** "a 1.2 KiB, b 0.8 KiB, …": the `count` largest entries of a name → bytes map. */
function largest(bytesByName, count, format) {
  return Object.entries(bytesByName)
    .slice(0, count)
    .map(([name, bytes]) => `${name} ${format(bytes)}`)
    .join(", ");
}

function bundleSection({ sizes, ratios, oursCreateTokenSigningInputs, minifiedBytesByPackage }) {
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
  const rows = targets.map(({ name, value, target, count, met }) => [
    name,
    value === null ? "–" : count ? String(value) : ratio(value),
    count ? `≤ ${target}` : `≤ ${target}×`,
    met === null ? "not measured" : met ? "met" : "NOT MET",
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
  if (results.coldStart) sections.push("", coldSection(results.coldStart));
  if (results.bundle) sections.push("", bundleSection(results.bundle));
  if (results.install) sections.push("", installSection(results.install));
  sections.push("", targetsSection(results.targets));
  return sections.join("\n");
}

export { formatReport };
