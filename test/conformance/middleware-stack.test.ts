import * as Official from "@aws-sdk/client-sso-oidc";
import { constructStack } from "@smithy/core/client";
import type { MiddlewareStack } from "@smithy/types";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as Ours from "../../src/index";
import { RecordingServer } from "../support/recording-server";
import { commandsFor, sendWith, type Input, type OperationName } from "./commands";

/*
 * The middleware stack of a client, and of each command once resolved, is
 * the official client's: the same entries under the same names and aliases,
 * in the same steps, with the same priorities and tags, in the same order;
 * and removing any of them, or adding beside any of them, does to a send
 * what it does to the official client's.
 */

const CREDENTIALS = { accessKeyId: "AKID", secretAccessKey: "SECRET" };

const OPERATIONS: readonly OperationName[] = [
  "RegisterClient",
  "StartDeviceAuthorization",
  "CreateToken",
  "CreateTokenWithIAM",
];

const INPUTS: Record<OperationName, Input> = {
  RegisterClient: { clientName: "n", clientType: "public" },
  StartDeviceAuthorization: { clientId: "c", clientSecret: "s", startUrl: "https://x" },
  CreateToken: { clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" },
  CreateTokenWithIAM: { clientId: "arn", grantType: "refresh_token", refreshToken: "r" },
};

/** Every name the official client's resolved stack answers to, aliases included. */
const OFFICIAL_NAMES = [
  "loggerMiddleware",
  "httpAuthSchemeMiddleware",
  "endpointV2Middleware",
  "serializerMiddleware",
  "contentLengthMiddleware",
  "getUserAgentMiddleware",
  "hostHeaderMiddleware",
  "recursionDetectionMiddleware",
  "retryMiddleware",
  "httpSigningMiddleware",
  "apiKeyMiddleware",
  "tokenMiddleware",
  "awsAuthMiddleware",
  "deserializerMiddleware",
] as const;

const server = new RecordingServer();
beforeAll(() => server.start());
afterAll(() => server.close());
afterEach(() => server.reset());

type AnyClient = Official.SSOOIDCClient | Ours.SSOOIDCClient;

const subjects = {
  official: (endpoint = server.url): AnyClient =>
    new Official.SSOOIDCClient({ region: "us-east-1", endpoint, credentials: CREDENTIALS }),
  ours: (endpoint = server.url): AnyClient =>
    new Ours.SSOOIDCClient({ region: "us-east-1", endpoint, credentials: CREDENTIALS }),
};

/** What these tests use of a command of either package. */
interface ResolvableCommand {
  readonly middlewareStack: MiddlewareStack<any, any>;
  resolveMiddleware(stack: MiddlewareStack<any, any>, config: object, options: undefined): unknown;
}

function commandOf(subject: keyof typeof subjects, operation: OperationName, input: Input) {
  const { OfficialCommand, OurCommand } = commandsFor(operation);
  return new (subject === "official" ? OfficialCommand : OurCommand)(structuredClone(input));
}

/** Each entry's placement, as the stack's own copy passes it on; the middleware itself left out. */
function placements(stack: MiddlewareStack<any, any>) {
  const entries: Record<string, unknown>[] = [];
  const note = (_middleware: unknown, entry?: object) => {
    const { middleware: _fn, ...options } = { ...entry } as Record<string, unknown>;
    entries.push(options);
  };
  stack.applyToStack({ ...constructStack<any, any>(), add: note, addRelativeTo: note });
  return entries;
}

/** The list a resolution prints with `identifyOnResolve`: the command's resolved stack. */
function resolvedList(client: AnyClient, command: ResolvableCommand): string[] {
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  try {
    client.middlewareStack.identifyOnResolve(true);
    command.resolveMiddleware(client.middlewareStack, client.config, undefined);
    expect(log).toHaveBeenCalledTimes(1);
    return log.mock.calls[0]![0] as string[];
  } finally {
    client.middlewareStack.identifyOnResolve(false);
    log.mockRestore();
  }
}

function described(error: unknown): string {
  const e = error as Error;
  return `${e.name}: ${e.message.split("\n")[0]}`;
}

/** What a send did: its output's members, or its error, thrown at once or as a rejection. */
async function outcome(send: () => Promise<unknown>) {
  let sent: Promise<unknown>;
  try {
    sent = send();
  } catch (error) {
    return { thrown: described(error) };
  }
  try {
    const output = (await sent) as Record<string, unknown> | undefined;
    return { output: output === undefined ? undefined : Object.keys(output).sort() };
  } catch (error) {
    return { rejected: described(error) };
  }
}

const SUCCESS: Record<OperationName, string> = {
  RegisterClient: '{"clientId":"id","clientSecret":"secret"}',
  StartDeviceAuthorization: '{"deviceCode":"d","userCode":"u","expiresIn":600,"interval":5}',
  CreateToken: '{"accessToken":"a","tokenType":"Bearer","expiresIn":60}',
  CreateTokenWithIAM: '{"accessToken":"a","tokenType":"Bearer","expiresIn":60}',
};

/** One send of `operation` through a client `change` was made to, against the recording server. */
async function sendAfter(
  subject: keyof typeof subjects,
  operation: OperationName,
  change: (stack: MiddlewareStack<any, any>) => unknown,
) {
  const client = subjects[subject]();
  try {
    const changed = change(client.middlewareStack);
    server.reset();
    server.respondWith({ status: 200, body: SUCCESS[operation] });
    const command = commandOf(subject, operation, INPUTS[operation]);
    const result = await outcome(() => sendWith(client, command));
    const requests = server.take();
    return {
      changed,
      result,
      requests: requests.length,
      signed: requests.map((r) => r.headers.authorization !== undefined),
    };
  } finally {
    client.destroy();
  }
}

describe("the client's middleware stack", () => {
  it("identify() lists the official client's entries", () => {
    const official = subjects.official();
    const ours = subjects.ours();
    expect(ours.middlewareStack.identify()).toStrictEqual(official.middlewareStack.identify());
    expect(ours.middlewareStack.identify()).toStrictEqual([
      "loggerMiddleware - initialize",
      "serializerMiddleware - serialize",
      "contentLengthMiddleware - build",
      "getUserAgentMiddleware - build",
      "hostHeaderMiddleware - build",
      "recursionDetectionMiddleware - build",
      "retryMiddleware - finalizeRequest",
      "httpSigningMiddleware (a.k.a. apiKeyMiddleware,tokenMiddleware,awsAuthMiddleware) - finalizeRequest",
      "deserializerMiddleware - deserialize",
    ]);
    official.destroy();
    ours.destroy();
  });

  it("holds its entries with the official client's steps, priorities, tags and relations", () => {
    const official = subjects.official();
    const ours = subjects.ours();
    const byName = (a: Record<string, unknown>, b: Record<string, unknown>) =>
      String(a.name).localeCompare(String(b.name));
    expect(placements(ours.middlewareStack).sort(byName)).toStrictEqual(
      placements(official.middlewareStack).sort(byName),
    );
    official.destroy();
    ours.destroy();
  });
});

describe("each command's resolved stack", () => {
  it.each(OPERATIONS)("%s: the same list as the official command's", (operation) => {
    const official = subjects.official();
    const ours = subjects.ours();
    const officialList = resolvedList(official, commandOf("official", operation, {}));
    const ourList = resolvedList(ours, commandOf("ours", operation, {}));
    expect(ourList).toStrictEqual(officialList);
    expect(ourList).toStrictEqual([
      "loggerMiddleware - initialize",
      "httpAuthSchemeMiddleware - serialize",
      "endpointV2Middleware - serialize",
      "serializerMiddleware - serialize",
      "contentLengthMiddleware - build",
      "getUserAgentMiddleware - build",
      "hostHeaderMiddleware - build",
      "recursionDetectionMiddleware - build",
      "retryMiddleware - finalizeRequest",
      "httpSigningMiddleware (a.k.a. apiKeyMiddleware,tokenMiddleware,awsAuthMiddleware) - finalizeRequest",
      "deserializerMiddleware - deserialize",
    ]);
    official.destroy();
    ours.destroy();
  });

  it.each(OPERATIONS)(
    "%s: the command's own stack holds what the official command's holds",
    (operation) => {
      const official = subjects.official();
      const ours = subjects.ours();
      const officialCommand: ResolvableCommand = commandOf("official", operation, {});
      const ourCommand: ResolvableCommand = commandOf("ours", operation, {});
      officialCommand.resolveMiddleware(official.middlewareStack, official.config, undefined);
      ourCommand.resolveMiddleware(ours.middlewareStack, ours.config, undefined);
      expect(placements(ourCommand.middlewareStack)).toStrictEqual(
        placements(officialCommand.middlewareStack),
      );
      official.destroy();
      ours.destroy();
    },
  );
});

describe("every official name in remove and addRelativeTo", () => {
  const cases = OFFICIAL_NAMES.flatMap((name) =>
    (["CreateToken", "CreateTokenWithIAM"] as const).map((operation) => [name, operation] as const),
  );

  it.each(cases)("remove(%j), then %s: the official client's outcome", async (name, operation) => {
    const remove = (stack: MiddlewareStack<any, any>) => stack.remove(name);
    const official = await sendAfter("official", operation, remove);
    const ours = await sendAfter("ours", operation, remove);
    expect(ours).toStrictEqual(official);
  });

  it("remove: retryMiddleware goes, and the signing middleware anchored to it fails every send", async () => {
    const ours = await sendAfter("ours", "CreateToken", (stack) => stack.remove("retryMiddleware"));
    expect(ours).toStrictEqual({
      changed: true,
      result: {
        thrown:
          "Error: retryMiddleware is not found when adding httpSigningMiddleware (a.k.a. apiKeyMiddleware,tokenMiddleware,awsAuthMiddleware) middleware after retryMiddleware",
      },
      requests: 0,
      signed: [],
    });
  });

  const besides = cases.flatMap(([name, operation]) =>
    (["before", "after"] as const).map((relation) => [relation, name, operation] as const),
  );

  it.each(besides)(
    "addRelativeTo(%s %j), then %s: the official client's outcome",
    async (relation, name, operation) => {
      const add = (stack: MiddlewareStack<any, any>) =>
        stack.addRelativeTo((next: (args: any) => Promise<any>) => next, {
          relation,
          toMiddleware: name,
          name: "beside",
        });
      const official = await sendAfter("official", operation, add);
      const ours = await sendAfter("ours", operation, add);
      expect(ours).toStrictEqual(official);
      expect(ours.result).toHaveProperty("output");
    },
  );
});

describe("signing", () => {
  it.each(OPERATIONS)(
    "%s: signed by both clients exactly when the official signs it",
    async (operation) => {
      const official = await sendAfter("official", operation, () => undefined);
      const ours = await sendAfter("ours", operation, () => undefined);
      expect(ours).toStrictEqual(official);
      expect(ours.signed).toStrictEqual([operation === "CreateTokenWithIAM"]);
    },
  );
});
