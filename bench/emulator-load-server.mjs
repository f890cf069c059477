// The emulator under load, in its own process so that its heap is measured alone. Started by
// emulator-load.mjs with `--expose-gc` and an IPC channel; options arrive as one JSON argument.
// Answers "heap" with the heap in use after two full collections, and exits on "close".
// usage (by the parent): node --expose-gc bench/emulator-load-server.mjs <module> '<options json>'
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";

const [modulePath, optionsJson] = process.argv.slice(2);
const { startEmulator } = await import(pathToFileURL(resolve(modulePath)).href);
const emulator = await startEmulator({ port: 0, host: "127.0.0.1", ...JSON.parse(optionsJson) });

process.on("message", async (message) => {
  if (message === "heap") {
    globalThis.gc();
    globalThis.gc();
    process.send({ heapUsedBytes: process.memoryUsage().heapUsed });
  } else if (message === "close") {
    await emulator.close();
    process.disconnect();
  }
});
process.send({ url: emulator.url });
