import { existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { createDemoCommand } from "../../src/cli/demo-command";
import { expectLines, recordingIds, requireBuiltBin, runBinToEnd } from "./support/cli-harness";
import type { CliIo } from "../../src/cli/cli-command";

beforeAll(() => requireBuiltBin());

const TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";
const KEYS =
  "startUrl, region, accessToken, expiresAt, clientId, clientSecret, registrationExpiresAt, refreshToken";

/**
 * The demo's steps; `secret` is what a redacted token looks like, `keyPrefix` the part of the
 * role credentials' access key id that is shown.
 */
function demoLines(secret: string, userCode: string, keyPrefix: string): (string | RegExp)[] {
  const url = "http://127\\.0\\.0\\.1:\\d+";
  return [
    "sso-oidc demo: a device code login, a token refresh and role credentials from a local emulator.",
    "No AWS account is used; a temporary folder stands in for ~/.aws.",
    "",
    new RegExp(`^1\\. Started the SSO OIDC emulator at ${url}$`),
    new RegExp(`^2\\. RegisterClient and StartDeviceAuthorization: the user code is ${userCode}$`),
    new RegExp(`^ {5}verification page: ${url}/device\\?user_code=${userCode}$`),
    new RegExp(
      `^3\\. Approved it as a browser does: GET /device\\?user_code=${userCode}, then POST /device with the Approve button \\(user_code, decision\\)$`,
    ),
    "4. CreateToken (device_code grant): signed in; the token is cached as the AWS CLI caches it",
    new RegExp(`^ {5}accessToken: {2}${secret}$`),
    new RegExp(`^ {5}refreshToken: ${secret}$`),
    new RegExp(`^ {5}expiresAt: {4}${TIME}$`),
    /^ {5}cache file: {3}\S+\/sso-oidc-demo\.\w+\/\.aws\/sso\/cache\/89e495e7941cf9e40e6980d14a16bf023ccd4c91\.json$/,
    `     mode 0600, keys: ${KEYS}`,
    "5. CreateToken (refresh_token grant): refreshed and written back to the cache",
    new RegExp(`^ {5}accessToken: {2}${secret} \\(new\\)$`),
    new RegExp(`^ {5}refreshToken: ${secret} \\(rotated\\)$`),
    new RegExp(`^ {5}expiresAt: {4}${TIME}$`),
    "6. The access portal, called with the new access token as the AWS CLI and SDKs call it",
    "     ListAccounts:       111111111111 (Development), 222222222222 (Production)",
    "     ListAccountRoles:   AdministratorAccess, ReadOnlyAccess in 111111111111",
    "     GetRoleCredentials: AdministratorAccess in 111111111111",
    new RegExp(`^ {5}accessKeyId: {8}${keyPrefix}…\\(redacted\\)$`),
    "     secretAccessKey:    (redacted)",
    "     sessionToken:       (redacted)",
    new RegExp(`^ {5}expiration: {9}${TIME}$`),
    "7. Stopped the emulator and removed the temporary folder.",
    "",
    "Next: 'sso-oidc login --profile NAME' against IAM Identity Center, or 'sso-oidc emulator'",
    "with AWS_ENDPOINT_URL_SSO_OIDC and AWS_ENDPOINT_URL_SSO to sign in and get credentials offline.",
    "",
  ];
}

describe("sso-oidc demo", () => {
  it("the bin logs in, approves, refreshes, gets role credentials, prints each step redacted, cleans up and exits 0", async () => {
    const started = Date.now();
    // HOME points nowhere writable: the demo must not touch the user's ~/.aws.
    const result = await runBinToEnd(["demo"], {
      PATH: process.env["PATH"] ?? "",
      HOME: "/nonexistent-home",
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
    expectLines(
      result.stdout,
      demoLines("ao[ar][\\w-]{3}…\\(redacted\\)", "[B-Z]{4}-[B-Z]{4}", "ASIA[A-Z2-7]{4}"),
    );
    // No secret: the emulator's tokens are runs of 40+ base64url characters, its role
    // credentials' access key id 20 characters. The only long runs allowed are the cache
    // file's sha1 name and words of the text.
    const words = [
      "StartDeviceAuthorization",
      "registrationExpiresAt",
      "AWS_ENDPOINT_URL_SSO_OIDC",
      "AWS_ENDPOINT_URL_SSO",
    ];
    const longRuns = (result.stdout.match(/[\w-]{20,}/g) ?? []).filter(
      (run) => !words.includes(run),
    );
    expect(longRuns).toEqual(["89e495e7941cf9e40e6980d14a16bf023ccd4c91"]);
    const folder = /cache file: +(\S+)\/\.aws\//.exec(result.stdout)?.[1] ?? "";
    expect(folder).not.toBe("");
    expect(existsSync(folder)).toBe(false);
  });

  it("prints none of the secrets the emulator issued (recognisable ids, in process)", async () => {
    const ids = recordingIds();
    let stdout = "";
    let stderr = "";
    const io: CliIo = {
      stdout: (text) => void (stdout += text),
      stderr: (text) => void (stderr += text),
      waitForShutdown: () => new Promise(() => {}),
    };
    expect(await createDemoCommand({ generateId: ids.generateId }).run([], io)).toBe(0);
    expect(stderr).toBe("");
    expectLines(stdout, demoLines("(access|refres)…\\(redacted\\)", "CODE-0001", "accessKe"));
    expect(ids.secrets()).toHaveLength(6); // secret, device code, 2 access + 2 refresh tokens
    const roleCredentials = (["accessKeyId", "secretAccessKey", "sessionToken"] as const).flatMap(
      (kind) => ids.issued.get(kind) ?? [],
    );
    expect(roleCredentials).toHaveLength(3); // one GetRoleCredentials
    for (const secret of [...ids.secrets(), ...roleCredentials]) {
      expect(stdout).not.toContain(secret);
    }
  });
});
