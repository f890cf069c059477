import * as Official from "@aws-sdk/client-sso-oidc";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Ours from "../../src/index";
import { RecordingServer } from "../support/recording-server";

/*
 * What a `catch` block reads from an error, side by side with the official
 * client: the class and its `name` (also `constructor.name`, in every build
 * the package ships), the own enumerable members, and their values. The one
 * intended difference is `message`, which carries the service's words.
 */

const ROOT = join(__dirname, "../..");
const official: Record<string, unknown> = Official;

type Exports = Record<string, unknown>;

function isClass(value: unknown): value is Function {
  return typeof value === "function" && /^class\b/.test(Function.prototype.toString.call(value));
}

/** The name a class exported as `exportName` should have: the official's, else its export name. */
function expectedName(exportName: string): string {
  const theirs = official[exportName];
  return typeof theirs === "function" ? theirs.name : exportName;
}

const BUILDS = {
  "CommonJS (dist/index.cjs)": async () => createRequire(__filename)(join(ROOT, "dist/index.cjs")),
  "ESM (dist/index.js)": async () => import(pathToFileURL(join(ROOT, "dist/index.js")).href),
  "browser (dist/browser/index.js)": async () =>
    import(pathToFileURL(join(ROOT, "dist/browser/index.js")).href),
} satisfies Record<string, () => Promise<Exports>>;

describe("class names", () => {
  beforeAll(() => {
    if (!existsSync(join(ROOT, "dist/browser/index.js"))) {
      throw new Error("dist is missing: run `npm run build` first (`npm test` does).");
    }
  });

  it("the classes compared include every exception, both clients and the commands", () => {
    const classes = Object.keys(Ours).filter((name) => isClass((Ours as Exports)[name]));
    for (const name of [
      "SSOOIDCClient",
      "SSOOIDC",
      "CreateTokenCommand",
      "SSOOIDCServiceException",
      "InvalidGrantException",
      "AuthorizationPendingException",
      "InvalidInputError",
    ]) {
      expect(classes).toContain(name);
    }
  });

  it.each(Object.keys(BUILDS) as Array<keyof typeof BUILDS>)(
    "%s: every exported class is named as the official's, or after its export",
    async (build) => {
      const exports = await BUILDS[build]();
      const wrong = Object.entries(exports)
        .filter(([, value]) => isClass(value))
        .filter(([name, value]) => (value as Function).name !== expectedName(name))
        .map(([name, value]) => `${name}: ${(value as Function).name}`);
      expect(wrong).toStrictEqual([]);
    },
  );

  it.each(Object.keys(BUILDS) as Array<keyof typeof BUILDS>)(
    "%s: an exception's constructor.name is its class name",
    async (build) => {
      const exports = await BUILDS[build]();
      const names = Object.keys(exports).filter((name) => /Exception$/.test(name));
      expect(names.length).toBe(15);
      for (const name of names) {
        const Exception = exports[name] as new (options: object) => Error;
        const error = new Exception({ $metadata: {}, message: "m" });
        expect(error.constructor.name).toBe(name);
        expect(error).toBeInstanceOf(Exception);
      }
    },
  );
});

const server = new RecordingServer();
beforeAll(async () => {
  await server.start();
});
afterAll(() => server.close());

interface ErrorCase {
  readonly name: string;
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body: string;
  /** Our `message`: the service's words where it sends them. */
  readonly message: string;
}

const CASES: ErrorCase[] = [
  {
    name: "a modeled error with members the model does not name",
    status: 400,
    headers: { "x-amzn-errortype": "AccessDeniedException" },
    body: '{"error":"access_denied","reason":"KMS_AccessDeniedException","error_description":"KMS said no","debug":"x","__type":"AccessDeniedException","attempt":5}',
    message: "KMS said no",
  },
  {
    name: "a modeled error named by __type with its namespace",
    status: 400,
    body: '{"__type":"com.amazonaws.ssooidc#InvalidGrantException","error":"invalid_grant","error_description":"Invalid refresh token provided"}',
    message: "Invalid refresh token provided",
  },
  {
    name: "an error the model does not name, with an object member",
    status: 400,
    body: '{"__type":"WeirdException","error":"weird","message":"m","detail":{"a":1}}',
    message: "m",
  },
  {
    name: "a modeled error with Message",
    status: 400,
    headers: { "x-amzn-errortype": "InvalidGrantException" },
    body: '{"error":"invalid_grant","Message":"M"}',
    message: "M",
  },
  {
    name: "a 5xx modeled error with nothing but the type",
    status: 500,
    headers: { "x-amzn-errortype": "InternalServerException" },
    body: "{}",
    message: "InternalServerException",
  },
];

/** What this test uses of either package. */
interface Package {
  SSOOIDCClient: new (config: object) => {
    send(command: unknown): Promise<unknown>;
    destroy(): void;
  };
  CreateTokenCommand: new (input: Ours.CreateTokenCommandInput) => unknown;
}

async function thrownBy(pkg: Package, response: ErrorCase) {
  server.respond({ status: response.status, headers: response.headers, body: response.body });
  const client = new pkg.SSOOIDCClient({
    region: "us-east-1",
    endpoint: server.url,
    maxAttempts: 1,
  });
  const input = { clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" };
  try {
    await client.send(new pkg.CreateTokenCommand(input));
  } catch (error) {
    return error as Error & Record<string, unknown>;
  } finally {
    client.destroy();
  }
  throw new Error("the call did not fail");
}

describe.each(CASES)("service errors: $name", (response) => {
  it("has the official's class, name, own members and their values; message is the service's", async () => {
    const theirs = await thrownBy(Official, response);
    const ours = await thrownBy(Ours, response);
    expect(ours.constructor.name).toBe(theirs.constructor.name);
    expect(ours.name).toBe(theirs.name);
    expect(Object.keys(ours).sort()).toStrictEqual(Object.keys(theirs).sort());
    const { message: ourMessage, ...ourMembers } = { ...ours };
    const { message: theirMessage, ...theirMembers } = { ...theirs };
    expect(ourMembers).toStrictEqual(theirMembers);
    expect(ourMessage).toBe(response.message);
    expect(theirMessage).toBeTypeOf("string");
    for (const error of [ours, theirs]) {
      expect(Object.getOwnPropertyDescriptor(error, "message")?.enumerable).toBe(true);
      expect(Object.getOwnPropertyDescriptor(error, "$response")?.enumerable).toBe(false);
    }
  });
});

describe("service errors: a sensitive member in the body", () => {
  it("is not copied onto the error, where the official copies it", async () => {
    const response: ErrorCase = {
      name: "a token in an error response",
      status: 400,
      headers: { "x-amzn-errortype": "InvalidGrantException" },
      body: '{"error":"invalid_grant","accessToken":"aoa-secret-token","debug":"x"}',
      message: "InvalidGrantException",
    };
    const theirs = await thrownBy(Official, response);
    const ours = await thrownBy(Ours, response);
    expect(theirs).toMatchObject({ accessToken: "aoa-secret-token", debug: "x" });
    expect(ours).toMatchObject({ debug: "x", error: "invalid_grant" });
    expect(Object.hasOwn(ours, "accessToken")).toBe(false);
  });
});
