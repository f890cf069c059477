import { afterEach, describe, expect, it, vi } from "vitest";
import type { UserAgentPair } from "@smithy/types";
import { formatPair, resolveUserAgentConfig } from "../../src/runtime/user-agent";

describe("user agent", () => {
  it.each<[UserAgentPair, string]>([
    [["sso-oidc", "1.0.0"], "sso-oidc/1.0.0"],
    [["os/linux", "6.1.0"], "os/linux#6.1.0"],
    [["md/nodejs", "20.20.2"], "md/nodejs#20.20.2"],
    [["lang/js"], "lang/js"],
    [["ua", "2.1"], "ua/2.1"],
    [["my tool(x)", "1 2"], "my-tool-x-/1-2"],
    [["my-tool/1.0"], "my-tool/1.0"],
    [["p/plugin", "1.0.0"], "p/plugin#1.0.0"],
    [["api/SSO OIDC", "3.1"], "api/sso-oidc#3.1"],
    [["a/b c/d", "v#1"], "a/b-c/d#v#1"],
  ])("formats %j as %s, as the AWS SDKs do", (pair, text) => {
    expect(formatPair(pair)).toBe(text);
  });

  it("takes a custom user agent given as a string as one name", () => {
    expect(
      resolveUserAgentConfig({ customUserAgent: "my-tool/1.0" }).customUserAgent,
    ).toStrictEqual([["my-tool/1.0"]]);
    const pairs: UserAgentPair[] = [["a", "1"]];
    expect(resolveUserAgentConfig({ customUserAgent: pairs }).customUserAgent).toBe(pairs);
  });

  describe("userAgentAppId", () => {
    afterEach(() => {
      vi.restoreAllMocks();
    });

    it("is a provider of the configured value", async () => {
      const config = resolveUserAgentConfig({ userAgentAppId: "my-app" });
      expect(await config.userAgentAppId()).toBe("my-app");
      const provided = resolveUserAgentConfig({ userAgentAppId: async () => "later" });
      expect(await provided.userAgentAppId()).toBe("later");
      expect(await resolveUserAgentConfig({}).userAgentAppId()).toBeUndefined();
    });

    it("warns through the logger when it is longer than 50 characters", async () => {
      const warnings: unknown[] = [];
      const logger = {
        debug() {},
        info() {},
        warn: (message: unknown) => warnings.push(message),
        error() {},
      };
      const config = resolveUserAgentConfig({ userAgentAppId: "x".repeat(51), logger });
      expect(await config.userAgentAppId()).toBe("x".repeat(51));
      expect(warnings).toStrictEqual([
        "The provided userAgentAppId exceeds the maximum length of 50 characters.",
      ]);
    });
  });
});
