import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { ListAccountRolesCommand, ListAccountsCommand, SSOClient } from "@aws-sdk/client-sso";
import { CreateTokenWithIAMCommand, SSOOIDCClient } from "../../src/index";
import { expectLines, requireBuiltBin, runBin, runBinToEnd } from "./support/cli-harness";
import type { EmulatorCredentials } from "../../src/emulator/index";

/*
 * `sso-oidc emulator --accounts FILE` and the `--iam-*` credentials, through the built bin:
 * what it prints at start, what the official portal client and a signed CreateTokenWithIAM
 * then see, and the one-line errors for bad input.
 */

beforeAll(() => requireBuiltBin());

const ENV = { PATH: process.env["PATH"] ?? "", HOME: "/nonexistent-home" };
const URL_PATTERN = "http://127\\.0\\.0\\.1:\\d+";

const ACCOUNTS = [
  {
    accountId: "123456789012",
    accountName: "Sandbox",
    emailAddress: "sandbox@example.com",
    roles: ["Developer", "ReadOnly"],
  },
];

/** The parser's own words, which differ between Node versions; the bin runs on this one. */
function jsonErrorOf(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${text} parsed`);
}

async function tempFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), "sso-oidc-emulator-options-"));
  onTestFinished(() => rm(folder, { recursive: true, force: true }));
  return folder;
}

/** The bin's emulator on a free port, up and printed; resolves with its URL and run. */
async function startBin(args: string[]) {
  const run = runBin(["emulator", "--port", "0", ...args], ENV);
  await run.waitForStdout(/Press Ctrl\+C to stop\.\n/);
  const url = /listening on (\S+)/.exec(run.stdout())?.[1] ?? "";
  return { run, url };
}

/** A CreateTokenWithIAM call signed with `credentials`; resolves with the error's name. */
async function signedCallError(url: string, credentials: EmulatorCredentials): Promise<string> {
  const client = new SSOOIDCClient({
    region: "us-east-1",
    endpoint: url,
    credentials,
    maxAttempts: 1,
  });
  const error: unknown = await client
    .send(
      new CreateTokenWithIAMCommand({
        clientId: "arn:aws:sso::123456789012:application/ssoins-1/apl-1",
        grantType: "refresh_token",
        refreshToken: "not-a-refresh-token",
      }),
    )
    .catch((caught: unknown) => caught);
  client.destroy();
  return (error as Error).name;
}

describe("sso-oidc emulator --accounts", () => {
  it("prints both endpoint variables, the AWS CLI version that reads them, and where the accounts come from", async () => {
    const folder = await tempFolder();
    const file = join(folder, "accounts.json");
    await writeFile(file, JSON.stringify(ACCOUNTS));
    const { run, url } = await startBin(["--accounts", file]);

    run.child.kill("SIGINT");
    expect(await run.exited).toBe(0);
    expect(run.stderr()).toBe("");
    expectLines(run.stdout(), [
      new RegExp(`^sso-oidc emulator listening on ${URL_PATTERN}$`),
      "",
      "Point clients at it:",
      new RegExp(
        `^  new SSOOIDCClient\\(\\{ region: "us-east-1", endpoint: "${URL_PATTERN}" \\}\\)$`,
      ),
      `  export AWS_ENDPOINT_URL_SSO_OIDC=${url}`,
      `  export AWS_ENDPOINT_URL_SSO=${url}`,
      "  (the AWS CLI reads these from 2.13.0 on; older ones ignore them and talk to AWS)",
      "",
      `Approve device logins at ${url}/device`,
      `Access portal: 1 account and 2 roles from ${file}`,
      "CreateTokenWithIAM test credentials: AKIAIOSFODNN7EXAMPLE / wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      "Press Ctrl+C to stop.",
      "SIGINT: emulator stopped.",
      "",
    ]);
  });

  it("lists the file's accounts and roles to a signed-in user", async () => {
    const folder = await tempFolder();
    const file = join(folder, "accounts.json");
    await writeFile(file, JSON.stringify(ACCOUNTS));
    const { run, url } = await startBin(["--accounts", file, "--auto-approve"]);
    const post = async (path: string, body: object) =>
      (await (
        await fetch(`${url}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        })
      ).json()) as Record<string, string>;
    const { clientId, clientSecret } = await post("/client/register", {
      clientName: "t",
      clientType: "public",
    });
    const { deviceCode } = await post("/device_authorization", {
      clientId,
      clientSecret,
      startUrl: "https://d-1234567890.awsapps.com/start",
    });
    const { accessToken = "" } = await post("/token", {
      clientId,
      clientSecret,
      grantType: "urn:ietf:params:oauth:grant-type:device_code",
      deviceCode,
    });

    const portal = new SSOClient({ region: "us-east-1", endpoint: url, maxAttempts: 1 });
    const accounts = await portal.send(new ListAccountsCommand({ accessToken }));
    expect(accounts.accountList).toEqual([
      { accountId: "123456789012", accountName: "Sandbox", emailAddress: "sandbox@example.com" },
    ]);
    const roles = await portal.send(
      new ListAccountRolesCommand({ accessToken, accountId: "123456789012" }),
    );
    expect(roles.roleList).toEqual([
      { accountId: "123456789012", roleName: "Developer" },
      { accountId: "123456789012", roleName: "ReadOnly" },
    ]);
    run.child.kill("SIGINT");
    expect(await run.exited).toBe(0);
  });

  it.each([
    [
      "a missing file",
      undefined,
      (file: string) => `Cannot read the accounts file ${file} (ENOENT)`,
    ],
    [
      "a file that is not JSON",
      "[{",
      (file: string) => `The accounts file ${file} is not valid JSON: ${jsonErrorOf("[{")}`,
    ],
    [
      "a file that is not a list",
      '{"accounts": []}',
      (file: string) => `${file} must be a list of accounts`,
    ],
    [
      "an account id that is not 12 digits",
      '[{"accountId": "1234", "accountName": "A", "roles": ["R"]}]',
      (file: string) => `${file}[0].accountId must be 12 digits, got "1234"`,
    ],
    [
      "an account without roles",
      '[{"accountId": "123456789012", "accountName": "A", "roles": []}]',
      (file: string) => `${file}[0].roles must be a non-empty list of role names`,
    ],
  ])("refuses %s in one line naming the file, and exits 2", async (_, text, problem) => {
    const folder = await tempFolder();
    const file = join(folder, "accounts.json");
    if (text !== undefined) await writeFile(file, text);
    expect(await runBinToEnd(["emulator", "--port", "0", "--accounts", file], ENV)).toEqual({
      code: 2,
      stdout: "",
      stderr: `sso-oidc: INVALID_ACCOUNTS_FILE: ${problem(file)} (see 'sso-oidc emulator --help')\n`,
    });
  });
});

