import { existsSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";

/*
 * The rules engine stays out of a browser app: the endpoint rules are compiled
 * into the client, so of `@smithy/core`'s `util-endpoints` (the interpreter,
 * its function library, its decision diagrams) only the `EndpointError` class
 * the compiled rules throw and the `EndpointCache` that keeps resolved
 * endpoints are bundled. Smithy's endpoint
 * middleware (`middleware-endpoint`) is a separate module and stays.
 */

const ROOT = join(__dirname, "../..");

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist/browser/index.js"))) {
    throw new Error("dist/browser is missing: run `npm run build` first (`npm test` does).");
  }
});

/** The `@smithy/core` endpoint modules that put code in a browser bundle of `contents`. */
async function endpointModules(contents: string): Promise<string[]> {
  const result = await build({
    stdin: { contents, resolveDir: ROOT, loader: "js" },
    bundle: true,
    platform: "browser",
    format: "esm",
    minify: true,
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const [output] = Object.values(result.metafile.outputs);
  return Object.entries(output!.inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => /@smithy\/core\/dist-es\/submodules\/endpoints\/(.*)$/.exec(path)?.[1])
    .filter((path): path is string => path !== undefined)
    .sort();
}

describe("a browser bundle of the client", () => {
  it.each([
    [
      "SSOOIDCClient + CreateTokenCommand",
      `import { SSOOIDCClient, CreateTokenCommand } from "sso-oidc"; export { SSOOIDCClient, CreateTokenCommand };`,
    ],
    ["SSOOIDC, all four operations", `import { SSOOIDC } from "sso-oidc"; export { SSOOIDC };`],
  ])("%s carries no endpoint rules engine", async (_name, contents) => {
    const modules = await endpointModules(contents);
    expect(modules.filter((path) => path.startsWith("util-endpoints/"))).toEqual([
      "util-endpoints/cache/EndpointCache.js",
      "util-endpoints/types/EndpointError.js",
      "util-endpoints/types/index.js",
    ]);
    expect(modules).toContain("middleware-endpoint/endpointMiddleware.js");
  });
});
