import { parseArgs } from "node:util";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSsoCache, loginWithDeviceCode, refreshSsoToken, SSOOIDCClient } from "../index.js";
import { startEmulator } from "../emulator/index.js";
import { approveOnDevicePage } from "./approve-on-device-page.js";
import { formatTime } from "./format-time.js";
import { interruptionOr, listenForInterruption } from "./interruption.js";
import { observeClient } from "./observe-client.js";
import type { CliCommand, CliIo } from "./cli-command.js";
import type { EmulatorOptions } from "../emulator/index.js";
import type { SsoToken } from "../index.js";

const DEMO_HELP = `Usage: sso-oidc demo

Shows a whole login without an AWS account, in a few seconds: starts the local emulator on
127.0.0.1, signs in with the device code flow (RegisterClient, StartDeviceAuthorization,
CreateToken), approves the code on the emulator's /device page over HTTP as a browser would,
caches the token in the AWS CLI's format, then refreshes it. Secrets are shown redacted.
The cache is a temporary folder, removed at the end: your ~/.aws is not touched.

Options:
  -h, --help  Show this help

Examples:
  sso-oidc demo
  npx sso-oidc demo
`;

const SESSION_NAME = "demo";
const START_URL = "https://d-0000000000.awsapps.com/start";
const REGION = "us-east-1";
const SCOPES = ["sso:account:access"];

/** Enough to tell two tokens apart, nothing an attacker could use. */
function redact(secret: string | undefined): string {
  if (!secret) return "(none)";
  return secret.length >= 24 ? `${secret.slice(0, 6)}…(redacted)` : "(redacted)";
}

function describeToken(token: SsoToken, previous?: SsoToken): string[] {
  const changed = (now: string | undefined, before: string | undefined, word: string) =>
    previous === undefined ? "" : now === before ? " (unchanged)" : ` (${word})`;
  return [
    `     accessToken:  ${redact(token.accessToken)}${changed(token.accessToken, previous?.accessToken, "new")}`,
    `     refreshToken: ${redact(token.refreshToken)}${changed(token.refreshToken, previous?.refreshToken, "rotated")}`,
    `     expiresAt:    ${formatTime(token.expiresAt)}`,
  ];
}

/** `emulatorOptions` lets tests pin the emulator's ids; the bin uses the defaults. */
function createDemoCommand(emulatorOptions: EmulatorOptions = {}): CliCommand {
  async function runDemoCommand(argv: string[], io: CliIo): Promise<number> {
    const { values } = parseArgs({
      args: argv,
      options: { help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      io.stdout(DEMO_HELP);
      return 0;
    }
    const say = (...lines: string[]) => io.stdout(`${lines.join("\n")}\n`);
    say(
      "sso-oidc demo: a device code login and a token refresh against a local emulator.",
      "No AWS account is used; a temporary folder stands in for ~/.aws.",
      "",
    );
    const interruption = listenForInterruption(
      io,
      "Demo stopped; the emulator and temporary folder were removed",
    );
    const home = await mkdtemp(join(tmpdir(), "sso-oidc-demo."));
    const emulator = await startEmulator({ ...emulatorOptions, port: 0, host: "127.0.0.1" });
    const client = observeClient(new SSOOIDCClient({ region: REGION, endpoint: emulator.url }));
    try {
      say(`1. Started the SSO OIDC emulator at ${emulator.url}`);
      const cache = createSsoCache({
        homeDir: home,
        warn: (message) => io.stderr(`sso-oidc: warning: ${message}\n`),
      });
      const token = await loginWithDeviceCode({
        client,
        startUrl: START_URL,
        region: REGION,
        sessionName: SESSION_NAME,
        scopes: SCOPES,
        cache,
        signal: interruption.signal,
        onVerification: async ({ userCode, verificationUri, verificationUriComplete }) => {
          const pageUrl = verificationUriComplete ?? `${verificationUri}?user_code=${userCode}`;
          say(
            `2. RegisterClient and StartDeviceAuthorization: the user code is ${userCode}`,
            `     verification page: ${pageUrl}`,
          );
          const { action, fields } = await approveOnDevicePage(pageUrl);
          say(
            `3. Approved it as a browser does: GET ${new URL(pageUrl).pathname}${new URL(pageUrl).search}, then POST ${action.pathname} with the Approve button (${fields.join(", ")})`,
          );
        },
      });
      const path = cache.tokenPath(SESSION_NAME);
      const file = await stat(path);
      const keys = Object.keys(JSON.parse(await readFile(path, "utf8")) as object);
      say(
        "4. CreateToken (device_code grant): signed in; the token is cached as the AWS CLI caches it",
        ...describeToken(token),
        `     cache file:   ${path}`,
        `     mode ${(file.mode & 0o777).toString(8).padStart(4, "0")}, keys: ${keys.join(", ")}`,
      );
      const fresh = await refreshSsoToken(token, { client, signal: interruption.signal });
      await cache.writeToken(SESSION_NAME, fresh);
      say(
        "5. CreateToken (refresh_token grant): refreshed and written back to the cache",
        ...describeToken(fresh, token),
      );
    } catch (error) {
      throw interruptionOr(interruption.signal, error);
    } finally {
      interruption.dispose();
      client.destroy();
      await emulator.close();
      await rm(home, { recursive: true, force: true });
    }
    say(
      "6. Stopped the emulator and removed the temporary folder.",
      "",
      "Next: 'sso-oidc login --profile NAME' against IAM Identity Center, or",
      "'sso-oidc emulator' and AWS_ENDPOINT_URL_SSO_OIDC to try 'sso-oidc login' offline.",
    );
    return 0;
  }

  return {
    name: "demo",
    summary: "Log in and refresh against a local emulator, printing each step (no AWS account)",
    run: runDemoCommand,
  };
}

const demoCommand = createDemoCommand();

export { demoCommand, createDemoCommand };
