// Browser bundle size: what an app pays to call the service from a browser,
// minified and gzipped, for ours and the official client, built two ways:
// - one file, everything the app can reach (`esbuild --bundle`);
// - with code splitting, as an app bundler builds a site (`--splitting`): the
//   initial load is the entry chunk and the chunks it imports statically; what
//   only `import()` reaches is fetched later, when a call first needs it.
// Also checks that our CreateToken-only bundle carries no SigV4 or credential
// code, and that no split build loads SigV4 up front.
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const packages = { ours: "sso-oidc", official: "@aws-sdk/client-sso-oidc" };

const entries = {
  // The minimal use: one client, one command.
  createToken: (pkg) => `
    import { SSOOIDCClient, CreateTokenCommand } from "${pkg}";
    export const refresh = (input) =>
      new SSOOIDCClient({ region: "us-east-1" }).send(new CreateTokenCommand(input));
  `,
  // The aggregated client with every operation in use.
  allFour: (pkg) => `
    import { SSOOIDC } from "${pkg}";
    const client = new SSOOIDC({ region: "us-east-1" });
    export const calls = (input) => Promise.all([
      client.registerClient(input),
      client.startDeviceAuthorization(input),
      client.createToken(input),
      client.createTokenWithIAM(input),
    ]);
  `,
};

/** The one-file bundle of an entry's source. */
async function bundle(contents) {
  const result = await build({
    stdin: { contents, resolveDir: repoRoot, sourcefile: "entry.mjs", loader: "js" },
    bundle: true,
    platform: "browser",
    format: "esm",
    minify: true,
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const code = result.outputFiles[0].contents;
  const [output] = Object.values(result.metafile.outputs);
  return { code, inputs: output.inputs };
}

/**
 * Serves each entry's source from memory under `entry:<name>`: a split build
 * needs real entry points (stdin cannot be split), and a virtual one writes no
 * file into the repository.
 */
function virtualEntries(sources) {
  return {
    name: "virtual-entries",
    setup(build) {
      build.onResolve({ filter: /^entry:/ }, (args) => ({
        path: args.path.slice("entry:".length),
        namespace: "entry",
      }));
      build.onLoad({ filter: /.*/, namespace: "entry" }, (args) => ({
        contents: sources[args.path],
        resolveDir: repoRoot,
        loader: "js",
      }));
    },
  };
}

/**
 * The chunks of a split build, parted into the initial load (the entry chunk and
 * every chunk reachable from it through static `import` statements) and the lazy
 * rest, which only `import()` reaches.
 */
async function splitBundle(name, contents) {
  const outdir = join(repoRoot, "bench-split-out");
  const result = await build({
    entryPoints: [`entry:${name}`],
    plugins: [virtualEntries({ [name]: contents })],
    absWorkingDir: repoRoot,
    bundle: true,
    splitting: true,
    platform: "browser",
    format: "esm",
    minify: true,
    outdir,
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const { outputs } = result.metafile;
  // The metafile names outputs relative to the working directory, with `/`.
  const codeByOutput = new Map(
    result.outputFiles.map((file) => [
      relative(repoRoot, file.path).split(sep).join("/"),
      file.contents,
    ]),
  );
  const entryChunk = Object.keys(outputs).find(
    (path) => outputs[path].entryPoint === `entry:${name}`,
  );
  const initial = new Set();
  const pending = [entryChunk];
  while (pending.length > 0) {
    const path = pending.pop();
    if (initial.has(path)) continue;
    initial.add(path);
    for (const { path: imported, kind, external } of outputs[path].imports) {
      if (kind === "import-statement" && !external) pending.push(imported);
    }
  }
  const lazy = Object.keys(outputs).filter((path) => !initial.has(path));
  function part(paths) {
    const codes = paths.map((path) => codeByOutput.get(path));
    return {
      chunks: paths.length,
      minifiedBytes: codes.reduce((sum, code) => sum + code.byteLength, 0),
      // Each chunk is its own response, so each is compressed on its own.
      gzipBytes: codes.reduce((sum, code) => sum + gzipSync(code, { level: 9 }).byteLength, 0),
    };
  }
  return {
    initial: part([...initial]),
    lazy: part(lazy),
    initialSigningInputs: [...initial].flatMap((path) => signingInputs(outputs[path].inputs)),
  };
}

/** Bytes in the output per npm package (or per local file outside node_modules). */
function bytesByPackage(inputs) {
  const totals = {};
  for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const name = match ? match[1] : path;
    totals[name] = (totals[name] ?? 0) + bytesInOutput;
  }
  return Object.fromEntries(Object.entries(totals).sort((a, b) => b[1] - a[1]));
}

function signingInputs(inputs) {
  return Object.entries(inputs)
    .filter(
      ([path, { bytesInOutput }]) =>
        bytesInOutput > 0 && /signature-v4|credential-provider/.test(path),
    )
    .map(([path, { bytesInOutput }]) => ({ path, bytesInOutput }));
}

async function measureBundle({ log }) {
  const sizes = {};
  const minifiedBytesByPackage = {};
  let oursCreateTokenSigning = [];
  for (const [entry, source] of Object.entries(entries)) {
    for (const [subject, pkg] of Object.entries(packages)) {
      const { code, inputs } = await bundle(source(pkg));
      sizes[`${subject}.${entry}`] = {
        minifiedBytes: code.byteLength,
        gzipBytes: gzipSync(code, { level: 9 }).byteLength,
      };
      minifiedBytesByPackage[`${subject}.${entry}`] = bytesByPackage(inputs);
      if (subject === "ours" && entry === "createToken")
        oursCreateTokenSigning = signingInputs(inputs);
    }
  }
  log(
    `bundle: ${Object.entries(sizes)
      .map(([k, v]) => `${k} ${v.gzipBytes} B gz`)
      .join(", ")}`,
  );
  const split = {};
  for (const [entry, source] of Object.entries(entries)) {
    for (const [subject, pkg] of Object.entries(packages)) {
      split[`${subject}.${entry}`] = await splitBundle(entry, source(pkg));
    }
  }
  log(
    `bundle, split: ${Object.entries(split)
      .map(([k, v]) => `${k} initial ${v.initial.gzipBytes} B gz, lazy ${v.lazy.gzipBytes} B gz`)
      .join(", ")}`,
  );
  function oursOverOfficial(bytes) {
    return Object.fromEntries(
      Object.keys(entries).map((entry) => [
        entry,
        bytes(`ours.${entry}`) / bytes(`official.${entry}`),
      ]),
    );
  }
  const oneFile = oursOverOfficial((key) => sizes[key].gzipBytes);
  const initialLoad = oursOverOfficial((key) => split[key].initial.gzipBytes);
  return {
    sizes,
    split,
    oursCreateTokenSigningInputs: oursCreateTokenSigning,
    minifiedBytesByPackage,
    ratios: {
      createTokenGzip: oneFile.createToken,
      allFourGzip: oneFile.allFour,
      createTokenSplitInitialGzip: initialLoad.createToken,
      allFourSplitInitialGzip: initialLoad.allFour,
    },
  };
}

export { measureBundle };
