import { createHash } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { FinalizeHandler } from "@smithy/types";
import * as official from "@aws-sdk/client-sso-oidc";
import {
  CreateTokenCommand,
  CreateTokenWithIAMCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from "../../src/index";
import { RecordingServer } from "../support/recording-server";
import { verifySigV4 } from "../support/verify-sigv4";

const credentials = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
};
const iamInput = {
  clientId: "arn:aws:sso::123456789012:application/ssoins-1/apl-1",
  grantType: "urn:ietf:params:oauth:grant-type:jwt-bearer",
  assertion: "eyJhbGciOiJub25lIn0.eyJleHAiOjF9.",
};

const server = new RecordingServer();
beforeAll(() => server.start());
afterAll(() => server.close());
beforeEach(() => server.reset());
afterEach(() => vi.useRealTimers());

/** Makes the headers that differ between two clients identical before signing. */
function sameHeaders(next: FinalizeHandler<any, any>): FinalizeHandler<any, any> {
  return async (args) => {
    const headers = (args.request as { headers: Record<string, string> }).headers;
    headers["x-amz-user-agent"] = "fixed-agent/1";
    headers["user-agent"] = "fixed-agent/1";
    headers["amz-sdk-invocation-id"] = "00000000-0000-4000-8000-000000000000";
    return next(args);
  };
}
const beforeSigning = {
  relation: "before",
  toMiddleware: "httpSigningMiddleware",
  name: "sameHeaders",
} as const;

describe("SigV4 for CreateTokenWithIAM", () => {
  it("signs for service sso-oauth in the client's region, verified independently", async () => {
    const client = new SSOOIDCClient({ region: "eu-west-1", endpoint: server.url, credentials });
    await client.send(new CreateTokenWithIAMCommand(iamInput));
    const request = server.last();
    const verdict = verifySigV4(request, credentials.secretAccessKey);
    expect(verdict.valid).toBe(true);
    expect(verdict.accessKeyId).toBe("AKIDEXAMPLE");
    expect(verdict.scope).toMatch(/^\d{8}\/eu-west-1\/sso-oauth\/aws4_request$/);
    expect(verdict.signedHeaders).toEqual(
      expect.arrayContaining(["host", "x-amz-date", "x-amz-content-sha256", "content-type"]),
    );
    expect(request.headers["x-amz-content-sha256"]).toBe(
      createHash("sha256").update(request.body).digest("hex"),
    );
    const tampered = { ...request, body: request.body.replace("jwt-bearer", "jwt-bearex") };
    expect(verifySigV4(tampered, credentials.secretAccessKey).valid).toBe(false);
    client.destroy();
  });

  it("equals the official client's signature for the same request, credentials and clock", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-27T12:34:56Z"));
    const ours = new SSOOIDCClient({
      region: "us-east-1",
      endpoint: server.url,
      credentials,
      maxAttempts: 1,
    });
    const theirs = new official.SSOOIDCClient({
      region: "us-east-1",
      endpoint: server.url,
      credentials,
      maxAttempts: 1,
    });
    ours.middlewareStack.addRelativeTo(sameHeaders, beforeSigning);
    theirs.middlewareStack.addRelativeTo(sameHeaders, beforeSigning);
    await ours.send(new CreateTokenWithIAMCommand(iamInput));
    await theirs.send(new official.CreateTokenWithIAMCommand(iamInput));
    const [a, b] = server.requests;
    expect(a!.headers["x-amz-date"]).toBe("20261127T123456Z");
    expect(a!.headers.authorization).toBe(b!.headers.authorization);
    expect(a!.headers["x-amz-content-sha256"]).toBe(b!.headers["x-amz-content-sha256"]);
    expect(verifySigV4(a!, credentials.secretAccessKey).valid).toBe(true);
    ours.destroy();
    theirs.destroy();
  });

  it("calls a credentials provider again when its credentials are about to expire", async () => {
    let calls = 0;
    const provider = async () => {
      calls += 1;
      return {
        ...credentials,
        accessKeyId: `AKID${calls}`,
        expiration: new Date(Date.now() + (calls === 1 ? 60_000 : 3_600_000)),
      };
    };
    const client = new SSOOIDCClient({
      region: "us-east-1",
      endpoint: server.url,
      credentials: provider,
    });
    await client.send(new CreateTokenWithIAMCommand(iamInput));
    await client.send(new CreateTokenWithIAMCommand(iamInput));
    await client.send(new CreateTokenWithIAMCommand(iamInput));
    // As in the official client (smithy's memoizeIdentityProvider): credentials that arrive
    // already inside the five-minute window are replaced before the first request uses them.
    expect(calls).toBe(2);
    expect(
      server.requests.map((r) => verifySigV4(r, credentials.secretAccessKey).accessKeyId),
    ).toStrictEqual(["AKID2", "AKID2", "AKID2"]);
    client.destroy();
  });

  it("takes the clock offset from a response's date, but not from a cached one (an age header)", async () => {
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, credentials });
    const dated = (aheadMinutes: number) =>
      new Date(Date.now() + aheadMinutes * 60_000).toUTCString();
    const offsetMinutes = () => Math.round((client.config.systemClockOffset ?? 0) / 60_000) || 0;
    server.respond({ status: 200, body: "{}", headers: { date: dated(30), age: "12" } });
    await client.send(new CreateTokenWithIAMCommand(iamInput));
    expect(offsetMinutes()).toBe(0);
    server.respond({ status: 200, body: "{}", headers: { date: dated(30) } });
    await client.send(new CreateTokenWithIAMCommand(iamInput));
    expect(offsetMinutes()).toBe(30);
    // The next request is signed 30 minutes ahead of this machine's clock.
    await client.send(new CreateTokenWithIAMCommand(iamInput));
    const amzDate = String(server.last().headers["x-amz-date"]);
    const signedAtMs = Date.parse(
      amzDate.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, "$1-$2-$3T$4:$5:$6Z"),
    );
    expect(Math.round((signedAtMs - Date.now()) / 60_000)).toBe(30);
    client.destroy();
  });

  it("the unsigned operations never call the credentials provider and carry no signature", async () => {
    const provider = async () => {
      throw new Error("the credentials provider must not be called");
    };
    const client = new SSOOIDCClient({
      region: "us-east-1",
      endpoint: server.url,
      credentials: provider,
    });
    await client.send(new RegisterClientCommand({ clientName: "a", clientType: "public" }));
    await client.send(
      new StartDeviceAuthorizationCommand({
        clientId: "c",
        clientSecret: "s",
        startUrl: "https://x",
      }),
    );
    await client.send(
      new CreateTokenCommand({ clientId: "c", clientSecret: "s", grantType: "refresh_token" }),
    );
    expect(server.requests.map((r) => r.headers.authorization)).toStrictEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(server.requests.map((r) => r.headers["x-amz-date"])).toStrictEqual([
      undefined,
      undefined,
      undefined,
    ]);
    const error = await client
      .send(new CreateTokenWithIAMCommand(iamInput))
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe("the credentials provider must not be called");
    client.destroy();
  });
});
