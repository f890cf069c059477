import { parseArgs } from "node:util";
import { readFile } from "node:fs/promises";
import { isIP } from "node:net";
import { EmulatorOptionError, parseEmulatorAccounts, startEmulator } from "../emulator/index";
import { UsageError } from "./cli-command";
import type { CliCommand, CliIo } from "./cli-command";
import type { EmulatorAccount, EmulatorCredentials } from "../emulator/index";

/** Fixed so `AWS_ENDPOINT_URL_SSO_OIDC` can stay in a shell profile; `--port 0` picks any. */
const DEFAULT_EMULATOR_PORT = 8321;
const DEFAULT_HOST = "127.0.0.1";
const EXAMPLE_URL = `http://127.0.0.1:${DEFAULT_EMULATOR_PORT}`;

/**
 * The first AWS CLI v2 release that reads `AWS_ENDPOINT_URL_<SERVICE>` (the AWS CLI team's
 * announcement of service-specific endpoints: "install the AWS CLI >=1.29.0 or >=2.13.0").
 */
const AWS_CLI_ENDPOINT_URL_VERSION = "2.13.0";

const EMULATOR_HELP = `Usage: sso-oidc emulator [--port N] [--host H] [--auto-approve] [--cors-origin ORIGIN]
                         [--accounts FILE] [--iam-access-key-id ID --iam-secret-access-key KEY
                         [--iam-session-token TOKEN]]

Runs a local IAM Identity Center OIDC service (RegisterClient, StartDeviceAuthorization,
CreateToken, CreateTokenWithIAM, plus the /device and /authorize pages) and, on the same port,
its access portal (ListAccounts, ListAccountRoles, GetRoleCredentials, Logout), until Ctrl+C.
State lives in memory and is gone when it stops.

Options:
  --port N                     Port to listen on (default ${DEFAULT_EMULATOR_PORT}; 0 picks a free port)
  --host H                     Address to listen on (default ${DEFAULT_HOST}). Anything but loopback
                               exposes an unauthenticated login service to the network.
  --auto-approve               Approve device codes and consent pages without a user
  --cors-origin ORIGIN         Access-Control-Allow-Origin for browser clients (default *)
  --accounts FILE              The accounts and roles the portal lists and gives role
                               credentials for: a JSON list such as
                               [{"accountId": "123456789012", "accountName": "Dev",
                                 "emailAddress": "dev@example.com", "roles": ["ReadOnly"]}]
                               (default: 111111111111 Development and 222222222222
                               Production, two roles each)
  --iam-access-key-id ID       The credentials CreateTokenWithIAM requests must be signed
  --iam-secret-access-key KEY  with, both or neither (default: AWS's documented example
                               key pair, printed at start)
  --iam-session-token TOKEN    Also require this session token (x-amz-security-token)
  -h, --help                   Show this help

The AWS CLI reads AWS_ENDPOINT_URL_SSO_OIDC and AWS_ENDPOINT_URL_SSO from version ${AWS_CLI_ENDPOINT_URL_VERSION} on
(see 'aws --version'); older versions ignore both and send the login to AWS, not here.

Examples:
  sso-oidc emulator
  sso-oidc emulator --port 0 --auto-approve
  sso-oidc emulator --accounts accounts.json
  sso-oidc emulator --iam-access-key-id AKIDEXAMPLE --iam-secret-access-key my-test-secret
  AWS_ENDPOINT_URL_SSO_OIDC=${EXAMPLE_URL} AWS_ENDPOINT_URL_SSO=${EXAMPLE_URL} \\
    aws sso login --profile dev
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

function invalidAccountsFile(message: string): UsageError {
  return new UsageError("INVALID_ACCOUNTS_FILE", message);
}

/** The `--accounts` file, checked as `startEmulator` checks its `accounts` option. */
async function readAccountsFile(file: string): Promise<EmulatorAccount[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    throw invalidAccountsFile(`Cannot read the accounts file ${file} (${code}).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw invalidAccountsFile(`The accounts file ${file} is not valid JSON: ${reason}.`);
  }
  try {
    return parseEmulatorAccounts(json, file);
  } catch (error) {
    throw invalidAccountsFile(`${error instanceof Error ? error.message : String(error)}.`);
  }
}

interface CredentialValues {
  "iam-access-key-id"?: string | undefined;
  "iam-secret-access-key"?: string | undefined;
  "iam-session-token"?: string | undefined;
}

