// The first requests of a fresh process, as a CLI run or a credential helper
// sends them: the CPU of the first 10 CreateToken calls, client already built,
// for ours, the official client and the bare handler (the floor on the same
// transport). Spawns alternate between subjects in a rotated order, one at a
// time, like the cold start's.
import { fileURLToPath } from "node:url";
import { exited, firstLine, startNode } from "./children.mjs";
import { median, pairedRatio, rotated } from "./stats.mjs";

const childScript = fileURLToPath(new URL("./first-requests-child.mjs", import.meta.url));
const FIRST_SUBJECTS = ["ours", "official", "bare-handler"];
const FIRST_REQUESTS = 10;

async function cpuOfOneSpawn(subject, endpoint) {
  const child = startNode([childScript, subject, endpoint, String(FIRST_REQUESTS)]);
  try {
    const line = await firstLine(child, { timeoutMs: 30_000, label: `first requests ${subject}` });
    return JSON.parse(line).cpuMs;
  } finally {
    await exited(child, 5_000);
  }
}

async function measureFirstRequests({ endpoint, rounds, spawnsPerRound, log }) {
  const perRound = [];
  for (let r = 0; r < rounds; r++) {
    const samplesMs = Object.fromEntries(FIRST_SUBJECTS.map((s) => [s, []]));
    for (let i = 0; i < spawnsPerRound; i++) {
      for (const subject of rotated(FIRST_SUBJECTS, r * spawnsPerRound + i)) {
        samplesMs[subject].push(await cpuOfOneSpawn(subject, endpoint));
      }
    }
    const cpuMs = Object.fromEntries(FIRST_SUBJECTS.map((s) => [s, median(samplesMs[s])]));
    log(
      `first ${FIRST_REQUESTS} requests, round ${r + 1}/${rounds}: ${FIRST_SUBJECTS.map((s) => `${s} ${cpuMs[s].toFixed(1)}ms CPU`).join(", ")}`,
    );
    perRound.push({ cpuMs });
  }

  function oursOver(other) {
    return pairedRatio(
      perRound,
      (round) => round.cpuMs.ours,
      (round) => round.cpuMs[other],
    );
  }
  return {
    settings: { rounds, spawnsPerRound, requests: FIRST_REQUESTS },
    subjects: Object.fromEntries(
      FIRST_SUBJECTS.map((s) => [s, { cpuMs: median(perRound.map((round) => round.cpuMs[s])) }]),
    ),
    ratios: {
      oursOverOfficialCpu: oursOver("official"),
      oursOverBareCpu: oursOver("bare-handler"),
    },
    rounds: perRound,
  };
}

export { FIRST_SUBJECTS, measureFirstRequests };
