/**
 * Serves the browser example on 127.0.0.1: bundles main.ts with esbuild (the `browser` build of
 * `sso-oidc` is picked by the package's export conditions), starts a local emulator unless a
 * service is given, and redirects a bare `/` to `/?endpoint=…&region=…` so the page knows where
 * to go.
 *
 *   node examples/browser/serve.mjs [--port 8322] [--endpoint URL --region REGION]
 *
 * Needs `npm run build` first: the emulator is imported from the built `sso-oidc/emulator`.
 */
import { createServer } from "node:http";
import { readFile, realpath } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { startEmulator } from "sso-oidc/emulator";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const DEFAULT_REGION = "us-east-1";

async function bundleMain() {
  const result = await build({
    entryPoints: [`${HERE}main.ts`],
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    write: false,
    logLevel: "warning",
  });
  return result.outputFiles[0].text;
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server.address().port);
    });
  });
}

/**
 * Starts the example server. With `endpoint` (and `region`) the page talks to that service;
 * without, an emulator is started on another port (so the page really makes CORS requests)
 * with `emulator` as its options, and closed with the server.
 */
async function startExampleServer({
  port = 8322,
  host = "127.0.0.1",
  endpoint,
  region = DEFAULT_REGION,
  emulator: emulatorOptions = {},
} = {}) {
  const [html, script] = await Promise.all([readFile(`${HERE}index.html`, "utf8"), bundleMain()]);
  let service = { endpoint, region };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method === "GET" && url.pathname === "/" && url.search === "") {
      const query = new URLSearchParams({ endpoint: service.endpoint, region: service.region });
      res.writeHead(302, { location: `/?${query}` }).end();
    } else if (req.method === "GET" && url.pathname === "/") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
    } else if (req.method === "GET" && url.pathname === "/main.js") {
      res.writeHead(200, { "content-type": "text/javascript; charset=utf-8" }).end(script);
    } else {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  const boundPort = await listen(server, port, host);
  const url = `http://${host}:${boundPort}`;

  let emulator;
  if (endpoint === undefined) {
    emulator = await startEmulator({ host, port: 0, corsOrigin: url, ...emulatorOptions });
    service = { endpoint: emulator.url, region };
  }

  let closing;
  return {
    url,
    endpoint: service.endpoint,
    region: service.region,
    emulator,
    close() {
      closing ??= Promise.all([
        new Promise((resolve, reject) => {
          server.close((error) => (error ? reject(error) : resolve()));
          server.closeAllConnections();
        }),
        emulator?.close(),
      ]).then(() => undefined);
      return closing;
    },
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "8322" },
      endpoint: { type: "string" },
      region: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(`Usage: node examples/browser/serve.mjs [--port 8322] [--endpoint URL --region REGION]

Serves a page that signs in with the device flow from the browser. Without --endpoint it
starts a local emulator; with it, the page calls that service (which must allow this origin).`);
    return;
  }
  if ((values.endpoint === undefined) !== (values.region === undefined)) {
    console.error("serve.mjs: --endpoint and --region go together");
    process.exitCode = 2;
    return;
  }
  const example = await startExampleServer({
    port: Number(values.port),
    endpoint: values.endpoint,
    region: values.region,
  });
  console.log(
    `Service: ${example.endpoint} (${example.region})${example.emulator ? ", a local emulator" : ""}`,
  );
  console.log(`Open ${example.url}/ and press "Sign in". Ctrl-C stops.`);
  process.once("SIGINT", () => void example.close());
}

const invokedAsProgram =
  process.argv[1] !== undefined &&
  (await realpath(process.argv[1]).then(
    (path) => pathToFileURL(path).href === import.meta.url,
    () => false,
  ));
if (invokedAsProgram) await main();

export { startExampleServer };
