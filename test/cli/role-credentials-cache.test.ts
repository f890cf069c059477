import { describe, expect, it } from "vitest";
import { pythonJsonDumps, roleCredentialsCacheKey } from "../../src/cache/keys";

/*
 * The names the AWS CLI gives the role credentials it caches with SSO tokens, so that
 * `sso-oidc logout --profile` removes exactly a login's files. Expected values computed with
 * Python: sha1(json.dumps(args, sort_keys=True, separators=(",", ":"))).
 */

describe("roleCredentialsCacheKey", () => {
  it("hashes the account, the role and the sso-session name", () => {
    expect(
      roleCredentialsCacheKey({
        accountId: "111111111111",
        roleName: "AdministratorAccess",
        sessionName: "corp",
        startUrl: "https://d-1234567890.awsapps.com/start",
      }),
    ).toBe("16e5f373157b11b9ca274bd774686b0119407b56");
  });

  it("hashes the start URL instead for a legacy profile", () => {
    expect(
      roleCredentialsCacheKey({
        accountId: "222222222222",
        roleName: "ReadOnlyAccess",
        startUrl: "https://d-1234567890.awsapps.com/start",
      }),
    ).toBe("19ff5e2b94d628533a643fb8212ecd216160beed");
  });

  it("escapes what Python's json escapes, with compact separators", () => {
    const args = { roleName: "R", accountId: "111111111111", sessionName: "é ü, x:y" };
    expect(pythonJsonDumps(args, true)).toBe(
      '{"accountId":"111111111111","roleName":"R","sessionName":"\\u00e9 \\u00fc, x:y"}',
    );
    expect(roleCredentialsCacheKey({ ...args, startUrl: "https://unused" })).toBe(
      "d262181d40a205fa665060d31d73516f907862c1",
    );
  });
});
