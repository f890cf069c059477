import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pythonJsonDumps, registrationCacheKey, tokenCacheKey } from "../../src/cache/keys";

function sha1(text: string): string {
  return createHash("sha1").update(text, "utf8").digest("hex");
}

describe("registrationCacheKey", () => {
  it("is the sha1 of Python's json.dumps(args, sort_keys=True) for an sso-session", () => {
    // What `python3 -c 'import json; print(json.dumps(args, sort_keys=True))'` prints.
    const python =
      '{"region": "us-east-1", "scopes": ["sso:account:access"], "session_name": "my-sso", "startUrl": "https://d-123.awsapps.com/start", "tool": "botocore"}';
    const key = registrationCacheKey({
      startUrl: "https://d-123.awsapps.com/start",
      region: "us-east-1",
      scopes: ["sso:account:access"],
      sessionName: "my-sso",
    });
    expect(key).toBe(sha1(python));
    expect(key).toBe("41703fba9789c2c8f9b7faa73b70bebb72c62cc9");
  });

  it("writes null for a legacy profile's missing scopes and session name", () => {
    const python =
      '{"region": "eu-west-1", "scopes": null, "session_name": null, "startUrl": "https://d-123.awsapps.com/start", "tool": "botocore"}';
    expect(
      registrationCacheKey({ startUrl: "https://d-123.awsapps.com/start", region: "eu-west-1" }),
    ).toBe(sha1(python));
    expect(
      registrationCacheKey({
        startUrl: "https://d-123.awsapps.com/start",
        region: "eu-west-1",
        scopes: [],
      }),
    ).toBe(sha1(python));
  });
});

describe("pythonJsonDumps", () => {
  it("escapes like ensure_ascii=True and sorts keys by code point", () => {
    // python3: json.dumps({"k": "é\u2028\x7f/\U0001F600", "B": [1, True, None], "a": "\"\\\n"}, sort_keys=True)
    expect(pythonJsonDumps({ k: "é\u2028\x7f/\u{1F600}", B: [1, true, null], a: '"\\\n' })).toBe(
      '{"B": [1, true, null], "a": "\\"\\\\\\n", "k": "\\u00e9\\u2028\\u007f/\\ud83d\\ude00"}',
    );
    expect(pythonJsonDumps({ "\u{1F600}": 1, "\uFFFF": 2 })).toBe(
      '{"\\uffff": 2, "\\ud83d\\ude00": 1}',
    );
    expect(pythonJsonDumps([])).toBe("[]");
    expect(pythonJsonDumps({})).toBe("{}");
  });

  it("refuses numbers whose text could differ from Python's", () => {
    expect(() => pythonJsonDumps(1.5)).toThrow(RangeError);
  });
});

describe("tokenCacheKey", () => {
  it("is the sha1 of the session name or start URL", () => {
    expect(tokenCacheKey("my-sso")).toBe(sha1("my-sso"));
    expect(tokenCacheKey("https://d-123.awsapps.com/start")).toBe(
      sha1("https://d-123.awsapps.com/start"),
    );
  });

  it("hashes as node:crypto's SHA-1 does: FIPS 180 vectors, every padding length, any text", () => {
    // FIPS 180-2 appendix A: "abc" and the 448-bit message.
    expect(tokenCacheKey("abc")).toBe("a9993e364706816aba3e25717850c26c9cd0d89d");
    expect(tokenCacheKey("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe(
      "84983e441c3bd26ebaae4aa1f95129e5e54670f1",
    );
    expect(tokenCacheKey("")).toBe("da39a3ee5e6b4b0d3255bfef95601890afd80709");
    // Lengths around each block boundary, where the padding spills into another block.
    for (let length = 0; length <= 200; length++) {
      const text = "x".repeat(length);
      expect(tokenCacheKey(text)).toBe(sha1(text));
    }
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        expect(tokenCacheKey(text)).toBe(sha1(text));
      }),
      { numRuns: 500 },
    );
  });
});
