import { describe, expect, it } from "vitest";
import * as Ours from "../../src/index";

/*
 * Swapping the import must not lose a name: every runtime export of the
 * official package is one of ours, with the same kind. Left out: the schema
 * objects (names ending in `$`) and `errorTypeRegistries`, which belong to the
 * official client's schema-driven serde; and `default`, which is not an
 * export of the package but Node's CommonJS wrapper (the official package is
 * loaded from its `main`, a CommonJS file).
 */

const official: Record<string, unknown> = await import("@aws-sdk/client-sso-oidc");
const ours: Record<string, unknown> = Ours;

function isCommonJsWrapper(name: string): boolean {
  return (
    name === "default" &&
    typeof official.default === "object" &&
    official.default !== null &&
    (official.default as Record<string, unknown>).SSOOIDCClient === official.SSOOIDCClient
  );
}

const comparedNames = Object.keys(official)
  .filter((name) => !name.endsWith("$"))
  .filter((name) => name !== "errorTypeRegistries")
  .filter((name) => !isCommonJsWrapper(name))
  .sort();

function kind(value: unknown): string {
  return value === null ? "null" : typeof value;
}

describe("runtime exports", () => {
  it("the list of official exports is the one this test expects to compare", () => {
    // Guards against an empty or truncated list making every check below vacuous.
    expect(comparedNames.length).toBeGreaterThanOrEqual(25);
    for (const name of [
      "SSOOIDCClient",
      "SSOOIDC",
      "CreateTokenCommand",
      "CreateTokenWithIAMCommand",
      "RegisterClientCommand",
      "StartDeviceAuthorizationCommand",
      "SSOOIDCServiceException",
      "AccessDeniedExceptionReason",
      "$Command",
      "__Client",
    ]) {
      expect(comparedNames).toContain(name);
    }
  });

  it("ours exports every compared official name", () => {
    const missing = comparedNames.filter((name) => !Object.hasOwn(ours, name));
    expect(missing).toStrictEqual([]);
  });

  it.each(comparedNames)("%s has the same kind in both", (name) => {
    expect(ours[name]).toBeDefined();
    expect(kind(ours[name])).toBe(kind(official[name]));
  });

  it.each(comparedNames.filter((name) => typeof official[name] === "object"))(
    "%s has the same keys and values in both",
    (name) => {
      expect(ours[name]).toStrictEqual(official[name]);
    },
  );

  it.each(comparedNames.filter((name) => /Exception$/.test(name)))(
    "%s is a subclass of Error (and of SSOOIDCServiceException where the official's is)",
    (name) => {
      const OurClass = ours[name] as Function;
      const OfficialClass = official[name] as Function;
      expect(OurClass.prototype).toBeInstanceOf(Error);
      expect(OurClass.prototype instanceof Ours.SSOOIDCServiceException).toBe(
        OfficialClass.prototype instanceof (official.SSOOIDCServiceException as Function),
      );
    },
  );
});