describe("sso-oidc emulator --iam-*", () => {
  it("checks CreateTokenWithIAM signatures against the given credentials, and never prints the secret", async () => {
    const given = {
      accessKeyId: "AKIDTESTGIVEN0000001",
      secretAccessKey: "given-secret-access-key-0123456789abcdef",
      sessionToken: "given-session-token-0123456789abcdef",
    };
    const { run, url } = await startBin([
      "--iam-access-key-id",
      given.accessKeyId,
      "--iam-secret-access-key",
      given.secretAccessKey,
      "--iam-session-token",
      given.sessionToken,
    ]);
    // Signed right, the request reaches the grant check, which refuses the made-up token.
    expect(await signedCallError(url, given)).toBe("InvalidGrantException");
    expect(
      await signedCallError(url, {
        accessKeyId: "AKIAIOSFODNN7EXAMPLE",
        secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      }),
    ).toBe("UnrecognizedClientException");
    const { sessionToken: _, ...withoutToken } = given;
    expect(await signedCallError(url, withoutToken)).toBe("UnrecognizedClientException");

    run.child.kill("SIGINT");
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toContain(
      "\nCreateTokenWithIAM credentials: AKIDTESTGIVEN0000001 with the secret access key and session token given\n",
    );
    expect(run.stdout()).not.toContain(given.secretAccessKey);
    expect(run.stdout()).not.toContain(given.sessionToken);
    expect(run.stderr()).toBe("");
  });

  it.each([
    [["--iam-access-key-id", "AKIDX"]],
    [["--iam-secret-access-key", "secret"]],
    [["--iam-session-token", "token"]],
  ])("refuses %j without its partner, in one line, exit 2", async (args) => {
    expect(await runBinToEnd(["emulator", "--port", "0", ...args], ENV)).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "sso-oidc: MISSING_OPTION: --iam-access-key-id and --iam-secret-access-key go together: give both, or neither for the example key pair (see 'sso-oidc emulator --help')\n",
    });
  });
});

describe("sso-oidc emulator --help", () => {
  it("documents the options, the AWS CLI version that reads the endpoint variables, and examples", async () => {
    const { code, stdout } = await runBinToEnd(["emulator", "--help"], ENV);
    expect(code).toBe(0);
    expect(stdout).toContain(
      "\n  --accounts FILE              The accounts and roles the portal lists",
    );
    expect(stdout).toContain("\n  --iam-access-key-id ID       ");
    expect(stdout).toContain("\n  --iam-secret-access-key KEY  ");
    expect(stdout).toContain("\n  --iam-session-token TOKEN    ");
    expect(stdout).toContain(
      "The AWS CLI reads AWS_ENDPOINT_URL_SSO_OIDC and AWS_ENDPOINT_URL_SSO from version 2.13.0 on\n(see 'aws --version'); older versions ignore both and send the login to AWS, not here.\n",
    );
    expect(stdout).toContain("\n  sso-oidc emulator --accounts accounts.json\n");
    expect(stdout).toContain(
      "\n  AWS_ENDPOINT_URL_SSO_OIDC=http://127.0.0.1:8321 AWS_ENDPOINT_URL_SSO=http://127.0.0.1:8321 \\\n    aws sso login --profile dev\n",
    );
  });
});
