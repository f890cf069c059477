import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { relative, resolve, sep } from "node:path";
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

/**
 * The CLI's files: main (the bin and its help), what every command shares (`cli-command`), and
 * one file per command, which main loads when it runs that command.
 */
const CLI_ENTRIES = [
  "main",
  "cli-command",
  "login-command",
  "token-command",
  "logout-command",
  "demo-command",
  "emulator-command",
];

/**
 * Where the CLI's build sends an import of a file of `src`. An import of another entry stays an
 * import of that entry's file: every command throws the error classes of the one `cli-command`
 * that main reports them with, and main loads a command only when it runs it. The client and
 * the emulator are the package's own CommonJS entries, never a second copy; bundling any other
 * file of the client, its runtime or the emulator would make one, so that fails the build. The
 * rest (the cache, the flows the CLI runs itself) is bundled into each command that uses it.
 */
function cliImport(file: string): { path: string; external: true } | "forbidden" | undefined {
  if (file === "index" || file === "client/index") return { path: "../index.cjs", external: true };
  if (file === "emulator/index") return { path: "../emulator/index.cjs", external: true };
  if (/^(client|runtime|emulator)\//.test(file)) return "forbidden";
  const name = file.replace(/^cli\//, "");
  if (file.startsWith("cli/") && CLI_ENTRIES.includes(name)) {
    return { path: `./${name}.js`, external: true };
  }
  return undefined;
}

const cliEntries: Plugin = {
  name: "cli-entries",
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind === "entry-point") return undefined;
      const file = relative(resolve(ROOT, "src"), resolve(args.resolveDir, args.path))
        .split(sep)
        .join("/")
        .replace(/\.[jt]s$/, "");
      const target = cliImport(file);
      if (target !== "forbidden") return target;
      const text = `${relative(ROOT, args.importer)} imports ${args.path}, which only the package's entries may bundle; import it from src/index or src/emulator/index.`;
      return { errors: [{ text }] };
    });
  },
};

/**
 * Node's ESM entries load the CommonJS build: importing CommonJS from ESM
 * makes Node scan every dependency's source (cjs-module-lexer), which measured
 * with `npm run bench` doubled the import time; loading it once also means ESM and CommonJS users share one copy.
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
    entry: Object.fromEntries(CLI_ENTRIES.map((name) => [name, `src/cli/${name}.ts`])),
    outDir: "dist/cli",
    // CommonJS: Node then runs the bin without starting its ES module loader, which measured as
    // one of the largest costs of `sso-oidc token` with a cached token.
    format: ["cjs"],
    outExtension: () => ({ js: ".js" }),
    // esbuild's tree shaking only: tsup's Rollup pass starts from ES module output, and would
    // turn the require() of a command into a shim.
    treeshake: false,
    platform: "node",
    target: "node18",
    dts: false,
    // The few functions of smithy's config file reader that src/cache/config uses, and the one
    // enum they need: smithy's CommonJS config module loads its client module too, which
    // `sso-oidc token` with a valid token has no use for.
    noExternal: ["@smithy/core/config", "@smithy/types"],
    esbuildPlugins: [cliEntries],
    // import() of a command or of the client becomes require(): an import() from CommonJS would
    // start the ES module loader after all.
    esbuildOptions: (options) => {
      options.supported = { ...options.supported, "dynamic-import": false };
    },
    // The bin has always been dist/cli/main.js; this makes the `.js` files beside it CommonJS.
    onSuccess: () => writeFile(resolve(ROOT, "dist/cli/package.json"), `{ "type": "commonjs" }\n`),
  },
]);
