// Preloaded into a CLI run with `NODE_OPTIONS=--import=<this file>`: appends every module the run
// loads to the file MODULE_LOG names, one `file:` URL or path a line. ES modules are seen by a
// resolve hook, which Node 20 runs on a thread of its own, hence a file rather than memory;
// CommonJS modules, also those an ES module imports, are in require.cache when the process exits,
// and Node's own public modules (`builtin:crypto`) in process.moduleLoadList.
import { appendFileSync } from "node:fs";
import { createRequire, register } from "node:module";

const log = process.env["MODULE_LOG"];
if (!log) throw new Error("record-modules.mjs: set MODULE_LOG to the file to write");

register(new URL("./record-modules-hooks.mjs", import.meta.url), { data: { log } });

const require = createRequire(import.meta.url);
process.on("exit", () => {
  appendFileSync(
    log,
    [
      ...Object.keys(require.cache),
      ...process.moduleLoadList
        .filter((entry) => /^NativeModule (?!internal\/)[a-z][a-z_]*(\/[a-z_]+)?$/.test(entry))
        .map((entry) => `builtin:${entry.slice("NativeModule ".length)}`),
    ]
      .map((line) => `${line}\n`)
      .join(""),
  );
});
