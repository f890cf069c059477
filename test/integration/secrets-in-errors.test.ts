import { format, inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CreateTokenCommand,
  CreateTokenWithIAMCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from "../../src/index";
import { ResponseParseError } from "../../src/runtime/errors";
import { RecordingServer } from "../support/recording-server";
import { leakedParts } from "../flows/cut-token-server";
import type { Logger } from "@smithy/types";

/*
 * A 200 whose JSON is cut short, at every byte offset of each operation's success response:
 * no part of a sensitive value (the model's `@sensitive` members and the grant codes) may appear
 * in the error, however it is printed, or in what the client's logger is given.
 */

/** Values with no word in them, so any run of six of their characters in a text is a leak. */
const SECRET = {
  accessToken: "Qm7xK2vB9wLp4RzD8nYc3HsJ6fGt1QeU5oKiA0nWxBvPyMaZ",
  refreshToken: "Wr3zQw8NxK1pVb6TmL9cYd2HsR7gJe4UaX0oWiB5nMkCtZqE",
  idToken: "Ji5kWq2ZxN8vBp3LmR7cTy1HsG6fJd9QeU4oXaK0nVwMbPzC",
  clientSecret: "Zc8vN2xQ5mKp1LwB7tRy4HdJ9gFs3EaU6oYiT0nVbXcMqWkP",
  deviceCode: "Dv4bX9kQ2mNp7LwZ3tRy8HcJ1gFs6EaU5oYiT0nVbQxMzWkR",
};
const SECRETS = Object.values(SECRET);

/** Each operation's success response, in the service's member order, and a command to get it. */
const OPERATIONS = [
  {
    name: "CreateToken",
    body: {
      accessToken: SECRET.accessToken,
      tokenType: "Bearer",
      expiresIn: 3600,
      refreshToken: SECRET.refreshToken,
      idToken: SECRET.idToken,
    },
    send: (client: SSOOIDCClient) =>
      client.send(
        new CreateTokenCommand({
          clientId: "client-1",
          clientSecret: "input-secret",
          grantType: "refresh_token",
          refreshToken: "input-refresh",
        }),
      ),
  },
  {
    name: "CreateTokenWithIAM",
    body: {
      accessToken: SECRET.accessToken,
      tokenType: "Bearer",
      expiresIn: 3600,
      refreshToken: SECRET.refreshToken,
      idToken: SECRET.idToken,
      issuedTokenType: "urn:ietf:params:oauth:token-type:refresh_token",
      scope: ["openid", "aws"],
      awsAdditionalDetails: { identityContext: "context-1" },
    },
    send: (client: SSOOIDCClient) =>
      client.send(
        new CreateTokenWithIAMCommand({
          clientId: "arn:aws:sso::123456789012:application/ssoins-1/apl-1",
          grantType: "refresh_token",
          refreshToken: "input-refresh",
        }),
      ),
  },
  {
    name: "RegisterClient",
    body: {
      clientId: "client-1",
      clientSecret: SECRET.clientSecret,
      clientIdIssuedAt: 1700000000,
      clientSecretExpiresAt: 1707776000,
      authorizationEndpoint: "https://oidc.us-east-1.amazonaws.com/authorize",
      tokenEndpoint: "https://oidc.us-east-1.amazonaws.com/token",
    },
    send: (client: SSOOIDCClient) =>
      client.send(new RegisterClientCommand({ clientName: "app", clientType: "public" })),
  },
  {
    name: "StartDeviceAuthorization",
    body: {
      deviceCode: SECRET.deviceCode,
      userCode: "BCDF-GHJK",
      verificationUri: "https://device.sso.us-east-1.amazonaws.com/",
      verificationUriComplete: "https://device.sso.us-east-1.amazonaws.com/?user_code=BCDF-GHJK",
      expiresIn: 600,
      interval: 1,
    },
    send: (client: SSOOIDCClient) =>
      client.send(
        new StartDeviceAuthorizationCommand({
          clientId: "client-1",
          clientSecret: "input-secret",
          startUrl: "https://d-123.awsapps.com/start",
        }),
      ),
  },
] as const;

/** A logger that keeps what a console would print. */
function recordingLogger(lines: string[]): Logger {
  const record = (...args: unknown[]) => void lines.push(format(...args));
  return { trace: record, debug: record, info: record, warn: record, error: record };
}

/** Every way an error reaches a person: message, string, JSON, inspection (cause included). */
function printed(error: Error): string {
  return [error.message, String(error), JSON.stringify(error), inspect(error, { depth: 8 })].join(
    "\n",
  );
}

let server: RecordingServer;
beforeAll(async () => {
  server = await new RecordingServer().start();
});
afterAll(() => server.close());

describe("no sensitive value in an error or a log line when a 200's JSON is cut short", () => {
  it.each(OPERATIONS)("$name, cut at every byte offset", async ({ name, body, send }) => {
    const lines: string[] = [];
    const client = new SSOOIDCClient({
      region: "us-east-1",
      endpoint: server.url,
      logger: recordingLogger(lines),
      credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "not-a-real-secret-key" },
    });
    const full = JSON.stringify(body);
    const leaks: string[] = [];
    const unexpected: string[] = [];
    for (let cutAt = 1; cutAt < full.length; cutAt += 1) {
      server.respond({ status: 200, body: full.slice(0, cutAt) });
      const outcome = await send(client).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(outcome, `${name} cut at ${cutAt}`).toBeInstanceOf(ResponseParseError);
      const error = outcome as ResponseParseError;
      const leaked = leakedParts(printed(error), SECRETS);
      if (leaked.length > 0) leaks.push(`cut at ${cutAt}: ${leaked.join(" ")}`);
      const expected = `${name} returned HTTP 200 with a body that does not match the model: the body is not valid JSON (${cutAt} bytes; parsing stopped at byte `;
      if (!error.message.startsWith(expected)) unexpected.push(error.message);
    }
    expect(leaks).toEqual([]);
    expect(unexpected).toEqual([]);
    // One line per failed call, besides the config loader's debug lines.
    expect(lines.filter((line) => line.includes("ResponseParseError"))).toHaveLength(
      full.length - 1,
    );
    expect(leakedParts(lines.join("\n"), SECRETS)).toEqual([]);
    client.destroy();
  });

  it("a sensitive member of the wrong type is named, its value is not shown", async () => {
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url });
    for (const value of [98765432123, [SECRET.accessToken], { v: SECRET.accessToken }, true]) {
      server.respond({ status: 200, body: JSON.stringify({ accessToken: value }) });
      const error = (await OPERATIONS[0].send(client).catch((e: unknown) => e)) as Error;
      expect(leakedParts(printed(error), SECRETS)).toEqual([]);
      expect(error.message).not.toContain("98765432123");
      expect(error.message).toMatch(/member accessToken should be a string but is an? \w+\.$/);
    }
    client.destroy();
  });
});
