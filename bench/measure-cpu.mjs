// CPU per request, throughput and peak RSS: each round runs every subject once,
// each in a fresh child process, in a rotated order; the children run one after
// the other so they never compete with each other for the two cores.
import { fileURLToPath } from "node:url";
import { startNode, firstLine, exited } from "./children.mjs";
import { SUBJECTS } from "./subjects.mjs";
import { median, pairedRatio, rotated } from "./stats.mjs";

const childScript = fileURLToPath(new URL("./cpu-child.mjs", import.meta.url));

async function runChild(subject, endpoint, { warmup, requests, concurrency }) {
  const child = startNode(
    [childScript, subject, endpoint, warmup, requests, concurrency].map(String),
  );
  try {
    // Generous bound: even the slowest subject does a few thousand requests a second.
    const line = await firstLine(child, { timeoutMs: 120_000, label: `cpu ${subject}` });
    return JSON.parse(line);
  } finally {
    await exited(child, 5_000);
  }
}

async function measureCpu({ endpoint, rounds, warmup, requests, concurrency, log }) {
  const perRound = [];
  for (let r = 0; r < rounds; r++) {
    const round = {};
    for (const subject of rotated(SUBJECTS, r)) {
      round[subject] = await runChild(subject, endpoint, { warmup, requests, concurrency });
    }
    log(
      `cpu round ${r + 1}/${rounds}: ${SUBJECTS.map((s) => `${s} ${round[s].seq.cpuUsPerRequest.toFixed(0)}µs`).join(", ")}`,
    );
    perRound.push(round);
  }

  const subjects = Object.fromEntries(
    SUBJECTS.map((s) => [
      s,
      {
        warmCpuUsPerRequest: median(perRound.map((round) => round[s].warm.cpuUsPerRequest)),
        seqCpuUsPerRequest: median(perRound.map((round) => round[s].seq.cpuUsPerRequest)),
        concCpuUsPerRequest: median(perRound.map((round) => round[s].conc.cpuUsPerRequest)),
        seqRequestsPerSecond: median(perRound.map((round) => round[s].seq.requestsPerSecond)),
        concRequestsPerSecond: median(perRound.map((round) => round[s].conc.requestsPerSecond)),
        peakRssMB: median(perRound.map((round) => round[s].peakRssMB)),
      },
    ]),
  );
  const ratio = (a, b, pick) =>
    pairedRatio(
      perRound,
      (round) => pick(round[a]),
      (round) => pick(round[b]),
    );
  const warmCpu = (x) => x.warm.cpuUsPerRequest;
  const seqCpu = (x) => x.seq.cpuUsPerRequest;
  const concCpu = (x) => x.conc.cpuUsPerRequest;
  return {
    settings: { rounds, warmup, requests, concurrency },
    subjects,
    ratios: {
      oursOverBareWarmCpu: ratio("ours", "bare-handler", warmCpu),
      oursOverBareSeqCpu: ratio("ours", "bare-handler", seqCpu),
      oursOverBareConcCpu: ratio("ours", "bare-handler", concCpu),
      oursOverOfficialWarmCpu: ratio("ours", "official", warmCpu),
      oursOverOfficialSeqCpu: ratio("ours", "official", seqCpu),
      oursOverOfficialConcCpu: ratio("ours", "official", concCpu),
      oursOverOfficialRss: ratio("ours", "official", (x) => x.peakRssMB),
    },
    rounds: perRound,
  };
}

export { measureCpu };
