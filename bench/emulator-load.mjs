// Load on the emulator: N full device logins at concurrency C, several runs, against one
// emulator in its own process. Each login is what a CLI and its user do: RegisterClient,
// StartDeviceAuthorization, the user's approval through the /device form, then CreateToken
// with the device code. Prints per run the errors, requests per second, and the emulator's heap
// after GC before and after the run; "after" is taken once the run's records have expired and
// an eviction sweep has passed, so it shows what the emulator still holds.
//
// usage: npm run build && node bench/emulator-load.mjs [--logins N] [--concurrency C]
//          [--runs R] [--lifetime SECONDS] [--eviction-ms MS] [--no-wait] [--emulator PATH]
//   --lifetime     every record's lifetime in the emulator (registrations, device codes,
//                  tokens); default 5
//   --eviction-ms  the emulator's eviction interval; default 1000
//   --no-wait      measure "after" right after the run, before anything expires
//   --emulator     the emulator module to load; default dist/emulator/index.js
import { fork } from "node:child_process";
import { Agent, request } from "node:http";
import { once } from "node:events";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";

const { values } = parseArgs({
  options: {
    logins: { type: "string", default: "2000" },
    concurrency: { type: "string", default: "32" },
    runs: { type: "string", default: "3" },
    lifetime: { type: "string", default: "5" },
    "eviction-ms": { type: "string", default: "1000" },
    "no-wait": { type: "boolean", default: false },
    emulator: { type: "string", default: "dist/emulator/index.js" },
  },
});
const logins = Number(values.logins);
const concurrency = Number(values.concurrency);
const runs = Number(values.runs);
const lifetimeSeconds = Number(values.lifetime);
const evictionIntervalMs = Number(values["eviction-ms"]);

const server = fork(
  fileURLToPath(new URL("./emulator-load-server.mjs", import.meta.url)),
  [
    values.emulator,
    JSON.stringify({
      accessTokenExpiresInSeconds: lifetimeSeconds,
      deviceCodeExpiresInSeconds: lifetimeSeconds,
      registrationExpiresInSeconds: lifetimeSeconds,
      authorizationCodeExpiresInSeconds: lifetimeSeconds,
      evictionIntervalMs,
    }),
  ],
  { execArgv: ["--expose-gc"], stdio: ["ignore", "inherit", "inherit", "ipc"] },
);
const [{ url }] = await once(server, "message");
const { hostname, port } = new URL(url);
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

let requests = 0;

/** One HTTP exchange; resolves with the status and the body's text. */
function send(method, path, headers, body) {
  requests += 1;
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, method, path, headers, agent }, (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode, text }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function postJson(path, object) {
  const body = JSON.stringify(object);
  const answer = await send("POST", path, { "content-type": "application/json" }, body);
  if (answer.status !== 200) throw new Error(`${path} ${answer.status} ${answer.text}`);
  return JSON.parse(answer.text);
}

async function login(n) {
  const { clientId, clientSecret } = await postJson("/client/register", {
    clientName: `load-${n}`,
    clientType: "public",
    scopes: ["sso:account:access"],
  });
  const { deviceCode, userCode } = await postJson("/device_authorization", {
    clientId,
    clientSecret,
    startUrl: "https://d-1234567890.awsapps.com/start",
  });
  const form = new URLSearchParams({ user_code: userCode, decision: "approve" }).toString();
  const approved = await send(
    "POST",
    "/device",
    { "content-type": "application/x-www-form-urlencoded", origin: url },
    form,
  );
  if (approved.status !== 200) throw new Error(`/device ${approved.status}`);
  const tokens = await postJson("/token", {
    clientId,
    clientSecret,
    grantType: "urn:ietf:params:oauth:grant-type:device_code",
    deviceCode,
  });
  if (typeof tokens.accessToken !== "string") throw new Error("no access token");
}

async function heapBytes() {
  server.send("heap");
  const [{ heapUsedBytes }] = await once(server, "message");
  return heapUsedBytes;
}

function mb(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

async function run() {
  const errors = new Map();
  let next = 0;
  requests = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < logins) {
        const n = next++;
        await login(n).catch((error) => {
          const key = String(error.message).slice(0, 80);
          errors.set(key, (errors.get(key) ?? 0) + 1);
        });
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { errors, requests, seconds };
}

console.log(
  `${logins} device logins per run at concurrency ${concurrency}, ${runs} runs; record lifetime ${lifetimeSeconds} s, eviction every ${evictionIntervalMs} ms; ${values.emulator}`,
);
const afterHeaps = [];
for (let i = 1; i <= runs; i += 1) {
  const before = await heapBytes();
  const result = await run();
  if (!values["no-wait"]) {
    // Past every record's expiry, and one sweep more.
    await new Promise((resolve) =>
      setTimeout(resolve, lifetimeSeconds * 1000 + 2 * evictionIntervalMs),
    );
  }
  const after = await heapBytes();
  afterHeaps.push(after);
  const errorCount = [...result.errors.values()].reduce((a, b) => a + b, 0);
  console.log(
    `run ${i}: ${errorCount} errors, ${result.requests} requests in ${result.seconds.toFixed(2)} s = ${Math.round(result.requests / result.seconds)} requests/s; heap after GC before ${mb(before)}, after ${mb(after)}`,
  );
  for (const [message, count] of result.errors) console.log(`  ${count} × ${message}`);
}
if (runs > 1) {
  const ratio = afterHeaps.at(-1) / afterHeaps[0];
  console.log(
    `heap after run ${runs} / after run 1: ${ratio.toFixed(3)} (${ratio <= 1.1 ? "within" : "over"} 10%)`,
  );
}
agent.destroy();
server.send("close");
