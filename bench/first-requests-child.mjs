// Runs in a fresh `node` process: builds one subject's client, then sends `count`
// CreateToken calls one after the other and prints one JSON line with the CPU
// time (user + system, this process) they took. Loading and constructing the
// client come before the first reading, so what is measured is what the first
// requests cost while V8 still runs the code cold: lazy imports on first use,
// the first connection, compilation.
// usage: node bench/first-requests-child.mjs <subject> <endpoint> <count>
import { openSubject } from "./subjects.mjs";

const [subject, endpoint, countArg] = process.argv.slice(2);
const count = Number(countArg);

const { send, close } = await openSubject(subject, endpoint);
const cpuBefore = process.cpuUsage();
for (let i = 0; i < count; i++) await send();
const cpu = process.cpuUsage(cpuBefore);
close();

process.stdout.write(`${JSON.stringify({ subject, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
