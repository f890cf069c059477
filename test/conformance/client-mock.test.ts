import * as Official from "@aws-sdk/client-sso-oidc";
import { mockClient } from "aws-sdk-client-mock";
import { describe, expect, it } from "vitest";
import * as Ours from "../../src/index";

/*
 * aws-sdk-client-mock, the library most tests of AWS SDK users mock clients
 * with, stubs `send` on a client class or instance. One table of scenarios
 * runs against the official package and against ours; each returns what a
 * test would observe, and both must observe the same.
 */

/** Both packages have these names; the scenarios are typed with ours. */
type Package = typeof Ours;
const official = Official as unknown as Package;

/** What a scenario observes of an output or an error. */
function observe(outcome: PromiseSettledResult<unknown>, pkg: Package): unknown {
  if (outcome.status === "fulfilled") return { output: outcome.value ?? null };
  const error = outcome.reason as Error & { $fault?: string; $metadata?: unknown };
  return {
    error: {
      name: error.name,
      message: error.message,
      constructorName: error.constructor.name,
      isServiceException: error instanceof pkg.SSOOIDCServiceException,
      isAuthorizationPending: error instanceof pkg.AuthorizationPendingException,
      isInvalidGrant: error instanceof pkg.InvalidGrantException,
      $fault: error.$fault ?? null,
    },
  };
}

function settle(promises: Array<Promise<unknown>>): Promise<PromiseSettledResult<unknown>[]> {
  return Promise.allSettled(promises);
}

