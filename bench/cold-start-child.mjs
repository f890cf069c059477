// Runs in a fresh `node` process: loads one subject, sends one CreateToken and
// prints "ok" once the response has been read. The parent times spawn → "ok".
// usage: node bench/cold-start-child.mjs <subject> <endpoint>
import { openSubject } from "./subjects.mjs";

const [subject, endpoint] = process.argv.slice(2);
const { send, close } = await openSubject(subject, endpoint);
await send();
process.stdout.write("ok\n");
close();
