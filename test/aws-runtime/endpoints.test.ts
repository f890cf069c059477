import * as Official from "@aws-sdk/client-sso-oidc";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as Ours from "../../src/index";
import { resolveUrl, type ClientModule, type Resolution } from "./resolve-url";

/*
 * Endpoint resolution, end to end: the rule set's own test cases, every
 * partition in every FIPS / dual-stack combination, FIPS pseudo-regions and
 * custom endpoints, each checked against the official client.
 */

const ours = Ours as unknown as ClientModule;
const official = Official as unknown as ClientModule;

interface EndpointTestCase {
  readonly documentation: string;
  readonly params?: {
    readonly Region?: string;
    readonly UseFIPS?: boolean;
    readonly UseDualStack?: boolean;
    readonly Endpoint?: string;
  };
  readonly expect: { readonly endpoint?: { readonly url: string }; readonly error?: string };
}

/** The model's own endpoint test cases; `test/fixtures/README.md` says where they come from. */
const endpointTests = JSON.parse(
  readFileSync(join(__dirname, "../fixtures/endpoint-tests.json"), "utf8"),
) as EndpointTestCase[];

/** What two clients are compared on: the URL, or the error message when there is no request. */
function outcome(resolution: Resolution): { url: string } | { error: string } {
  return "url" in resolution ? { url: resolution.url } : { error: resolution.error.message };
}

const FIPS_DUALSTACK = [
  { useFipsEndpoint: false, useDualstackEndpoint: false },
  { useFipsEndpoint: true, useDualstackEndpoint: false },
  { useFipsEndpoint: false, useDualstackEndpoint: true },
  { useFipsEndpoint: true, useDualstackEndpoint: true },
] as const;

describe("the rule set's test cases", () => {
  it("reads all 40 cases", () => {
    expect(endpointTests).toHaveLength(40);
  });

  it.each(endpointTests.map((testCase) => [testCase.documentation, testCase] as const))(
    "%s",
    async (_name, testCase) => {
      const { Region, UseFIPS, UseDualStack, Endpoint } = testCase.params ?? {};
      const config = {
        // Without a region the constructor would stop at "Region is missing"; a
        // provider of undefined lets the rules themselves report the missing region.
        region: Region ?? (async () => undefined),
        useFipsEndpoint: UseFIPS,
        useDualstackEndpoint: UseDualStack,
        endpoint: Endpoint,
      };
      const expected =
        testCase.expect.error === undefined
          ? { url: testCase.expect.endpoint?.url }
          : { error: testCase.expect.error };

      const ourResult = await resolveUrl(ours, config);
      expect(outcome(ourResult)).toEqual(expected);
      if ("error" in ourResult) expect(ourResult.sent).toBe(0);

      if (Region === undefined) {
        // The official client checks the region for its auth scheme before the
        // endpoint rules run, so its rules are reached through its endpointProvider.
        const officialClient = new Official.SSOOIDCClient({ region: "us-east-1" });
        const officialOutcome = (() => {
          try {
            const { url } = officialClient.config.endpointProvider({
              UseFIPS: UseFIPS ?? false,
              UseDualStack: UseDualStack ?? false,
              ...(Endpoint === undefined ? {} : { Endpoint }),
            });
            return {
              url: `${url.protocol}//${url.host}${url.pathname === "/" ? "" : url.pathname}`,
            };
          } catch (error) {
            return { error: (error as Error).message };
          }
        })();
        officialClient.destroy();
        expect(officialOutcome).toEqual(expected);
      } else {
        expect(outcome(await resolveUrl(official, config))).toEqual(expected);
      }
    },
  );
});

const PARTITION_REGIONS = [
  "us-east-1",
  "eu-west-1",
  "us-west-9",
  "cn-north-1",
  "us-gov-west-1",
  "us-gov-east-1",
  "us-iso-east-1",
  "us-isob-east-1",
  "eu-isoe-west-1",
  "us-isof-south-1",
  "eusc-de-east-1",
  "xx-unknown-1",
  "mars-central-1",
];

