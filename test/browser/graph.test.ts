import { existsSync } from "node:fs";
import { join } from "node:path";
import { build, type BuildOptions } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = join(__dirname, "../..");

/** Bundles a snippet that imports the package by name, as an app's bundler would. */
async function bundle(contents: string, options: BuildOptions) {
  const result = await build({
    stdin: { contents, resolveDir: ROOT, loader: "js" },
    bundle: true,
    format: "esm",
    write: false,
    metafile: true,
    logLevel: "silent",
    ...options,
  });
  const [output] = Object.values(result.metafile!.outputs);
  /** The files that put code in the bundle, not every file the bundler visited. */
  const inputs = Object.entries(output!.inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => path);
  return { text: result.outputFiles![0]!.text, inputs };
}

const ALL_OPERATIONS = `
import { SSOOIDC, SSOOIDCClient, CreateTokenCommand, CreateTokenWithIAMCommand, RegisterClientCommand, StartDeviceAuthorizationCommand } from "sso-oidc";
export { SSOOIDC, SSOOIDCClient, CreateTokenCommand, CreateTokenWithIAMCommand, RegisterClientCommand, StartDeviceAuthorizationCommand };
`;

/** Node-only names a browser or React Native bundle must not use. */
const NODE_GLOBALS =
  /\b(?:process\.(?:env|version|versions|platform)|require\(|__dirname|__filename|Buffer\.(?:from|alloc|isBuffer)|setImmediate)\b/;

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist/browser/index.js"))) {
    throw new Error("dist/browser is missing: run `npm run build` first (`npm test` does).");
  }
});

describe.each([
  ["browser", { platform: "browser" } as BuildOptions],
  [
    "react-native",
    {
      platform: "neutral",
      conditions: ["react-native", "import"],
      mainFields: ["react-native", "browser", "module", "main"],
    } as BuildOptions,
  ],
])("the %s graph", (_name, options) => {
  it("bundles with no Node built-in and no Node global", async () => {
    const { text, inputs } = await bundle(ALL_OPERATIONS, options);
    expect(inputs.filter((path) => path.startsWith("node:"))).toStrictEqual([]);
    expect(inputs).toContain("dist/browser/index.js");
    expect(inputs.some((path) => path.includes("@smithy/node-http-handler"))).toBe(false);
    expect(inputs.some((path) => path.includes("@smithy/fetch-http-handler"))).toBe(true);
    expect(text).not.toMatch(NODE_GLOBALS);
  });

  it("fails the build when something imports a Node built-in", async () => {
    const failure = await bundle(`import "node:os"; ${ALL_OPERATIONS}`, options).catch(
      (e: Error) => e,
    );
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toContain("node:os");
  });
});

describe("a bundle of the unsigned operations", () => {
  it("carries no SigV4 or credential code", async () => {
    const { inputs } = await bundle(
      `import { SSOOIDCClient, CreateTokenCommand } from "sso-oidc"; export { SSOOIDCClient, CreateTokenCommand };`,
      { platform: "browser", minify: true },
    );
    expect(inputs.some((path) => path.includes("signature-v4"))).toBe(false);
    expect(inputs.some((path) => path.includes("credential-provider"))).toBe(false);
  });
});
