import { parseArgs } from "node:util";
import { isIP } from "node:net";
import { startEmulator } from "../emulator/index";
import { UsageError } from "./cli-command";
import type { CliCommand, CliIo } from "./cli-command";

/** Fixed so `AWS_ENDPOINT_URL_SSO_OIDC` can stay in a shell profile; `--port 0` picks any. */
const DEFAULT_EMULATOR_PORT = 8321;
const DEFAULT_HOST = "127.0.0.1";

const EMULATOR_HELP = `Usage: sso-oidc emulator [--port N] [--host H] [--auto-approve] [--cors-origin ORIGIN]

Runs a local IAM Identity Center OIDC service (RegisterClient, StartDeviceAuthorization,
CreateToken, CreateTokenWithIAM, plus the /device and /authorize pages) until Ctrl+C.
State lives in memory and is gone when it stops.

Options:
  --port N              Port to listen on (default ${DEFAULT_EMULATOR_PORT}; 0 picks a free port)
  --host H              Address to listen on (default ${DEFAULT_HOST}). Anything but loopback
                        exposes an unauthenticated login service to the network.
  --auto-approve        Approve device codes and consent pages without a user
  --cors-origin ORIGIN  Access-Control-Allow-Origin for browser clients (default *)
  -h, --help            Show this help

Examples:
  sso-oidc emulator
  sso-oidc emulator --port 0 --auto-approve
  AWS_ENDPOINT_URL_SSO_OIDC=http://127.0.0.1:${DEFAULT_EMULATOR_PORT} aws sso login --profile dev
`;

function withCode(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_EMULATOR_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new UsageError(
      "INVALID_PORT",
      `--port must be an integer from 0 to 65535, got '${value}'.`,
    );
  }
  return port;
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || (isIP(host) === 4 && host.startsWith("127."));
}

async function runEmulatorCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "auto-approve": { type: "boolean" },
      "cors-origin": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(EMULATOR_HELP);
    return 0;
  }
  const host = values.host ?? DEFAULT_HOST;
  const emulator = await startEmulator({
    port: parsePort(values.port),
    host,
    autoApprove: values["auto-approve"] ?? false,
    ...(values["cors-origin"] !== undefined ? { corsOrigin: values["cors-origin"] } : {}),
  }).catch((error: unknown) => {
    const code = (error as { code?: unknown }).code;
    const reason = error instanceof Error ? error.message : String(error);
    throw withCode(
      typeof code === "string" ? code : "LISTEN_FAILED",
      `Cannot listen on ${host}: ${reason}`,
    );
  });

  const { accessKeyId, secretAccessKey } = emulator.credentials;
  io.stdout(
    [
      `sso-oidc emulator listening on ${emulator.url}`,
      "",
      "Point clients at it:",
      `  new SSOOIDCClient({ region: "us-east-1", endpoint: "${emulator.url}" })`,
      `  export AWS_ENDPOINT_URL_SSO_OIDC=${emulator.url}`,
      "",
      `Approve device logins at ${emulator.url}/device`,
      `CreateTokenWithIAM test credentials: ${accessKeyId} / ${secretAccessKey}`,
      "Press Ctrl+C to stop.",
      "",
    ].join("\n"),
  );
  if (!isLoopback(host)) {
    io.stderr(`warning: listening on ${host}, reachable from other machines\n`);
  }

  const signal = await io.waitForShutdown();
  await emulator.close();
  io.stdout(`${signal}: emulator stopped.\n`);
  return 0;
}

const emulatorCommand: CliCommand = {
  name: "emulator",
  summary: "Run a local SSO OIDC service for development and tests",
  run: runEmulatorCommand,
};

export { emulatorCommand, runEmulatorCommand, DEFAULT_EMULATOR_PORT };
