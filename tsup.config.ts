import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import type { Plugin } from "esbuild";
import { defineConfig, type Options } from "tsup";

const ROOT = import.meta.dirname;

const shared: Options = {
  sourcemap: false,
  splitting: false,
  treeshake: true,
  outExtension: ({ format }) => ({ js: format === "cjs" ? ".cjs" : ".js" }),
};

/** Browser builds swap these modules for their `.browser.ts` siblings. */
const browserModules: Plugin = {
  name: "browser-modules",
  setup(build) {
    build.onResolve({ filter: /\/(runtime-config|node-only|recursion-detection)$/ }, (args) => ({
      path: resolve(args.resolveDir, `${args.path}.browser.ts`),
    }));
  },
};

/** The CLI uses the package's own built entries instead of a second copy of them. */
const packageEntries: Plugin = {
  name: "package-entries",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/(index|emulator\/index)(\.js)?$/ }, (args) =>
      args.importer.startsWith(resolve(ROOT, "src/cli"))
        ? { path: args.path.endsWith(".js") ? args.path : `${args.path}.js`, external: true }
        : undefined,
    );
  },
};

/**
 * Node's ESM entries load the CommonJS build: importing CommonJS from ESM
 * makes Node scan every dependency's source (cjs-module-lexer), and measured
 * with `npm run bench` that doubled the import time (64 ms against 27 ms);
 * loading it once also means ESM and CommonJS users share one copy.
 */
async function writeEsmWrappers(): Promise<void> {
  const require = createRequire(import.meta.url);
  for (const entry of ["index", "emulator/index"]) {
    const cjs = resolve(ROOT, `dist/${entry}.cjs`);
    delete require.cache[cjs];
    const names = Object.keys(require(cjs) as object).filter((name) => name !== "__esModule");
    const file = entry.split("/").pop();
    const lines = [
      `import { createRequire } from "node:module";`,
      `const cjs = createRequire(import.meta.url)("./${file}.cjs");`,
      ...names.map((name) => `export const ${name} = cjs.${name};`),
      "",
    ];
    await writeFile(resolve(ROOT, `dist/${entry}.js`), lines.join("\n"));
    // The ESM entry's types are the CommonJS build's, which it re-exports.
    await writeFile(resolve(ROOT, `dist/${entry}.d.ts`), `export * from "./${file}.cjs";\n`);
  }
}

export default defineConfig([
  {
    ...shared,
    entry: { index: "src/index.ts", "emulator/index": "src/emulator/index.ts" },
    // The configs build in parallel; one clean, before any of them writes, empties `dist`.
    clean: true,
    format: ["cjs"],
    platform: "node",
    target: "node18",
    onSuccess: writeEsmWrappers,
  },
  {
    entry: { index: "src/index.ts", "emulator/index": "src/emulator/index.ts" },
    format: ["cjs"],
    dts: { only: true },
  },
  {
    ...shared,
    entry: { "browser/index": "src/index.ts" },
    format: ["esm"],
    platform: "browser",
    target: "es2022",
    dts: false,
    esbuildPlugins: [browserModules],
  },
  {
    ...shared,
    entry: { "cli/main": "src/cli/main.ts" },
    format: ["esm"],
    platform: "node",
    target: "node18",
    dts: false,
    banner: { js: "#!/usr/bin/env node" },
    esbuildPlugins: [packageEntries],
  },
]);
