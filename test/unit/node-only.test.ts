import { describe, expect, it } from "vitest";
import * as real from "../../src/node-only";
import * as stubs from "../../src/node-only.browser";

describe("the browser stand-ins for the Node-only API", () => {
  it("have exactly the names of the Node-only API", () => {
    expect(Object.keys(stubs).sort()).toStrictEqual(Object.keys(real).sort());
  });

  it("fail with an error that says why and what to use instead", () => {
    expect(() => (stubs.loginWithPkce as () => unknown)()).toThrow(
      "loginWithPkce needs Node.js (files, a loopback listener or child processes) and is not available in browsers or React Native; use the client's commands directly.",
    );
    try {
      (stubs.createSsoCache as () => unknown)();
    } catch (error) {
      expect(error).toMatchObject({ name: "NodeOnlyError", code: "ERR_SSO_OIDC_NODE_ONLY" });
    }
    expect.assertions(2);
  });
});
