// Runs in its own process: one subject, warm-up, then `requests` sequential
// CreateToken calls, then `requests` more with `concurrency` in flight.
// Prints one JSON line with the CPU time (user + system, this process only),
// the wall time of each phase and the peak RSS.
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

async function timed(phase) {
  const cpuBefore = process.cpuUsage();
  const wallBefore = process.hrtime.bigint();
  await phase();
  const wallNs = Number(process.hrtime.bigint() - wallBefore);
  const cpu = process.cpuUsage(cpuBefore);
  return {
    cpuUsPerRequest: (cpu.user + cpu.system) / requests,
    requestsPerSecond: requests / (wallNs / 1e9),
  };
}

await sequential(warmup);
await inFlight(warmup, concurrency);
const seq = await timed(() => sequential(requests));
const conc = await timed(() => inFlight(requests, concurrency));
// maxRSS is the peak over the process's life, reached under the in-flight load.
const peakRssMB = process.resourceUsage().maxRSS / 1024;
close();

process.stdout.write(`${JSON.stringify({ subject, seq, conc, peakRssMB })}\n`);
