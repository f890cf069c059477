import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { SSOOIDCClient } from "../../src/index";
import { refreshSsoToken } from "../../src/flows/refresh";
import { createSsoTokenProvider } from "../../src/flows/token-provider";
import { describeError, redactSecrets } from "../../src/flows/redact";
import {
  SsoTokenExpiredError,
  TokenRefreshError,
  UnexpectedResponseError,
} from "../../src/flows/errors";
import { createSsoCache } from "../../src/cache/sso-cache";
import { T0, createTempHome } from "./fixtures";
import { NEW_SECRETS, TOKEN_BODY, leakedParts, startCutTokenServer } from "./cut-token-server";
import type { SsoToken } from "../../src/cache/sso-cache";

/** The cached token's secrets, which the refresh sends; like NEW_SECRETS, with no word in them. */
const CACHED = {
  accessToken: "cQ7vLm2XwZk9RbT4yNpA8sDf3GhJ1kLz",
  refreshToken: "cW3hJx8KqV1cFz6DsM0nBv5CxZ2aSd9F",
  clientSecret: "cE5tYu0PaG2nBr9LkHj7QwXz4VbNm1Ks",
};
const SECRETS = [...Object.values(NEW_SECRETS), ...Object.values(CACHED)];
const MINUTE = 60_000;

function cachedToken(expiresAtMs: number): SsoToken {
  return {
    startUrl: "https://d-123.awsapps.com/start",
    region: "us-east-1",
    accessToken: CACHED.accessToken,
    expiresAt: new Date(expiresAtMs),
    clientId: "client-1",
    clientSecret: CACHED.clientSecret,
    registrationExpiresAt: new Date(T0 + 1000 * 24 * 60 * MINUTE),
    refreshToken: CACHED.refreshToken,
  };
}

/** The error a promise rejects with; a promise that resolves fails the test. */
async function failure(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!("error" in outcome)) throw new Error("expected a failure, got a result");
  expect(outcome.error).toBeInstanceOf(Error);
  return outcome.error as Error;
}

describe("no secret in a message when a refresh response is cut short", () => {
  it("at every byte offset: TokenRefreshError, the provider's warning and its expiry error", async () => {
    const server = await startCutTokenServer();
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url });
    onTestFinished(() => client.destroy());
    const home = await createTempHome();
    onTestFinished(home.cleanup);
    await mkdir(join(home.dir, ".aws"));
    await writeFile(
      join(home.dir, ".aws", "config"),
      "[profile dev]\nsso_session = corp\n\n[sso-session corp]\nsso_start_url = https://d-123.awsapps.com/start\nsso_region = us-east-1\n",
    );
    const warnings: string[] = [];
    const cache = createSsoCache({ homeDir: home.dir, warn: (m) => void warnings.push(m) });
    let nowMs = T0;
    const now = () => nowMs;
    const provider = createSsoTokenProvider({
      profile: "dev",
      homeDir: home.dir,
      env: {},
      cache,
      client,
      now,
      warn: (m) => void warnings.push(m),
    });

    for (let cutAt = 0; cutAt < TOKEN_BODY.length; cutAt += 1) {
      server.cutAt = cutAt;
      // Past the provider's one attempt per 30 s.
      nowMs += 2 * MINUTE;

      const refreshError = await failure(
        refreshSsoToken(cachedToken(nowMs - MINUTE), { client, now }),
      );
      // An empty body is an empty object, which has no accessToken.
      expect(refreshError).toBeInstanceOf(
        cutAt === 0 ? UnexpectedResponseError : TokenRefreshError,
      );
      expect(leakedParts(refreshError.message, SECRETS), `cut at ${cutAt}`).toEqual([]);

      // Still valid: the provider warns and returns the cached token.
      await cache.writeToken("corp", cachedToken(nowMs + MINUTE));
      warnings.length = 0;
      expect((await provider()).token).toBe(CACHED.accessToken);
      expect(warnings.length, `cut at ${cutAt}`).toBe(1);
      expect(leakedParts(warnings.join("\n"), SECRETS), `cut at ${cutAt}`).toEqual([]);

      // Expired: the provider throws, saying why.
      nowMs += 2 * MINUTE;
      await cache.writeToken("corp", cachedToken(nowMs - MINUTE));
      const expired = await failure(provider());
      expect(expired).toBeInstanceOf(SsoTokenExpiredError);
      expect(leakedParts(expired.message, SECRETS), `cut at ${cutAt}`).toEqual([]);
    }
    expect(server.requests).toBe(3 * TOKEN_BODY.length);
  });
});

describe("redactSecrets", () => {
  it("redacts sensitive members in JSON, in quoted JSON, cut short, and in query strings", () => {
    expect(redactSecrets('{"accessToken":"abcdef","expiresIn":3600,"idToken":"xyz')).toBe(
      '{"accessToken":"<redacted>","expiresIn":3600,"idToken":"<redacted>',
    );
    expect(redactSecrets('body: "{\\"refreshToken\\": \\"ab\\\\\\"cd\\", \\"x\\": 1}"')).toBe(
      'body: "{\\"refreshToken\\": \\"<redacted>\\", \\"x\\": 1}"',
    );
    expect(redactSecrets('the body: "{\\"clientSecret\\":\\"abc".')).toBe(
      'the body: "{\\"clientSecret\\":\\"<redacted>".',
    );
    expect(redactSecrets("GET /cb?state=s&code=abc123&x=1")).toBe(
      "GET /cb?state=s&code=<redacted>&x=1",
    );
  });

  it("redacts known values, and leaves ordinary text and short values alone", () => {
    expect(redactSecrets("token abcd1234 and abc", ["abcd1234", "abc", undefined])).toBe(
      "token <redacted> and abc",
    );
    expect(redactSecrets('"tokenType":"Bearer"')).toBe('"tokenType":"Bearer"');
  });

  it("describes an error as name and message, redacted", () => {
    expect(describeError(new TypeError("bad abcd1234"), ["abcd1234"])).toBe(
      "TypeError: bad <redacted>",
    );
    expect(describeError("plain")).toBe("plain");
  });
});
