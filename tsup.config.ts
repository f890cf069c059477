import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { posix, relative, resolve, sep } from "node:path";
import { build as esbuild } from "esbuild";
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
 * Node's files that hold code more than one of the package's Node files uses, each with the
 * source files it holds. The library entry, the emulator's and the CLI's files `require` them
 * instead of bundling a copy: each piece of code is emitted once, and each class exists once in a
 * process, so the CLI's `instanceof` checks and the library's see the same classes. A source file
 * named nowhere here belongs to the entry of its zone (`index`, `emulator/index`), or, in the CLI,
 * to the one command that imports it.
 *
 * Named files rather than esbuild's code splitting: esbuild splits ES modules only (tsup converts
 * the chunks afterwards), its chunks follow the import graph and carry hashes in their names, and
 * the library and the CLI build with different settings. Here what a run loads is decided, and
 * stated, in one place. The groups are few and coarse because each file a run loads costs it, on
 * its own, about as much as parsing several kilobytes of code (measured on `sso-oidc token`).
 */
const SHARED_FILES: Record<string, readonly string[]> = {
  // What reading a cached token needs and nothing that loads the client: with a valid token,
  // `sso-oidc token` loads this file and none of the library beside it.
  "shared/cache": [
    "cache/config",
    "cache/errors",
    "cache/formats",
    "cache/json-files",
    "cache/keys",
    "cache/lock",
    "cache/read-files",
    "cache/sso-cache",
    "flows/cached-refresh",
    "flows/cached-token",
    "flows/errors",
    "flows/platform",
    "flows/redact",
  ],
  // What the commands share: main reports their errors with these classes, and every command
  // that works on a login reads its target and timeout here (one file fewer for `sso-oidc token`
  // than files of their own).
  "cli/cli-command": ["cli/cli-command", "cli/service-client", "cli/target"],
  "cli/display": ["cli/display"],
  "cli/access-portal": ["cli/access-portal"],
};

/**
 * The packages `shared/cache` bundles: the few functions of smithy's config file reader that
 * src/cache/config uses, and the one enum they need. Smithy's CommonJS config module loads its
 * client module too, which `sso-oidc token` with a valid token has no use for. The library reads
 * the config file through the same copy; every other file requires them from node_modules.
 */
const CACHE_BUNDLES = ["@smithy/core/config", "@smithy/types"];

/** The CLI's commands, one file each, which main requires only when it runs that command. */
const CLI_COMMANDS = [
  "login-command",
  "token-command",
  "logout-command",
  "demo-command",
  "emulator-command",
];

/** The folder whose files the Node files hold; anything else is a package or generated. */
const SOURCE_DIR = resolve(ROOT, "src") + sep;

/** A file's path under `src`, without extension: `cache/config`. */
function sourceName(path: string): string {
  return relative(SOURCE_DIR, path)
    .split(sep)
    .join("/")
    .replace(/\.[jt]s$/, "");
}

/**
 * The Node file (its path under `dist`, without extension) that holds a source file, or
 * undefined for a CLI file that the command importing it bundles.
 */
function nodeFileOf(name: string): string | undefined {
  const shared = Object.keys(SHARED_FILES).find((file) => SHARED_FILES[file]!.includes(name));
  if (shared !== undefined) return shared;
  if (name.startsWith("cli/")) {
    return name === "cli/main" || CLI_COMMANDS.includes(name.slice(4)) ? name : undefined;
  }
  return name.startsWith("emulator/") ? "emulator/index" : "index";
}

/**
 * Whether other files may import `name` from the file that holds it: a shared file exports all
 * it holds; an entry exports its own module, and the library entry the client's, which it
 * re-exports. Importing another file of the client, its runtime or the emulator would need a
 * second copy of it.
 */
function isExported(name: string, file: string): boolean {
  return (
    SHARED_FILES[file]?.includes(name) === true ||
    name === file ||
    (file === "index" && name === "client/index")
  );
}

/** The CLI's files are `.js` beside a package.json that makes them CommonJS; the rest `.cjs`. */
function fileExtension(file: string): string {
  return file.startsWith("cli/") ? ".js" : ".cjs";
}

/**
 * A shared file's entry: a module that re-exports every export of the files it holds, listed by
 * name, so that nothing another file imports from them is missing. A name two of them export
 * could be exported only once, so that fails the build, naming both.
 */
async function sharedEntry(file: string): Promise<string> {
  const names = SHARED_FILES[file]!;
  const { metafile } = await esbuild({
    entryPoints: names.map((name) => resolve(ROOT, "src", `${name}.ts`)),
    bundle: false,
    write: false,
    metafile: true,
    format: "esm",
    outdir: "unused",
    absWorkingDir: ROOT,
    logLevel: "silent",
  });
  const exportsOf = new Map(
    Object.values(metafile.outputs).map((output) => [output.entryPoint, output.exports]),
  );
  const owners = new Map<string, string>();
  const lines = names.map((name) => {
    const exported = exportsOf.get(`src/${name}.ts`) ?? [];
    for (const exportName of exported) {
      const other = owners.get(exportName);
      if (other !== undefined) {
        throw new Error(`${file}: src/${name} and src/${other} both export ${exportName}.`);
      }
      owners.set(exportName, name);
    }
    const path = JSON.stringify(resolve(ROOT, "src", `${name}.ts`));
    return `export { ${exported.join(", ")} } from ${path};`;
  });
  return `${lines.join("\n")}\n`;
}

