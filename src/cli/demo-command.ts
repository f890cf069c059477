import { parseArgs } from "node:util";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSsoCache, loginWithDeviceCode, refreshSsoToken, SSOOIDCClient } from "../index";
import { startEmulator } from "../emulator/index";
import { formatCacheTime } from "../cache/formats";
import { getPortalRoleCredentials, listPortalAccounts, listPortalRoles } from "./access-portal";
import { CliError, interruptionOr, listenForInterruption } from "./cli-command";
import { boundedRequests, DEFAULT_TIMEOUT_SECONDS, observeClient } from "./service-client";
import type { PortalRoleCredentials } from "./access-portal";
import type { CliCommand, CliIo } from "./cli-command";
import type { EmulatorOptions } from "../emulator/index";
import type { SsoToken } from "../index";

const DEMO_HELP = `Usage: sso-oidc demo

Shows a whole sign-in without an AWS account, in about a second: starts the local emulator
on 127.0.0.1, signs in with the device code flow (RegisterClient, StartDeviceAuthorization,
CreateToken), approves the code on the emulator's /device page over HTTP as a browser would,
caches the token in the AWS CLI's format, refreshes it, then uses it at the emulator's access
portal as the AWS CLI and SDKs do (ListAccounts, ListAccountRoles, GetRoleCredentials).
Secrets are shown redacted. The cache is a temporary folder, removed at the end: your ~/.aws
is not touched.

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

/** The entities an HTML attribute value on the device page may hold. */
const ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
};

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
    `     expiresAt:    ${formatCacheTime(token.expiresAt)}`,
  ];
}

/**
 * Role credentials as a user may see them: the access key id's first characters (`ASIA` marks
 * temporary keys) and the expiration; the secret and the session token not at all.
 */
function describeRoleCredentials(credentials: PortalRoleCredentials): string[] {
  return [
    `     accessKeyId:        ${credentials.accessKeyId.slice(0, 8)}…(redacted)`,
    "     secretAccessKey:    (redacted)",
    "     sessionToken:       (redacted)",
    `     expiration:         ${formatCacheTime(credentials.expiration)}`,
  ];
}

function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of tag.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)="([^"]*)"/g)) {
    found.set(
      match[1]!.toLowerCase(),
      match[2]!.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!),
    );
  }
  return found;
}

interface FormSubmission {
  action: URL;
  body: URLSearchParams;
}

/**
 * What a browser sends when the user clicks the button labelled `buttonText`: the form's
 * action, its named inputs, and the clicked button's own name=value (HTML §4.10.21.4, the
 * submitter is part of the form data set).
 */
function submissionFor(
  html: string,
  pageUrl: string,
  buttonText: string,
): FormSubmission | undefined {
  for (const form of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const [, formTag = "", inner = ""] = form;
    const button = [...inner.matchAll(/<button\b([^>]*)>\s*([^<]*?)\s*<\/button>/gi)].find(
      (candidate) => candidate[2] === buttonText,
    );
    if (!button) continue;
    const body = new URLSearchParams();
    for (const input of inner.matchAll(/<input\b([^>]*?)\/?>/gi)) {
      const attrs = attributes(input[1] ?? "");
      const name = attrs.get("name");
      if (name !== undefined) body.append(name, attrs.get("value") ?? "");
    }
    const buttonAttrs = attributes(button[1] ?? "");
    const name = buttonAttrs.get("name");
    if (name !== undefined) body.append(name, buttonAttrs.get("value") ?? "");
    const action = new URL(attributes(formTag).get("action") ?? "", pageUrl);
    return { action, body };
  }
  return undefined;
}

/**
 * Approves a device code on the service's verification page over plain HTTP, exactly as a
 * browser without JavaScript would: GET the page (RFC 8628 §3.3 verification_uri_complete),
 * then POST its form with the Approve button, from the page's own origin.
 */
async function approveOnDevicePage(pageUrl: string): Promise<{ action: URL; fields: string[] }> {
  const page = await fetch(pageUrl, { redirect: "error" });
  const html = await page.text();
  const submission = page.ok ? submissionFor(html, pageUrl, "Approve") : undefined;
  if (!submission) {
    throw new CliError(
      "DEMO_FAILED",
      `The device page ${pageUrl} answered ${page.status} without an Approve button.`,
    );
  }
  const answer = await fetch(submission.action, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: new URL(pageUrl).origin,
    },
    body: submission.body.toString(),
    redirect: "error",
  });
  await answer.text();
  if (!answer.ok) {
    throw new CliError(
      "DEMO_FAILED",
      `Approving on ${submission.action.href} failed with HTTP ${answer.status}.`,
    );
  }
  return { action: submission.action, fields: [...submission.body.keys()] };
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
      "sso-oidc demo: a device code login, a token refresh and role credentials from a local emulator.",
      "No AWS account is used; a temporary folder stands in for ~/.aws.",
      "",
    );
    const interruption = listenForInterruption(
      io,
      "Demo stopped; the emulator and temporary folder were removed",
    );
    const home = await mkdtemp(join(tmpdir(), "sso-oidc-demo."));
    const emulator = await startEmulator({ ...emulatorOptions, port: 0, host: "127.0.0.1" });
    const timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
    const client = observeClient(
      new SSOOIDCClient({
        region: REGION,
        endpoint: emulator.url,
        requestHandler: boundedRequests(timeoutSeconds),
      }),
      { timeoutSeconds },
    );
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
      // The emulator serves the access portal on the same port, as AWS_ENDPOINT_URL_SSO would.
      const accounts = await listPortalAccounts(emulator.url, fresh.accessToken);
      const [account] = accounts;
      if (account === undefined) throw new CliError("DEMO_FAILED", "ListAccounts listed none.");
      const roles = await listPortalRoles(emulator.url, fresh.accessToken, account.accountId);
      const [roleName] = roles;
      if (roleName === undefined)
        throw new CliError("DEMO_FAILED", "ListAccountRoles listed none.");
      const credentials = await getPortalRoleCredentials(
        emulator.url,
        fresh.accessToken,
        account.accountId,
        roleName,
      );
      say(
        "6. The access portal, called with the new access token as the AWS CLI and SDKs call it",
        `     ListAccounts:       ${accounts.map((a) => `${a.accountId} (${a.accountName})`).join(", ")}`,
        `     ListAccountRoles:   ${roles.join(", ")} in ${account.accountId}`,
        `     GetRoleCredentials: ${roleName} in ${account.accountId}`,
        ...describeRoleCredentials(credentials),
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
      "7. Stopped the emulator and removed the temporary folder.",
      "",
      "Next: 'sso-oidc login --profile NAME' against IAM Identity Center, or 'sso-oidc emulator'",
      "with AWS_ENDPOINT_URL_SSO_OIDC and AWS_ENDPOINT_URL_SSO to sign in and get credentials offline.",
    );
    return 0;
  }

  return {
    name: "demo",
    run: runDemoCommand,
  };
}

const demoCommand = createDemoCommand();

export { createDemoCommand, demoCommand };
