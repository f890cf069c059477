import * as Official from "@aws-sdk/client-sso-oidc";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Ours from "../../src/index";
import { RecordingServer } from "../support/recording-server";
import { commandsFor, type Input, type OperationName } from "./commands";

/*
 * A callback that throws is the caller's bug, and smithy's `Client.send`
 * swallows what it throws: the official client never turns it into an
 * unhandled rejection, which would end a Node process. Every call style of
 * both packages is run with a throwing callback, on a success and on a
 * service error.
 */

const server = new RecordingServer();

const INPUTS: Record<OperationName, Input> = {
  RegisterClient: { clientName: "my-tool", clientType: "public" },
  StartDeviceAuthorization: {
    clientId: "cid",
    clientSecret: "secret",
    startUrl: "https://d-1234567890.awsapps.com/start",
  },
  CreateToken: {
    clientId: "cid",
    clientSecret: "secret",
    grantType: "refresh_token",
    refreshToken: "rt",
  },
  CreateTokenWithIAM: { clientId: "arn:aws:sso::123456789012:application/a", grantType: "jwt" },
};

const OPERATIONS = Object.keys(INPUTS) as OperationName[];

type Callback = (error: unknown, data?: unknown) => void;

/** What either package offers for one call with a callback. */
interface CallbackClient {
  send(command: unknown, cb: Callback): void;
  send(command: unknown, options: object, cb: Callback): void;
}

type Aggregated = Record<string, (input: Input, ...rest: unknown[]) => unknown>;

const packages = {
  official: {
    Client: Official.SSOOIDCClient,
    Aggregated: Official.SSOOIDC,
    command: (operation: OperationName) => commandsFor(operation).OfficialCommand,
  },
  ours: {
    Client: Ours.SSOOIDCClient,
    Aggregated: Ours.SSOOIDC,
    command: (operation: OperationName) => commandsFor(operation).OurCommand,
  },
} as const;

function config() {
  return {
    region: "us-east-1",
    endpoint: server.url,
    maxAttempts: 1,
    credentials: { accessKeyId: "AKID", secretAccessKey: "SECRET" },
  };
}

/** How one call style hands the callback over. */
type Style = (
  pkg: (typeof packages)[keyof typeof packages],
  operation: OperationName,
  cb: Callback,
) => void;

const STYLES: Record<string, Style> = {
  "send(command, cb)": (pkg, operation, cb) => {
    const client = new pkg.Client(config()) as unknown as CallbackClient;
    client.send(new (pkg.command(operation))(INPUTS[operation]), cb);
  },
  "send(command, options, cb)": (pkg, operation, cb) => {
    const client = new pkg.Client(config()) as unknown as CallbackClient;
    client.send(new (pkg.command(operation))(INPUTS[operation]), {}, cb);
  },
  "aggregated method(input, cb)": (pkg, operation, cb) => {
    const client = new pkg.Aggregated(config()) as unknown as Aggregated;
    void client[operation[0]!.toLowerCase() + operation.slice(1)]!(INPUTS[operation], cb);
  },
  "aggregated method(input, options, cb)": (pkg, operation, cb) => {
    const client = new pkg.Aggregated(config()) as unknown as Aggregated;
    void client[operation[0]!.toLowerCase() + operation.slice(1)]!(INPUTS[operation], {}, cb);
  },
};

const OUTCOMES = {
  success: { status: 200, body: "{}" },
  "service error": {
    status: 400,
    headers: { "x-amzn-errortype": "InvalidGrantException" },
    body: '{"error":"invalid_grant","error_description":"Invalid refresh token provided"}',
  },
} as const;

const unhandled: unknown[] = [];
function noteUnhandled(reason: unknown): void {
  unhandled.push(reason);
}

beforeAll(async () => {
  await server.start();
  process.on("unhandledRejection", noteUnhandled);
});
afterAll(async () => {
  process.off("unhandledRejection", noteUnhandled);
  await server.close();
});
afterEach(() => {
  server.reset();
  unhandled.length = 0;
});

/** Runs one call whose callback throws; resolves with what the callback received, once settled. */
async function callWithThrowingCallback(
  style: Style,
  pkg: (typeof packages)[keyof typeof packages],
  operation: OperationName,
): Promise<{ calls: number; error: unknown; data: unknown }> {
  let calls = 0;
  let received: { error: unknown; data: unknown } = { error: undefined, data: undefined };
  await new Promise<void>((resolve) => {
    style(pkg, operation, (error, data) => {
      calls += 1;
      received = { error, data };
      resolve();
      throw new Error("thrown by the callback");
    });
  });
  // Node reports a rejection nobody handled after the microtask queue drains.
  await new Promise((resolve) => setTimeout(resolve, 20));
  return { calls, ...received };
}

describe.each(Object.keys(OUTCOMES) as Array<keyof typeof OUTCOMES>)(
  "a callback that throws, on a %s",
  (outcome) => {
    describe.each(Object.keys(STYLES))("%s", (styleName) => {
      it.each(OPERATIONS)(
        "%s: neither package leaves an unhandled rejection",
        async (operation) => {
          for (const name of ["official", "ours"] as const) {
            server.respondWith(OUTCOMES[outcome]);
            const { calls, error, data } = await callWithThrowingCallback(
              STYLES[styleName]!,
              packages[name],
              operation,
            );
            expect({ name, calls, unhandled }).toStrictEqual({ name, calls: 1, unhandled: [] });
            if (outcome === "success") {
              expect(error).toBeNull();
              expect(
                (data as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode,
              ).toBe(200);
            } else {
              expect((error as Error).name).toBe("InvalidGrantException");
              expect(data).toBeUndefined();
            }
          }
        },
      );
    });
  },
);