const REFRESH = { clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" };
const DEVICE = {
  clientId: "c",
  clientSecret: "s",
  grantType: "urn:ietf:params:oauth:grant-type:device_code",
  deviceCode: "d",
};
const REGISTER = { clientName: "my-tool", clientType: "public" };

/** Each scenario mocks, sends, restores, and returns its observations. */
const SCENARIOS: Record<string, (pkg: Package) => Promise<unknown>> = {
  "mockClient(Class): resolves for one command, undefined for the others": async (pkg) => {
    const mock = mockClient(pkg.SSOOIDCClient);
    try {
      mock.on(pkg.CreateTokenCommand).resolves({ accessToken: "mocked", expiresIn: 60 });
      const client = new pkg.SSOOIDCClient({ region: "us-east-1" });
      const outcomes = await settle([
        client.send(new pkg.CreateTokenCommand(REFRESH)),
        client.send(new pkg.RegisterClientCommand(REGISTER)),
      ]);
      return {
        outcomes: outcomes.map((o) => observe(o, pkg)),
        calls: mock.calls().length,
        createTokenCalls: mock.commandCalls(pkg.CreateTokenCommand).length,
        firstInput: mock.commandCalls(pkg.CreateTokenCommand)[0]?.args[0].input,
      };
    } finally {
      mock.restore();
    }
  },
  ".on(Command, input) matches a partial input": async (pkg) => {
    const mock = mockClient(pkg.SSOOIDCClient);
    try {
      mock
        .on(pkg.CreateTokenCommand, { grantType: "refresh_token" })
        .resolves({ accessToken: "from-refresh" })
        .on(pkg.CreateTokenCommand, { grantType: DEVICE.grantType })
        .resolves({ accessToken: "from-device" });
      const client = new pkg.SSOOIDCClient({ region: "us-east-1" });
      const outcomes = await settle([
        client.send(new pkg.CreateTokenCommand(REFRESH)),
        client.send(new pkg.CreateTokenCommand(DEVICE)),
        client.send(new pkg.CreateTokenCommand({ ...REFRESH, grantType: "authorization_code" })),
      ]);
      return {
        outcomes: outcomes.map((o) => observe(o, pkg)),
        refreshCalls: mock.commandCalls(pkg.CreateTokenCommand, { grantType: "refresh_token" })
          .length,
      };
    } finally {
      mock.restore();
    }
  },
  ".rejectsOnce(new AuthorizationPendingException(...)), then .resolves": async (pkg) => {
    const mock = mockClient(pkg.SSOOIDCClient);
    try {
      mock
        .on(pkg.CreateTokenCommand)
        .rejectsOnce(
          new pkg.AuthorizationPendingException({
            $metadata: {},
            message: "Authorization pending",
            error: "authorization_pending",
          }),
        )
        .resolves({ accessToken: "approved" });
      const client = new pkg.SSOOIDCClient({ region: "us-east-1" });
      const first = await settle([client.send(new pkg.CreateTokenCommand(DEVICE))]);
      const second = await settle([client.send(new pkg.CreateTokenCommand(DEVICE))]);
      return [...first, ...second].map((o) => observe(o, pkg));
    } finally {
      mock.restore();
    }
  },
  ".rejects with a message, and with an InvalidGrantException": async (pkg) => {
    const mock = mockClient(pkg.SSOOIDCClient);
    try {
      mock.on(pkg.RegisterClientCommand).rejects("boom");
      mock.on(pkg.CreateTokenCommand).rejects(
        new pkg.InvalidGrantException({
          $metadata: { httpStatusCode: 400 },
          message: "Invalid refresh token provided",
        }),
      );
      const client = new pkg.SSOOIDCClient({ region: "us-east-1" });
      const outcomes = await settle([
        client.send(new pkg.RegisterClientCommand(REGISTER)),
        client.send(new pkg.CreateTokenCommand(REFRESH)),
      ]);
      return outcomes.map((o) => observe(o, pkg));
    } finally {
      mock.restore();
    }
  },
  "mockClient(instance) mocks that instance only": async (pkg) => {
    const client = new pkg.SSOOIDCClient({ region: "us-east-1" });
    const other = new pkg.SSOOIDCClient({ region: "us-east-1" });
    const mock = mockClient(client);
    try {
      mock.on(pkg.StartDeviceAuthorizationCommand).resolves({ userCode: "ABCD-EFGH" });
      const outcomes = await settle([
        client.send(
          new pkg.StartDeviceAuthorizationCommand({
            clientId: "c",
            clientSecret: "s",
            startUrl: "https://d-1234567890.awsapps.com/start",
          }),
        ),
      ]);
      return {
        outcomes: outcomes.map((o) => observe(o, pkg)),
        otherIsMocked: other.send === client.send,
        instanceHasOwnSend: Object.hasOwn(client, "send"),
      };
    } finally {
      mock.restore();
    }
  },
  "the aggregated SSOOIDC, through the mocked client class": async (pkg) => {
    const mock = mockClient(pkg.SSOOIDCClient);
    try {
      mock.on(pkg.CreateTokenCommand).resolves({ accessToken: "aggregated" });
      mock.on(pkg.RegisterClientCommand).callsFake((input: { clientName: string }) => ({
        clientId: `id-for-${input.clientName}`,
      }));
      const oidc = new pkg.SSOOIDC({ region: "us-east-1" });
      const outcomes = await settle([oidc.createToken(REFRESH), oidc.registerClient(REGISTER)]);
      return {
        outcomes: outcomes.map((o) => observe(o, pkg)),
        commands: mock.calls().map((call) => (call.args[0] as object).constructor.name),
      };
    } finally {
      mock.restore();
    }
  },
  "resolvesOnce, reset and restore": async (pkg) => {
    const original = pkg.SSOOIDCClient.prototype.send;
    const mock = mockClient(pkg.SSOOIDCClient);
    const client = new pkg.SSOOIDCClient({ region: "us-east-1" });
    mock.on(pkg.CreateTokenCommand).resolvesOnce({ accessToken: "once" }).resolves({
      accessToken: "always",
    });
    const before = await settle([
      client.send(new pkg.CreateTokenCommand(REFRESH)),
      client.send(new pkg.CreateTokenCommand(REFRESH)),
    ]);
    const callsBeforeReset = mock.calls().length;
    mock.reset();
    const afterReset = await settle([client.send(new pkg.CreateTokenCommand(REFRESH))]);
    const callsAfterReset = mock.calls().length;
    mock.restore();
    return {
      before: before.map((o) => observe(o, pkg)),
      callsBeforeReset,
      afterReset: afterReset.map((o) => observe(o, pkg)),
      callsAfterReset,
      restored: pkg.SSOOIDCClient.prototype.send === original,
    };
  },
};

describe.each(Object.keys(SCENARIOS))("aws-sdk-client-mock: %s", (name) => {
  it("observes the same with ours as with the official client", async () => {
    const scenario = SCENARIOS[name]!;
    const theirs = await scenario(official);
    const ours = await scenario(Ours);
    expect(ours).toStrictEqual(theirs);
  });
});

describe("aws-sdk-client-mock: what the scenarios observe", () => {
  it("a modeled exception from rejectsOnce is an instance of its class and of the service's base", async () => {
    const observed = (await SCENARIOS[
      ".rejectsOnce(new AuthorizationPendingException(...)), then .resolves"
    ]!(Ours)) as unknown[];
    expect(observed).toStrictEqual([
      {
        error: {
          name: "AuthorizationPendingException",
          message: "Authorization pending",
          constructorName: "AuthorizationPendingException",
          isServiceException: true,
          isAuthorizationPending: true,
          isInvalidGrant: false,
          $fault: "client",
        },
      },
      { output: { accessToken: "approved" } },
    ]);
  });
});
