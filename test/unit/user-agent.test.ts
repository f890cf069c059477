import { describe, expect, it } from "vitest";
import type { UserAgentPair } from "@smithy/types";
import { buildUserAgent, formatPair } from "../../src/runtime/user-agent";

describe("user agent", () => {
  it.each<[UserAgentPair, string]>([
    [["sso-oidc", "1.0.0"], "sso-oidc/1.0.0"],
    [["os/linux", "6.1.0"], "os/linux#6.1.0"],
    [["md/nodejs", "20.20.2"], "md/nodejs#20.20.2"],
    [["lang/js"], "lang/js"],
    [["ua", "2.1"], "ua/2.1"],
    [["my tool(x)", "1 2"], "my-tool-x-/1-2"],
  ])("formats %j as %s", (pair, text) => {
    expect(formatPair(pair)).toBe(text);
  });

  it("builds the full and the short value, with the app id and custom fields last", () => {
    expect(
      buildUserAgent({
        platformPairs: [["ua", "2.1"], ["os/linux", "6.1"], ["lang/js"], ["md/nodejs", "20.1.0"]],
        packageVersion: "1.2.3",
        customUserAgent: [["extra", "9"]],
        userAgentAppId: "my-app",
      }),
    ).toStrictEqual({
      full: "sso-oidc/1.2.3 ua/2.1 os/linux#6.1 lang/js md/nodejs#20.1.0 api/sso-oidc#1.2.3 app/my-app extra/9",
      short: "sso-oidc/1.2.3 app/my-app extra/9",
    });
  });

  it("takes a custom user agent given as a string as it is", () => {
    expect(
      buildUserAgent({ platformPairs: [], packageVersion: "1", customUserAgent: "raw/1 x" }).short,
    ).toBe("sso-oidc/1 raw/1 x");
  });
});
