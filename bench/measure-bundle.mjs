// Browser bundle size: what an app pays to call the service from a browser,
// minified and gzipped, for ours and the official client. Also checks that our
// CreateToken-only bundle carries no SigV4 or credential code.
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
  return {
    sizes,
    oursCreateTokenSigningInputs: oursCreateTokenSigning,
    minifiedBytesByPackage,
    ratios: {
      createTokenGzip:
        sizes["ours.createToken"].gzipBytes / sizes["official.createToken"].gzipBytes,
      allFourGzip: sizes["ours.allFour"].gzipBytes / sizes["official.allFour"].gzipBytes,
    },
  };
}

export { measureBundle };
