import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SSOOIDCClient } from "../../src/index";
import { createPkcePair } from "../../src/flows/create-pkce-pair";
import { resolveOidcEndpoint } from "../../src/flows/resolve-oidc-endpoint";

describe("createPkcePair", () => {
  it("makes a 64-character unreserved verifier and its S256 challenge (RFC 7636 §4.1–4.2)", () => {
    // Byte i + 64k picks character i: every byte value maps, none more often than another.
    const bytes = Buffer.from(Array.from({ length: 64 }, (_, i) => i + 64 * (i % 4)));
    const { codeVerifier, codeChallenge } = createPkcePair(() => bytes);
    expect(codeVerifier).toBe("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-.");
    expect(codeChallenge).toBe(createHash("sha256").update(codeVerifier).digest("base64url"));
    expect(codeChallenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("differs every time with real randomness", () => {
    const a = createPkcePair();
    const b = createPkcePair();
    expect(a.codeVerifier).toMatch(/^[A-Za-z0-9\-.]{64}$/);
    expect(a.codeVerifier).not.toBe(b.codeVerifier);
  });
});

describe("resolveOidcEndpoint", () => {
  it("is the regional endpoint, or the client's endpoint without a trailing slash", async () => {
    expect(await resolveOidcEndpoint(new SSOOIDCClient({ region: "eu-west-1" }))).toBe(
      "https://oidc.eu-west-1.amazonaws.com",
    );
    expect(
      await resolveOidcEndpoint(
        new SSOOIDCClient({ region: "us-east-1", endpoint: "https://proxy.example.com/sso/" }),
      ),
    ).toBe("https://proxy.example.com/sso");
  });
});