/**
 * The Node files of the build whose `outDir` is `dist/<dir>` (`dist` or `dist/cli`): adds the
 * shared files that belong there as entries, and sends an import of a source file that another
 * file holds to a `require` of that file. An import of a source file that its file does not
 * export fails the build, and so does code that ends up in two of the build's files.
 */
function nodeFiles(dir: "" | "cli"): Plugin {
  return {
    name: "node-files",
    setup(build) {
      const entries = build.initialOptions.entryPoints;
      if (entries === undefined || Array.isArray(entries)) {
        throw new Error("node-files: the build's entries must be named (an object).");
      }
      for (const file of Object.keys(SHARED_FILES)) {
        // The CLI's build writes the files under cli/, the library's build the others.
        if (file.startsWith("cli/") === (dir === "cli")) {
          entries[posix.relative(dir, file)] = `shared-entry:${file}`;
        }
      }
      build.onResolve({ filter: /^shared-entry:/ }, (args) => ({
        path: args.path.slice("shared-entry:".length),
        namespace: "shared-entry",
      }));
      build.onLoad({ filter: /.*/, namespace: "shared-entry" }, async (args) => ({
        contents: await sharedEntry(args.path),
        loader: "ts",
        resolveDir: ROOT,
      }));

      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        const path = resolve(args.resolveDir, args.path);
        if (args.kind === "entry-point" || !path.startsWith(SOURCE_DIR)) return undefined;
        const name = sourceName(path);
        const file = nodeFileOf(name);
        const importerFile = nodeFileOf(sourceName(args.importer));
        if (file === undefined || file === importerFile) return undefined;
        if (!isExported(name, file)) {
          const text = `${relative(ROOT, args.importer)} imports ${args.path}, which only the package's entries may bundle; import it from src/index or src/emulator/index.`;
          return { errors: [{ text }] };
        }
        // An importer no file holds is a CLI file, bundled into a command in dist/cli.
        const from = importerFile === undefined ? "cli" : posix.dirname(importerFile);
        const target = posix.relative(from, file);
        return {
          path: `${target.startsWith(".") ? "" : "./"}${target}${fileExtension(file)}`,
          external: true,
        };
      });

      // In the one build that bundles them, only for shared/cache and for the code bundled there.
      build.onResolve({ filter: new RegExp(`^(${CACHE_BUNDLES.join("|")})$`) }, (args) =>
        args.importer.startsWith(SOURCE_DIR) &&
        nodeFileOf(sourceName(args.importer)) !== "shared/cache"
          ? { external: true }
          : undefined,
      );

      build.onEnd((result) => {
        const holders = new Map<string, string>();
        const errors: { text: string }[] = [];
        for (const [output, { inputs }] of Object.entries(result.metafile?.outputs ?? {})) {
          for (const [input, { bytesInOutput }] of Object.entries(inputs)) {
            // A shared file's entry module (`shared-entry:…`) only re-exports.
            if (bytesInOutput === 0 || input.startsWith("shared-entry:")) continue;
            const other = holders.get(input);
            if (other !== undefined)
              errors.push({ text: `${input} is in ${other} and ${output}.` });
            holders.set(input, output);
          }
        }
        return { errors };
      });
    },
  };
}

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
    // The library's entries; nodeFiles adds the shared files beside them.
    entry: { index: "src/index.ts", "emulator/index": "src/emulator/index.ts" },
    // The configs build in parallel; one clean, before any of them writes, empties `dist`.
    clean: true,
    format: ["cjs"],
    platform: "node",
    target: "node18",
    noExternal: CACHE_BUNDLES,
    esbuildPlugins: [nodeFiles("")],
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
    // main (the bin and its help) and the commands; nodeFiles adds the files they share.
    entry: Object.fromEntries(
      ["main", ...CLI_COMMANDS].map((name) => [name, `src/cli/${name}.ts`]),
    ),
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
    esbuildPlugins: [nodeFiles("cli")],
    // import() of a command or of the client becomes require(): an import() from CommonJS would
    // start the ES module loader after all.
    esbuildOptions: (options) => {
      options.supported = { ...options.supported, "dynamic-import": false };
    },
    // The bin has always been dist/cli/main.js; this makes the `.js` files beside it CommonJS.
    onSuccess: () => writeFile(resolve(ROOT, "dist/cli/package.json"), `{ "type": "commonjs" }\n`),
  },
]);
