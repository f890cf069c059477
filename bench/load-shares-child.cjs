// Runs in a fresh `node`: with `discover <module>`, requires the module and prints what that
// loaded, as JSON: Node's public built-in modules, then the files under node_modules/@smithy, in
// load order. With `time <json steps>`, requires each step's modules in turn and prints each
// step's milliseconds, as JSON.
"use strict";

function publicBuiltins(list) {
  return list
    .filter((entry) => /^NativeModule [a-z_]+(\/[a-z_]+)?$/.test(entry))
    .map((entry) => entry.slice("NativeModule ".length))
    .filter((name) => !name.startsWith("_") && !name.startsWith("internal"));
}

function discover(module) {
  const builtinsBefore = new Set(process.moduleLoadList);
  const filesBefore = new Set(Object.keys(require.cache));
  require(module);
  const builtins = publicBuiltins(process.moduleLoadList.filter((e) => !builtinsBefore.has(e)));
  const files = Object.keys(require.cache).filter((file) => !filesBefore.has(file));
  const smithy = files.filter((file) => /[\\/]node_modules[\\/]@smithy[\\/]/.test(file));
  return { builtins, smithy };
}

function time(steps) {
  return steps.map((modules) => {
    const started = performance.now();
    for (const module of modules) require(module);
    return performance.now() - started;
  });
}

const [mode, argument] = process.argv.slice(2);
const result = mode === "discover" ? discover(argument) : time(JSON.parse(argument));
process.stdout.write(`${JSON.stringify(result)}\n`);
