import { readFileSync } from "node:fs";
import { join } from "node:path";
// The official AWS SDK's `aws.*` endpoint functions; the module registers them in
// `@smithy/core`'s `customEndpointFunctions` itself, as every official client does.
import { awsEndpointFunctions } from "@aws-sdk/core/client";
import {
  customEndpointFunctions,
  EndpointError,
  resolveEndpoint,
  type EndpointParams,
  type RuleSetObject,
} from "@smithy/core/endpoints";
import { SSOOIDCClient as OfficialClient } from "@aws-sdk/client-sso-oidc";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resolveRuleSetEndpoint } from "../../src/client/endpoint/endpointResolver";
import { partitions } from "../../src/client/endpoint/partitions";
import { SSOOIDCClient } from "../../src/index";
import type { EndpointParameters } from "../../src/runtime/config";

/*
 * The compiled endpoint resolver against the rules engine it replaces:
 * `@smithy/core/endpoints`' `resolveEndpoint` running the model's rule set
 * with the official `aws.partition`, kept here as the oracle only. Both must
 * give the same endpoint (URL, properties, headers) or throw the same error
 * class with the same message. A fixed seed keeps `npm test` repeatable;
 * FUZZ_RUNS=N runs longer (and FUZZ_SEED=N elsewhere in the space).
 */

const RUNS = Number(process.env["FUZZ_RUNS"] ?? 2000);
const SEED = Number(process.env["FUZZ_SEED"] ?? 16);

const model = JSON.parse(
  readFileSync(join(__dirname, "../../codegen/model/sso-oidc.json"), "utf8"),
) as { shapes: Record<string, { type: string; traits?: Record<string, unknown> }> };
const service = Object.values(model.shapes).find((shape) => shape.type === "service");
const ruleSet = service?.traits?.["smithy.rules#endpointRuleSet"] as RuleSetObject;

type Outcome =
  | { url: string; properties: unknown; headers: unknown }
  | { error: string; message: string; isEndpointError: boolean };

function outcome(resolve: () => { url: URL; properties?: unknown; headers?: unknown }): Outcome {
  try {
    const { url, properties, headers } = resolve();
    return { url: url.href, properties, headers };
  } catch (error) {
    return {
      error: (error as Error).constructor.name,
      message: (error as Error).message,
      isEndpointError: error instanceof EndpointError,
    };
  }
}

/** The rules engine's answer; it fills in defaults on the object it is given, so it gets a copy. */
function oracle(params: EndpointParameters): Outcome {
  const endpointParams: EndpointParams = {};
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) endpointParams[name] = value as string | boolean;
  }
  return outcome(() => resolveEndpoint(ruleSet, { endpointParams }));
}

/**
 * The official client's own resolver, for the drop-in promise: it runs the
 * same rules compiled by AWS into a decision diagram, through the same engine.
 */
const officialClient = new OfficialClient({ region: "us-east-1" });
const officialProvider = officialClient.config.endpointProvider;
officialClient.destroy();

function official(params: EndpointParameters): Outcome {
  return outcome(() => officialProvider({ ...params }));
}

function compiled(params: EndpointParameters): Outcome {
  return outcome(() => resolveRuleSetEndpoint({ ...params }));
}

// The rules engine logs every URL it cannot construct before rethrowing; the oracle's noise.
beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe("the oracle", () => {
  it("runs the model's rule set with the official aws functions", () => {
    expect(customEndpointFunctions["aws"]).toBe(awsEndpointFunctions);
    expect(Object.keys(ruleSet.parameters).sort()).toEqual([
      "Endpoint",
      "Region",
      "UseDualStack",
      "UseFIPS",
    ]);
  });
});

interface EndpointTestCase {
  readonly documentation: string;
  readonly params?: EndpointParameters;
  readonly expect: { readonly endpoint?: { readonly url: string }; readonly error?: string };
}

const endpointTests = JSON.parse(
  readFileSync(join(__dirname, "../fixtures/endpoint-tests.json"), "utf8"),
) as EndpointTestCase[];

describe("the model's 40 endpoint test cases, on the compiled function", () => {
  it.each(endpointTests.map((testCase) => [testCase.documentation, testCase] as const))(
    "%s",
    (_name, testCase) => {
      const ours = compiled(testCase.params ?? {});
      expect(ours).toEqual(oracle(testCase.params ?? {}));
      if (testCase.expect.error === undefined) {
        // The published URLs have no trailing slash; a WHATWG URL's href adds one.
        expect(ours).toEqual({
          url: new URL(testCase.expect.endpoint!.url).href,
          properties: {},
          headers: {},
        });
      } else {
        expect(ours).toEqual({
          error: "EndpointError",
          message: testCase.expect.error,
          isEndpointError: true,
        });
      }
    },
  );
});

