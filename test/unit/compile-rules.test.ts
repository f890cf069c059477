import { awsEndpointFunctions } from "@aws-sdk/core/client";
import {
  customEndpointFunctions,
  EndpointError,
  isValidHostLabel,
  resolveEndpoint,
  type EndpointParams,
  type RuleSetObject,
} from "@smithy/core/endpoints";
import { transformSync } from "esbuild";
import { afterEach, describe, expect, it, vi } from "vitest";
import { compileRuleSet } from "../../codegen/compile-rules";
import type { RuleSet } from "../../codegen/rule-set";
import { awsPartition } from "../../src/client/endpoint/partitions";

/*
 * The rule compiler on a rule set written to reach what the model's own does
 * not: a required parameter without a default, `not` and `isValidHostLabel`,
 * a tree that can fall through ("Rules evaluation failed"), an assignment
 * that may not hold beside a sibling assigning the same name, templates in
 * error messages, headers and properties, a backtick in a URL. The compiled
 * function runs against `@smithy/core/endpoints`' rules engine on every
 * combination of a few parameter values.
 */

const RULE_SET = {
  version: "1.0",
  parameters: {
    Region: { type: "string", required: true, documentation: "The region to send to." },
    Label: { type: "string", required: false },
    Strict: { type: "boolean", required: true, default: true },
  },
  rules: [
    {
      documentation: "A label must be one host label.",
      conditions: [
        { fn: "isSet", argv: [{ ref: "Label" }] },
        { fn: "not", argv: [{ fn: "isValidHostLabel", argv: [{ ref: "Label" }, false] }] },
      ],
      error: "Invalid label: {Label} in {Region}",
      type: "error",
    },
    {
      conditions: [
        { fn: "aws.partition", argv: [{ ref: "Region" }], assign: "PartitionResult" },
        {
          fn: "stringEquals",
          argv: [{ fn: "getAttr", argv: [{ ref: "PartitionResult" }, "name"] }, "aws-cn"],
        },
      ],
      rules: [
        {
          conditions: [{ fn: "booleanEquals", argv: [{ ref: "Strict" }, false] }],
          endpoint: {
            url: "https://cn.{Region}.{PartitionResult#dnsSuffix}",
            properties: {
              authSchemes: [
                { name: "sigv4", signingRegion: "{Region}", disableDoubleEncoding: true },
              ],
              "x-flag": false,
            },
            headers: { "x-partition": ["{PartitionResult#name}", "fixed"] },
          },
          type: "endpoint",
        },
      ],
      type: "tree",
    },
    {
      conditions: [
        { fn: "aws.partition", argv: [{ ref: "Region" }], assign: "PartitionResult" },
        {
          fn: "booleanEquals",
          argv: [true, { fn: "getAttr", argv: [{ ref: "PartitionResult" }, "supportsFIPS"] }],
        },
        {
          fn: "stringEquals",
          argv: [{ fn: "getAttr", argv: [{ ref: "PartitionResult" }, "name"] }, "aws-iso"],
        },
      ],
      error: "Not served in {PartitionResult#name}",
      type: "error",
    },
    {
      conditions: [
        { fn: "isSet", argv: [{ ref: "Label" }] },
        { fn: "isValidHostLabel", argv: [{ ref: "Label" }, true] },
      ],
      endpoint: { url: "https://{Label}.example.com/`x`" },
      type: "endpoint",
    },
    { conditions: [], endpoint: { url: "https://{Region}.example.com" }, type: "endpoint" },
  ],
};

type Resolve = (params: Record<string, unknown>) => { url: URL };

/** The compiled source, type-stripped and bound to the names it imports in the client. */
function load(source: string): Resolve {
  const { code } = transformSync(source, { loader: "ts", format: "esm" });
  const factory = new Function(
    "EndpointError",
    "awsPartition",
    "isValidHostLabel",
    `${code}\nreturn resolveRuleSetEndpoint;`,
  );
  return factory(EndpointError, awsPartition, isValidHostLabel) as Resolve;
}

function outcome(resolve: () => { url: URL; properties?: unknown; headers?: unknown }) {
  try {
    const { url, properties, headers } = resolve();
    return { url: url.href, properties, headers };
  } catch (error) {
    return { error: (error as Error).constructor.name, message: (error as Error).message };
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("compileRuleSet", () => {
  const compiled = compileRuleSet(RULE_SET as RuleSet, "resolveRuleSetEndpoint", "/** Test. */");
  const resolve = load(compiled.source);

  it("names what the compiled function calls and keeps the rules' documentation", () => {
    expect(compiled.usesPartition).toBe(true);
    expect(compiled.usesIsValidHostLabel).toBe(true);
    expect(compiled.source).toContain("// A label must be one host label.");
    expect(compiled.source).toContain("/** The region to send to. */");
    expect(compiled.source).toContain('throw new EndpointError("Rules evaluation failed");');
  });

  it("resolves every combination as the rules engine does", () => {
    // The rules engine logs each URL it cannot construct before rethrowing.
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(customEndpointFunctions["aws"]).toBe(awsEndpointFunctions);
    const regions = [undefined, "us-east-1", "cn-north-1", "us-iso-east-1", "", "a b"];
    const labels = [undefined, "", "api", "a.b", "-x", "a".repeat(64)];
    const stricts = [undefined, true, false];
    const outcomes = new Set<string>();
    for (const Region of regions) {
      for (const Label of labels) {
        for (const Strict of stricts) {
          const params = { Region, Label, Strict };
          const endpointParams: EndpointParams = {};
          for (const [name, value] of Object.entries(params)) {
            if (value !== undefined) endpointParams[name] = value;
          }
          const expected = outcome(() =>
            resolveEndpoint(RULE_SET as RuleSetObject, { endpointParams }),
          );
          expect(
            outcome(() => resolve({ ...params })),
            JSON.stringify(params),
          ).toEqual(expected);
          outcomes.add("url" in expected ? "endpoint" : expected.message.replace(/:.*/, ""));
        }
      }
    }
    // Every kind of outcome was reached.
    expect([...outcomes].sort()).toEqual([
      "Invalid URL",
      "Invalid label",
      "Missing required parameter",
      "Not served in aws-iso",
      "Rules evaluation failed",
      "endpoint",
    ]);
  });

  it("builds headers and properties with their templates filled in", () => {
    expect(outcome(() => resolve({ Region: "cn-north-1", Strict: false }))).toEqual({
      url: "https://cn.cn-north-1.amazonaws.com.cn/",
      headers: { "x-partition": ["aws-cn", "fixed"] },
      properties: {
        authSchemes: [{ name: "sigv4", signingRegion: "cn-north-1", disableDoubleEncoding: true }],
        "x-flag": false,
      },
    });
  });

  it("refuses a function it does not compile, by name, at generation time", () => {
    const ruleSet = {
      parameters: { Endpoint: { type: "string", required: false } },
      rules: [
        {
          conditions: [{ fn: "parseURL", argv: [{ ref: "Endpoint" }], assign: "url" }],
          endpoint: { url: "https://example.com" },
          type: "endpoint",
        },
      ],
    };
    expect(() => compileRuleSet(ruleSet as RuleSet, "f", "")).toThrow(
      new Error("The endpoint rule set calls parseURL, which the generator does not compile yet."),
    );
  });
});
