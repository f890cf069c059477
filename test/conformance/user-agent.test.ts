import * as Official from "@aws-sdk/client-sso-oidc";
import { platform, release } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PACKAGE_VERSION } from "../../src/client/version";
import * as Ours from "../../src/index";
import { RecordingServer } from "../support/recording-server";

/*
 * `user-agent` and `x-amz-user-agent` on the wire, side by side with the
 * official client: the same sections in the same order, read from the
 * config on every request (so a pair pushed onto `customUserAgent` after
 * construction is sent), with this package's name and version where the
 * official sends `aws-sdk-js` and its own.
 */

const server = new RecordingServer();
beforeAll(async () => {
  await server.start();
});
afterAll(() => server.close());

type Package = typeof Official | typeof Ours;

interface Client {
  readonly config: { customUserAgent?: Array<[string, string?]> };
  send(command: unknown): Promise<unknown>;
  destroy(): void;
}

/** The product section and the API version, the parts that name the package. */
function withoutProduct(header: string | string[] | undefined, pkg: "official" | "ours"): string {
  const text = String(header);
  const product = pkg === "ours" ? `sso-oidc/${PACKAGE_VERSION}` : /^aws-sdk-js\/3\.\d+\.\d+/;
  expect(text).toMatch(pkg === "ours" ? new RegExp(`^sso-oidc/${PACKAGE_VERSION}`) : product);
  return text.replace(product, "PRODUCT").replace(/api\/sso-oidc#[\d.]+/, "api/sso-oidc#VERSION");
}

interface Scenario {
  /** Built afresh for each client: both keep a customUserAgent array as given. */
  readonly config: () => Record<string, unknown>;
  /** What is done to the client after construction, before the sends. */
  readonly after?: (client: Client) => void;
  /** Sends before the one recorded, so that a change after them is seen too. */
  readonly warmUp?: number;
  readonly before?: (client: Client) => void;
  /** The user-agent both clients send, with the product and API version left out. */
  readonly userAgent: string;
  readonly xAmzUserAgent: string;
}

const PLATFORM = `ua/2.1 os/${platform()}#${release()} lang/js md/nodejs#${process.versions.node}`;

const SCENARIOS: Record<string, Scenario> = {
  "a string customUserAgent, and a pair pushed after construction": {
    config: () => ({ customUserAgent: "my-tool/1.0" }),
    after: (client) => client.config.customUserAgent?.push(["p/plugin", "1.0.0"]),
    userAgent: `PRODUCT ${PLATFORM} api/sso-oidc#VERSION m/N,E my-tool/1.0 p/plugin#1.0.0`,
    xAmzUserAgent: "PRODUCT my-tool/1.0 p/plugin#1.0.0",
  },
  "a pair pushed after the first send": {
    config: () => ({ customUserAgent: [["my-tool", "2.0"]] }),
    warmUp: 1,
    before: (client) => client.config.customUserAgent?.push(["p/late"]),
    userAgent: `PRODUCT ${PLATFORM} api/sso-oidc#VERSION m/N,E my-tool/2.0 p/late`,
    xAmzUserAgent: "PRODUCT my-tool/2.0 p/late",
  },
  "an app id from a provider, and adaptive retries": {
    config: () => ({ userAgentAppId: async () => "my app", retryMode: "adaptive" }),
    userAgent: `PRODUCT ${PLATFORM} api/sso-oidc#VERSION m/N,F app/my-app`,
    xAmzUserAgent: "PRODUCT",
  },
  "no custom user agent": {
    config: () => ({}),
    userAgent: `PRODUCT ${PLATFORM} api/sso-oidc#VERSION m/N,E`,
    xAmzUserAgent: "PRODUCT",
  },
};

async function recorded(pkg: Package, scenario: Scenario) {
  const client = new pkg.SSOOIDCClient({
    region: "us-east-1",
    endpoint: server.url,
    maxAttempts: 1,
    ...scenario.config(),
  }) as unknown as Client;
  scenario.after?.(client);
  const command = () =>
    new pkg.CreateTokenCommand({
      clientId: "c",
      clientSecret: "s",
      grantType: "refresh_token",
      refreshToken: "r",
    });
  for (let index = 0; index < (scenario.warmUp ?? 0); index += 1) await client.send(command());
  scenario.before?.(client);
  server.take();
  await client.send(command());
  client.destroy();
  const [request] = server.take();
  if (request === undefined) throw new Error("no request was recorded");
  return request.headers;
}

describe.each(Object.keys(SCENARIOS))("user agent: %s", (name) => {
  it("is the official's, with this package's name and version", async () => {
    const scenario = SCENARIOS[name]!;
    const theirs = await recorded(Official, scenario);
    const ours = await recorded(Ours, scenario);
    for (const [pkg, headers] of [
      ["official", theirs],
      ["ours", ours],
    ] as const) {
      expect(withoutProduct(headers["user-agent"], pkg)).toBe(scenario.userAgent);
      expect(withoutProduct(headers["x-amz-user-agent"], pkg)).toBe(scenario.xAmzUserAgent);
    }
  });
});

describe("user agent of a signed request", () => {
  it("reports the credentials' source (set in code: `e`) as the official does", async () => {
    const send = async (pkg: Package) => {
      const client = new pkg.SSOOIDCClient({
        region: "us-east-1",
        endpoint: server.url,
        maxAttempts: 1,
        credentials: { accessKeyId: "AKID", secretAccessKey: "SECRET" },
      }) as unknown as Client;
      server.take();
      await client.send(new pkg.CreateTokenWithIAMCommand({ clientId: "c", grantType: "g" }));
      client.destroy();
      return server.take()[0]?.headers;
    };
    const theirs = await send(Official);
    const ours = await send(Ours);
    expect(String(theirs?.["user-agent"])).toMatch(/ m\/N,E,e$/);
    expect(withoutProduct(ours?.["user-agent"], "ours")).toBe(
      withoutProduct(theirs?.["user-agent"], "official"),
    );
    expect(withoutProduct(ours?.["x-amz-user-agent"], "ours")).toBe("PRODUCT");
  });
});
