// The CLI's most frequent run: `sso-oidc token --profile dev` with a valid token
// in the cache, which a script calls before each use of the token. It sends no
// request, so all it costs is the process: its wall time, spawn to exit, is
// compared with `node -e 1`, the least any node program pays. The two spawn in
// alternating pairs, one at a time, in the same environment: the harness's own,
// as for the cold start, without its AWS_* variables and with a sandbox HOME.
// Whatever that environment makes every node start pay (NODE_EXTRA_CA_CERTS
// loads a certificate file at start-up) both runs pay alike; the report names
// such variables and gives the difference in milliseconds beside the ratio.
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ranToEnd, startNode } from "./children.mjs";
import { median, pairedRatio, rotated } from "./stats.mjs";

const bin = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
const RUNS = ["token", "node"];
const COMMAND = "sso-oidc token --profile dev";
const SESSION = "corp";
const START_URL = "https://d-1234567890.awsapps.com/start";

const CONFIG = `[profile dev]
sso_session = ${SESSION}
sso_account_id = 111122223333
sso_role_name = Developer
region = us-east-1

[sso-session ${SESSION}]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_registration_scopes = sso:account:access
`;

/** The AWS CLI's time format in the cache: seconds, UTC, no fraction. */
function cacheTime(date) {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * A temporary HOME with the config above and the session's token cached as the
 * AWS CLI caches it: `~/.aws/sso/cache/<sha1 of the sso-session name>.json`.
 * The token has 8 hours left, far outside the 5-minute refresh window, so no
 * run of the bench gets near a refresh.
 */
async function createSandbox() {
  const home = await mkdtemp(join(tmpdir(), "sso-oidc-bench-"));
  const cacheDir = join(home, ".aws", "sso", "cache");
  await mkdir(cacheDir, { recursive: true, mode: 0o700 });
  const configPath = join(home, "aws-config");
  await writeFile(configPath, CONFIG);
  const token = {
    startUrl: START_URL,
    region: "us-east-1",
    accessToken: "aoaAAAAAGZ-bench-cached-access-token-0123456789abcdefghijklmnopqrstuvwxyz",
    expiresAt: cacheTime(new Date(Date.now() + 8 * 3600_000)),
    clientId: "bench-client-id-0123456789abcdef",
    clientSecret: "bench-client-secret-0123456789abcdefghijklmnopqrstuvwxyz",
    registrationExpiresAt: cacheTime(new Date(Date.now() + 90 * 24 * 3600_000)),
    refreshToken: "aorvJYubGpU6i91YnH7Mfo-bench-refresh-token-0123456789",
  };
  const key = createHash("sha1").update(SESSION).digest("hex");
  await writeFile(join(cacheDir, `${key}.json`), JSON.stringify(token), { mode: 0o600 });
  return {
    home,
    env: {
      ...withoutAwsVariables(process.env),
      HOME: home,
      AWS_CONFIG_FILE: configPath,
      AWS_SHARED_CREDENTIALS_FILE: join(home, "no-credentials"),
      // A port nothing listens on: were the command to send a request after all,
      // the refresh would fail and its warning on stderr would fail the run.
      AWS_ENDPOINT_URL_SSO_OIDC: "http://127.0.0.1:9",
      AWS_EC2_METADATA_DISABLED: "true",
    },
    // What `sso-oidc token` prints for this token, to the byte.
    expectedStdout: `{"accessToken": "${token.accessToken}", "expiresAt": "${token.expiresAt}"}\n`,
  };
}

/** The environment minus what would point the CLI at the developer's own AWS setup. */
function withoutAwsVariables(env) {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith("AWS_")));
}

async function timeOneRun(run, sandbox) {
  const args = run === "token" ? [bin, "token", "--profile", "dev"] : ["-e", "1"];
  const startedNs = process.hrtime.bigint();
  const child = startNode(args, { env: sandbox.env, inheritEnv: false });
  child.stdin.end();
  const { code, stdout, stderr } = await ranToEnd(child, { timeoutMs: 30_000, label: run });
  const wallMs = Number(process.hrtime.bigint() - startedNs) / 1e6;
  // Only a run that printed the cached token counts: a failure can be fast too.
  const expected = run === "token" ? sandbox.expectedStdout : "";
  if (code !== 0 || stdout !== expected || stderr !== "") {
    throw new Error(
      `${run === "token" ? COMMAND : "node -e 1"}: exit ${code}, stdout ${JSON.stringify(stdout)}, stderr ${JSON.stringify(stderr)}`,
    );
  }
  return wallMs;
}

async function measureCliToken({ rounds, spawnsPerRound, log }) {
  const sandbox = await createSandbox();
  try {
    const perRound = [];
    for (let r = 0; r < rounds; r++) {
      const samplesMs = { token: [], node: [] };
      for (let i = 0; i < spawnsPerRound; i++) {
        for (const run of rotated(RUNS, r * spawnsPerRound + i)) {
          samplesMs[run].push(await timeOneRun(run, sandbox));
        }
      }
      const medianMs = { token: median(samplesMs.token), node: median(samplesMs.node) };
      log(
        `cli round ${r + 1}/${rounds}: token ${medianMs.token.toFixed(1)}ms, node -e 1 ${medianMs.node.toFixed(1)}ms`,
      );
      perRound.push({ medianMs, overMs: medianMs.token - medianMs.node });
    }
    return {
      settings: { rounds, spawnsPerRound },
      command: COMMAND,
      nodeVariables: Object.keys(process.env)
        .filter((name) => name.startsWith("NODE_"))
        .sort(),
      subjects: Object.fromEntries(
        RUNS.map((run) => [
          run,
          { medianMs: median(perRound.map((round) => round.medianMs[run])) },
        ]),
      ),
      overMs: median(perRound.map((round) => round.overMs)),
      ratios: {
        tokenOverNode: pairedRatio(
          perRound,
          (round) => round.medianMs.token,
          (round) => round.medianMs.node,
        ),
      },
      rounds: perRound,
    };
  } finally {
    await rm(sandbox.home, { recursive: true, force: true });
  }
}

export { measureCliToken };