/** Regions every partition knows by name, and region-shaped names of its pattern. */
const knownRegion = fc.constantFrom(...partitions.flatMap((p) => p.regions));
const patternRegion = fc.oneof(
  ...partitions.map((p) => fc.stringMatching(p.regionRegex, { size: "small" })),
);
const hostLabel = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,20}[a-z0-9])?$/);
const oddRegion = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "us-east-1.evil.com",
    "a/b",
    "us east 1",
    "-us-east-1",
    "us-east-1-",
    "us-east-1:443",
    "us_east_1",
    "US-EAST-1",
    "a".repeat(64),
    "[::1]",
    "%41",
    "#",
    "?x",
    "@evil",
    "xn--nxasmq6b",
    "ünïcode-1",
    "__proto__",
    "constructor",
    "aws-global",
    "aws-us-gov-global",
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "grapheme", maxLength: 6 }),
);
const baseRegion = fc.oneof(knownRegion, patternRegion, hostLabel, oddRegion);
const region = fc.option(
  fc.oneof(
    { arbitrary: baseRegion, weight: 4 },
    { arbitrary: baseRegion.map((r) => `fips-${r}`), weight: 1 },
    { arbitrary: baseRegion.map((r) => `${r}-fips`), weight: 1 },
  ),
  { nil: undefined, freq: 8 },
);
const flag = fc.option(fc.boolean(), { nil: undefined, freq: 4 });
const endpoint = fc.option(
  fc.oneof(
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
    fc.constantFrom(
      "http://127.0.0.1:4566",
      "https://[::1]:8080/base/",
      "https://EXAMPLE.com:443",
      "http://localhost",
      "not a url",
      "",
      "http://",
      "://example.com",
      "https://exa mple.com",
      "example.com",
      "ftp://example.com",
      "https://example.com:99999",
    ),
    fc.string({ maxLength: 16 }),
  ),
  { nil: undefined, freq: 3 },
);

describe("drawn parameters (fast-check, seed " + SEED + ", " + RUNS + " runs)", () => {
  it("resolve to the same endpoint or the same error as the rules engine and the official client", () => {
    const seen = { endpoints: 0, endpointErrors: 0, otherErrors: 0 };
    fc.assert(
      fc.property(region, flag, flag, endpoint, (Region, UseFIPS, UseDualStack, Endpoint) => {
        const params: EndpointParameters = { Region, UseFIPS, UseDualStack, Endpoint };
        const expected = oracle(params);
        expect(compiled(params)).toEqual(expected);
        expect(official(params)).toEqual(expected);
        if ("url" in expected) seen.endpoints += 1;
        else if (expected.isEndpointError) seen.endpointErrors += 1;
        else seen.otherErrors += 1;
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // The draws reach every kind of outcome, not only one (checked where runs are enough to say).
    if (RUNS < 500) return;
    expect(seen.endpoints).toBeGreaterThan(RUNS / 4);
    expect(seen.endpointErrors).toBeGreaterThan(RUNS / 20);
    expect(seen.otherErrors).toBeGreaterThan(0);
  });
});

describe("resolved endpoints are kept", () => {
  it("resolves once per set of parameters, as the official client's EndpointCache does, and keeps no error", () => {
    const lines: string[] = [];
    const logger = { debug: (line: string) => lines.push(line), info() {}, warn() {}, error() {} };
    const client = new SSOOIDCClient({ region: "ap-southeast-4" });
    const params = { Region: "ap-southeast-4", UseFIPS: true, UseDualStack: false };
    const first = client.config.endpointProvider({ ...params }, { logger });
    const second = client.config.endpointProvider({ ...params }, { logger });
    expect(second).toBe(first);
    expect(first.url.href).toBe("https://oidc-fips.ap-southeast-4.amazonaws.com/");
    expect(lines).toHaveLength(2);
    const other = client.config.endpointProvider({ ...params, UseFIPS: false }, { logger });
    expect(other.url.href).toBe("https://oidc.ap-southeast-4.amazonaws.com/");
    expect(lines).toHaveLength(4);
    const failing = { Region: "ap-southeast-4", Endpoint: "https://example.com", UseFIPS: true };
    for (let i = 0; i < 2; i++) {
      expect(() => client.config.endpointProvider({ ...failing }, { logger })).toThrow(
        "Invalid Configuration: FIPS and custom endpoint are not supported",
      );
    }
    expect(lines).toHaveLength(6);
    client.destroy();
  });
});

describe("a debug logger", () => {
  it("reads the parameters and the endpoint as the rules engine's first and last lines", () => {
    const params = { Region: "eu-west-1", UseFIPS: false, UseDualStack: true };
    function recorder() {
      const lines: string[] = [];
      return {
        lines,
        logger: { debug: (line: string) => lines.push(line), info() {}, warn() {}, error() {} },
      };
    }
    const engine = recorder();
    resolveEndpoint(ruleSet, { endpointParams: { ...params }, logger: engine.logger });
    const ours = recorder();
    const client = new SSOOIDCClient({ region: "eu-west-1" });
    client.config.endpointProvider({ ...params }, { logger: ours.logger });
    client.destroy();
    expect(ours.lines).toEqual([engine.lines[0], engine.lines.at(-1)]);
    expect(ours.lines).toEqual([
      'endpoints Initial EndpointParams: {\n  "Region": "eu-west-1",\n  "UseFIPS": false,\n  "UseDualStack": true\n}',
      'endpoints Resolved endpoint: {\n  "url": "https://oidc.eu-west-1.api.aws/",\n  "headers": {},\n  "properties": {}\n}',
    ]);
  });
});
