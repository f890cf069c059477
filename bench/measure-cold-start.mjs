// Cold start: a new `node` process, from spawn to its first CreateToken response,
// for every subject; reported as the overhead over raw node:http, which pays the
// same node boot and the same first connection. Spawns alternate between
// subjects, one at a time, and each waits for the previous child to exit.
import { fileURLToPath } from "node:url";
import { startNode, firstLine, exited } from "./children.mjs";
import { SUBJECTS } from "./subjects.mjs";
import { median, pairedRatio, rotated } from "./stats.mjs";

const childScript = fileURLToPath(new URL("./cold-start-child.mjs", import.meta.url));

async function timeOneSpawn(subject, endpoint) {
  const startedNs = process.hrtime.bigint();
  const child = startNode([childScript, subject, endpoint]);
  try {
    const line = await firstLine(child, { timeoutMs: 30_000, label: `cold start ${subject}` });
    if (line !== "ok") throw new Error(`cold start ${subject}: unexpected output "${line}"`);
    return Number(process.hrtime.bigint() - startedNs) / 1e6;
  } finally {
    // Only the first response is timed; end the child now so the next spawn
    // never overlaps with this one's teardown.
    child.kill();
    await exited(child, 5_000);
  }
}

async function measureColdStart({ endpoint, rounds, spawnsPerRound, log }) {
  const perRound = [];
  for (let r = 0; r < rounds; r++) {
    const samplesMs = Object.fromEntries(SUBJECTS.map((s) => [s, []]));
    for (let i = 0; i < spawnsPerRound; i++) {
      for (const subject of rotated(SUBJECTS, r * spawnsPerRound + i)) {
        samplesMs[subject].push(await timeOneSpawn(subject, endpoint));
      }
    }
    const medianMs = Object.fromEntries(SUBJECTS.map((s) => [s, median(samplesMs[s])]));
    const overheadMs = Object.fromEntries(
      SUBJECTS.map((s) => [s, medianMs[s] - medianMs["raw-http"]]),
    );
    log(
      `cold round ${r + 1}/${rounds}: ${SUBJECTS.map((s) => `${s} ${medianMs[s].toFixed(1)}ms`).join(", ")}`,
    );
    perRound.push({ medianMs, overheadMs });
  }

  return {
    settings: { rounds, spawnsPerRound },
    subjects: Object.fromEntries(
      SUBJECTS.map((s) => [
        s,
        {
          medianMs: median(perRound.map((round) => round.medianMs[s])),
          overheadMs: median(perRound.map((round) => round.overheadMs[s])),
        },
      ]),
    ),
    ratios: {
      oursOverOfficialOverhead: pairedRatio(
        perRound,
        (round) => round.overheadMs.ours,
        (round) => round.overheadMs.official,
      ),
    },
    rounds: perRound,
  };
}

export { measureColdStart };
