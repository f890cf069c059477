import { defineConfig, type Options } from "tsup";

const shared: Options = {
  format: ["esm", "cjs"],
  target: "node18",
  sourcemap: false,
  splitting: false,
  treeshake: true,
  outExtension: ({ format }) => ({ js: format === "cjs" ? ".cjs" : ".js" }),
};

/**
 * Two builds of the package entry: the node one, and a browser one where the
 * runtime config is swapped for the fetch-based one, so a browser or React
 * Native bundle never sees node:http.
 */
export default defineConfig([
  {
    ...shared,
    entry: { index: "src/index.ts", "emulator/index": "src/emulator/index.ts" },
    platform: "node",
    dts: true,
    clean: true,
  },
  {
    ...shared,
    entry: { "browser/index": "src/index.ts" },
    platform: "browser",
    target: "es2022",
    dts: false,
    esbuildPlugins: [
      {
        name: "browser-runtime-config",
        setup(build) {
          build.onResolve({ filter: /\/(runtime-config|node-only)$/ }, (args) => ({
            path: `${args.resolveDir}/${args.path.split("/").pop()}.browser.ts`,
          }));
        },
      },
    ],
  },
  {
    ...shared,
    entry: { "cli/main": "src/cli/main.ts" },
    format: ["esm"],
    platform: "node",
    dts: false,
    banner: { js: "#!/usr/bin/env node" },
  },
]);