describe("every partition, in every FIPS and dual-stack combination, as the official client", () => {
  const cases = PARTITION_REGIONS.flatMap((region) =>
    FIPS_DUALSTACK.map(
      (flags) =>
        [
          `${region} fips=${flags.useFipsEndpoint} dualstack=${flags.useDualstackEndpoint}`,
          { region, ...flags },
        ] as const,
    ),
  );

  it.each(cases)("%s", async (_name, config) => {
    const expected = outcome(await resolveUrl(official, config));
    expect(outcome(await resolveUrl(ours, config))).toEqual(expected);
  });

  it("places known and pattern-matched regions in their partition's domain", async () => {
    const urls = await Promise.all(
      ["us-west-9", "cn-north-1", "us-gov-east-1", "eusc-de-east-1", "mars-central-1"].map(
        async (region) => outcome(await resolveUrl(ours, { region })),
      ),
    );
    expect(urls).toEqual([
      { url: "https://oidc.us-west-9.amazonaws.com" },
      { url: "https://oidc.cn-north-1.amazonaws.com.cn" },
      { url: "https://oidc.us-gov-east-1.amazonaws.com" },
      { url: "https://oidc.eusc-de-east-1.amazonaws.eu" },
      { url: "https://oidc.mars-central-1.amazonaws.com" },
    ]);
  });
});

describe("FIPS pseudo-regions, as the official client", () => {
  const regions = [
    "fips-us-east-1",
    "us-east-1-fips",
    "fips-us-gov-west-1",
    "us-gov-west-1-fips",
    "fips-cn-north-1",
    "fips-eu-west-1",
  ];
  const cases = regions.flatMap((region) =>
    FIPS_DUALSTACK.map(
      (flags) =>
        [
          `${region} fips=${flags.useFipsEndpoint} dualstack=${flags.useDualstackEndpoint}`,
          { region, ...flags },
        ] as const,
    ),
  );

  it.each(cases)("%s", async (_name, config) => {
    const expected = outcome(await resolveUrl(official, config));
    expect(outcome(await resolveUrl(ours, config))).toEqual(expected);
  });

  it("turns fips-us-east-1 into the FIPS endpoint of us-east-1", async () => {
    expect(outcome(await resolveUrl(ours, { region: "fips-us-east-1" }))).toEqual({
      url: "https://oidc-fips.us-east-1.amazonaws.com",
    });
    expect(outcome(await resolveUrl(ours, { region: "us-east-1-fips" }))).toEqual({
      url: "https://oidc-fips.us-east-1.amazonaws.com",
    });
  });

  it("resolves the same region and FIPS setting in the config", async () => {
    for (const region of regions) {
      const ourClient = new Ours.SSOOIDCClient({ region });
      const officialClient = new Official.SSOOIDCClient({ region });
      expect([await ourClient.config.region(), await ourClient.config.useFipsEndpoint()]).toEqual([
        await officialClient.config.region(),
        await officialClient.config.useFipsEndpoint(),
      ]);
      ourClient.destroy();
      officialClient.destroy();
    }
  });
});

describe("a region that is not a host label", () => {
  it.each(["us-east-1.evil.com", "a/b", "us east 1", "-us-east-1", "us-east-1:443", "us_east_1"])(
    "refuses %j with an InvalidRegionError before sending",
    async (region) => {
      const result = await resolveUrl(ours, { region });
      expect(result).toEqual({
        error: { name: "InvalidRegionError", message: expect.stringContaining(region) },
        sent: 0,
      });
      // The official client refuses it too, before sending.
      expect(await resolveUrl(official, { region })).toMatchObject({ sent: 0 });
    },
  );

  it("refuses an empty region at construction, as the official client does", () => {
    expect(() => new Ours.SSOOIDCClient({ region: "" })).toThrow(new Error("Region is missing"));
    expect(() => new Official.SSOOIDCClient({ region: "" })).toThrow(
      new Error("Region is missing"),
    );
  });
});

describe("custom endpoints, as the official client", () => {
  it.each([
    "https://example.com",
    "https://example.com/",
    "https://example.com/base",
    "https://example.com/base/",
    "http://127.0.0.1:4566",
    "https://[::1]:8080",
    "https://EXAMPLE.com:443",
    "https://example.com?x=1",
  ])("%s", async (endpoint) => {
    // The whole request path, operation path included, so a doubled slash shows.
    const config = { region: "us-east-1", endpoint };
    const expected = outcome(await resolveUrl(official, config, { withOperationPath: true }));
    expect(outcome(await resolveUrl(ours, config, { withOperationPath: true }))).toEqual(expected);
  });

  it("sends to the endpoint's host, port and path", async () => {
    const result = await resolveUrl(ours, {
      region: "eu-west-1",
      endpoint: "http://127.0.0.1:4566/base",
    });
    expect(result).toEqual({ url: "http://127.0.0.1:4566/base" });
  });
});