/** The `--iam-*` options as the emulator's credentials; undefined for its default pair. */
function credentialsFrom(values: CredentialValues): EmulatorCredentials | undefined {
  for (const name of ["iam-access-key-id", "iam-secret-access-key", "iam-session-token"] as const) {
    if (values[name] !== undefined && values[name]!.trim() === "") {
      throw new UsageError("INVALID_OPTION_VALUE", `--${name} needs a value.`);
    }
  }
  const accessKeyId = values["iam-access-key-id"];
  const secretAccessKey = values["iam-secret-access-key"];
  const sessionToken = values["iam-session-token"];
  if (accessKeyId === undefined && secretAccessKey === undefined && sessionToken === undefined) {
    return undefined;
  }
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    throw new UsageError(
      "MISSING_OPTION",
      "--iam-access-key-id and --iam-secret-access-key go together: give both, or neither for the example key pair.",
    );
  }
  return { accessKeyId, secretAccessKey, ...(sessionToken === undefined ? {} : { sessionToken }) };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/**
 * The CreateTokenWithIAM credentials line. The default pair is AWS's published example and is
 * shown so users can sign with it; credentials given on the command line are the user's, so
 * only the access key id is.
 */
function describeCredentials(credentials: EmulatorCredentials, given: boolean): string {
  if (!given) {
    return `CreateTokenWithIAM test credentials: ${credentials.accessKeyId} / ${credentials.secretAccessKey}`;
  }
  const token = credentials.sessionToken === undefined ? "" : " and session token";
  return `CreateTokenWithIAM credentials: ${credentials.accessKeyId} with the secret access key${token} given`;
}

async function runEmulatorCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "auto-approve": { type: "boolean" },
      "cors-origin": { type: "string" },
      accounts: { type: "string" },
      "iam-access-key-id": { type: "string" },
      "iam-secret-access-key": { type: "string" },
      "iam-session-token": { type: "string" },
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
  const port = parsePort(values.port);
  const credentials = credentialsFrom(values);
  const accountsFile = values.accounts;
  if (accountsFile !== undefined && accountsFile.trim() === "") {
    throw new UsageError("INVALID_OPTION_VALUE", "--accounts needs a file name.");
  }
  const accounts = accountsFile === undefined ? undefined : await readAccountsFile(accountsFile);
  const emulator = await startEmulator({
    port,
    host,
    autoApprove: values["auto-approve"] ?? false,
    ...(values["cors-origin"] !== undefined ? { corsOrigin: values["cors-origin"] } : {}),
    ...(credentials !== undefined ? { credentials } : {}),
    ...(accounts !== undefined ? { accounts } : {}),
  }).catch((error: unknown) => {
    if (error instanceof EmulatorOptionError) {
      // "startEmulator: corsOrigin must be…" names the option as the command line spells it.
      const message = error.message.replace(
        /^startEmulator: (\w+)/,
        (_, name: string) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
      );
      throw new UsageError(error.code, message);
    }
    const code = (error as { code?: unknown }).code;
    const reason = error instanceof Error ? error.message : String(error);
    throw withCode(
      typeof code === "string" ? code : "LISTEN_FAILED",
      `Cannot listen on ${host}: ${reason}`,
    );
  });

  // Listen for Ctrl+C before saying "Press Ctrl+C": a signal sent as soon as that line is read
  // must stop the emulator cleanly, not kill the process.
  const shutdown = io.waitForShutdown();
  const listed = emulator.accounts;
  const roles = listed.reduce((sum, account) => sum + account.roles.length, 0);
  const from = accountsFile === undefined ? "the default set" : accountsFile;
  io.stdout(
    [
      `sso-oidc emulator listening on ${emulator.url}`,
      "",
      "Point clients at it:",
      `  new SSOOIDCClient({ region: "us-east-1", endpoint: "${emulator.url}" })`,
      `  export AWS_ENDPOINT_URL_SSO_OIDC=${emulator.url}`,
      `  export AWS_ENDPOINT_URL_SSO=${emulator.url}`,
      `  (the AWS CLI reads these from ${AWS_CLI_ENDPOINT_URL_VERSION} on; older ones ignore them and talk to AWS)`,
      "",
      `Approve device logins at ${emulator.url}/device`,
      `Access portal: ${plural(listed.length, "account")} and ${plural(roles, "role")} from ${from}`,
      describeCredentials(emulator.credentials, credentials !== undefined),
      "Press Ctrl+C to stop.",
      "",
    ].join("\n"),
  );
  if (!isLoopback(host)) {
    io.stderr(`warning: listening on ${host}, reachable from other machines\n`);
  }

  const signal = await shutdown;
  await emulator.close();
  io.stdout(`${signal}: emulator stopped.\n`);
  return 0;
}

const emulatorCommand: CliCommand = {
  name: "emulator",
  run: runEmulatorCommand,
};

export { emulatorCommand, runEmulatorCommand, DEFAULT_EMULATOR_PORT };
