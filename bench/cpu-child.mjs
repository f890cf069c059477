// Runs in its own process: one subject, `warmup` sequential CreateToken calls and
// `warmup` more in flight, then `requests` sequential calls, then `requests` more
// with `concurrency` in flight. Prints one JSON line with the CPU time (user +
// system, this process only) and the wall time of each phase and the peak RSS.
// The sequential warm-up is measured too: it is what a process pays over its
// first requests, while V8 is still compiling the code they run.
// usage: node bench/cpu-child.mjs <subject> <endpoint> <warmup> <requests> <concurrency>
import { openSubject } from "./subjects.mjs";

const [subject, endpoint, warmupArg, requestsArg, concurrencyArg] = process.argv.slice(2);
const warmup = Number(warmupArg);
const requests = Number(requestsArg);
const concurrency = Number(concurrencyArg);

const { send, close } = await openSubject(subject, endpoint);

async function sequential(count) {
  for (let i = 0; i < count; i++) await send();
}

async function inFlight(count, width) {
  let started = 0;
  const worker = async () => {
    while (started < count) {
      started++;
      await send();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, worker));
}

async function timed(count, phase) {
  const cpuBefore = process.cpuUsage();
  const wallBefore = process.hrtime.bigint();
  await phase();
  const wallNs = Number(process.hrtime.bigint() - wallBefore);
  const cpu = process.cpuUsage(cpuBefore);
  return {
    cpuUsPerRequest: (cpu.user + cpu.system) / count,
    requestsPerSecond: count / (wallNs / 1e9),
  };
}

const warm = await timed(warmup, () => sequential(warmup));
await inFlight(warmup, concurrency);
const seq = await timed(requests, () => sequential(requests));
const conc = await timed(requests, () => inFlight(requests, concurrency));
// maxRSS is the peak over the process's life, reached under the in-flight load.
const peakRssMB = process.resourceUsage().maxRSS / 1024;
close();

process.stdout.write(`${JSON.stringify({ subject, warm, seq, conc, peakRssMB })}\n`);
