// The module hooks record-modules.mjs registers: each resolved URL, appended to the log file.
import { appendFileSync } from "node:fs";

let log = "";

function initialize(data) {
  log = data.log;
}

async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  appendFileSync(log, `${resolved.url}\n`);
  return resolved;
}

export { initialize, resolve };
