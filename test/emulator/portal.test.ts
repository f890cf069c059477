import { describe, expect, it } from "vitest";
import { CreateTokenCommand } from "@aws-sdk/client-sso-oidc";
import { parseEmulatorAccounts, startEmulator } from "../../src/emulator/index";
import {
  createManualClock,
  sequentialIds,
  startTestEmulator,
  START_MS,
} from "./support/test-emulator";
import { callPortal, portalError, signIn, TOKEN_HEADER } from "./support/portal";
import { describeException, rejection, send, serviceException, wireError } from "./support/wire";
import type { EmulatorAccount, EmulatorFault } from "../../src/emulator/index";
import type { WireResponse } from "./support/wire";

const DEVELOPMENT = {
  accountId: "111111111111",
  accountName: "Development",
  emailAddress: "aws-dev@example.com",
};
const PRODUCTION = {
  accountId: "222222222222",
  accountName: "Production",
  emailAddress: "aws-prod@example.com",
};
const SESSION_INVALID = "Session token not found or invalid";
const CREDENTIALS_PATH = "/federation/credentials";
/** A uuid, or `requestId-<n>` from the tests' sequential ids. */
const REQUEST_ID = /^(?:[0-9a-f-]{36}|requestId-\d+)$/;

function json(response: WireResponse) {
  expect(response.headers.get("content-type")).toBe("application/json");
  expect(response.headers.get("x-amzn-requestid")).toMatch(REQUEST_ID);
  return { status: response.status, body: response.body };
}

function expectPortalError(response: WireResponse, expected: ReturnType<typeof portalError>) {
  expect(wireError(response)).toEqual(expected);
  expect(response.headers.get("content-type")).toBe("application/json");
  expect(response.headers.get("x-amzn-requestid")).toMatch(REQUEST_ID);
}

describe("access portal on the wire", () => {
  it("lists the default accounts and roles, a page at a time", async () => {
    const emu = await startTestEmulator({ generateId: sequentialIds() });
    const { accessToken } = await signIn(emu);

    expect(json(await callPortal(emu, "/assignment/accounts", accessToken))).toEqual({
      status: 200,
      body: { accountList: [DEVELOPMENT, PRODUCTION] },
    });
    const first = await callPortal(emu, "/assignment/accounts?max_result=1", accessToken);
    const { nextToken } = first.body as { nextToken: string };
    expect(json(first)).toEqual({
      status: 200,
      body: { accountList: [DEVELOPMENT], nextToken: expect.any(String) },
    });
    const next = `/assignment/accounts?max_result=1&next_token=${encodeURIComponent(nextToken)}`;
    expect(json(await callPortal(emu, next, accessToken))).toEqual({
      status: 200,
      body: { accountList: [PRODUCTION] },
    });

    const roles = await callPortal(emu, "/assignment/roles?account_id=222222222222", accessToken);
    expect(json(roles)).toEqual({
      status: 200,
      body: {
        roleList: [
          { roleName: "ReadOnlyAccess", accountId: "222222222222" },
          { roleName: "ViewOnlyAccess", accountId: "222222222222" },
        ],
      },
    });
  });

  it("mints well-formed role credentials that last roleCredentialsExpiresInSeconds", async () => {
    const clock = createManualClock();
    const emu = await startTestEmulator({ now: clock.now, roleCredentialsExpiresInSeconds: 900 });
    const { accessToken } = await signIn(emu);
    const path = "/federation/credentials?role_name=AdministratorAccess&account_id=111111111111";

    const first = json(await callPortal(emu, path, accessToken));
    expect(first).toEqual({
      status: 200,
      body: {
        roleCredentials: {
          accessKeyId: expect.stringMatching(/^ASIA[A-Z2-7]{16}$/),
          secretAccessKey: expect.stringMatching(/^[A-Za-z0-9+/]{40}$/),
          sessionToken: expect.stringMatching(/^[A-Za-z0-9+/]{320}$/),
          expiration: START_MS + 900_000,
        },
      },
    });
    clock.advance(5000);
    const second = json(await callPortal(emu, path, accessToken));
    const [a, b] = [first, second].map(
      (answer) => (answer.body as { roleCredentials: Record<string, unknown> }).roleCredentials,
    );
    expect(b?.["expiration"]).toBe(START_MS + 905_000);
    expect(b?.["accessKeyId"]).not.toBe(a?.["accessKeyId"]);
    expect(b?.["secretAccessKey"]).not.toBe(a?.["secretAccessKey"]);
  });

  it("serves the accounts option: no email address, three roles, paged by two", async () => {
    const accounts: EmulatorAccount[] = [
      { accountId: "123456789012", accountName: "Sandbox", roles: ["Dev", "Ops", "Audit"] },
    ];
    const emu = await startTestEmulator({ accounts });
    const { accessToken } = await signIn(emu);
    accounts[0]!.roles.push("AddedLater");

    expect((await callPortal(emu, "/assignment/accounts", accessToken)).body).toEqual({
      accountList: [{ accountId: "123456789012", accountName: "Sandbox" }],
    });
    const path = "/assignment/roles?account_id=123456789012&max_result=2";
    const first = await callPortal(emu, path, accessToken);
    const { nextToken } = first.body as { nextToken: string };
    expect(first.body).toEqual({
      roleList: [
        { roleName: "Dev", accountId: "123456789012" },
        { roleName: "Ops", accountId: "123456789012" },
      ],
      nextToken: expect.any(String),
    });
    const second = await callPortal(emu, `${path}&next_token=${nextToken}`, accessToken);
    expect(second.body).toEqual({ roleList: [{ roleName: "Audit", accountId: "123456789012" }] });
    const missing = await callPortal(
      emu,
      "/federation/credentials?role_name=AddedLater&account_id=123456789012",
      accessToken,
    );
    expect(missing.status).toBe(404);
  });

  type ErrorCase = [
    name: string,
    path: string,
    token: "valid" | "none" | "unknown" | "refresh",
    expected: ReturnType<typeof portalError>,
    method?: string,
  ];
  const unauthorized = portalError(401, "UnauthorizedException", SESSION_INVALID);
  const invalid = (message: string) => portalError(400, "InvalidRequestException", message);
  const notFound = (message: string) => portalError(404, "ResourceNotFoundException", message);

  it.each<ErrorCase>([
    ["ListAccounts without a token", "/assignment/accounts", "none", unauthorized],
    [
      "ListAccountRoles without a token",
      "/assignment/roles?account_id=111111111111",
      "none",
      unauthorized,
    ],
    [
      "GetRoleCredentials without a token",
      `${CREDENTIALS_PATH}?role_name=ReadOnlyAccess&account_id=111111111111`,
      "none",
      unauthorized,
    ],
    ["Logout without a token", "/logout", "none", unauthorized],
    ["ListAccounts with an unknown token", "/assignment/accounts", "unknown", unauthorized],
    [
      "ListAccountRoles with an unknown token",
      "/assignment/roles?account_id=111111111111",
      "unknown",
      unauthorized,
    ],
    [
      "GetRoleCredentials with an unknown token",
      `${CREDENTIALS_PATH}?role_name=ReadOnlyAccess&account_id=111111111111`,
      "unknown",
      unauthorized,
    ],
    ["Logout with an unknown token", "/logout", "unknown", unauthorized],
    [
      "a refresh token in place of the access token",
      "/assignment/accounts",
      "refresh",
      unauthorized,
    ],
    [
      "an unauthenticated call with a bad max_result",
      "/assignment/accounts?max_result=0",
      "none",
      unauthorized,
    ],
    [
      "max_result 0",
      "/assignment/accounts?max_result=0",
      "valid",
      invalid("max_result must be an integer from 1 to 100, got '0'"),
    ],
    [
      "max_result 101",
      "/assignment/roles?account_id=111111111111&max_result=101",
      "valid",
      invalid("max_result must be an integer from 1 to 100, got '101'"),
    ],
    [
      "max_result 1.5",
      "/assignment/accounts?max_result=1.5",
      "valid",
      invalid("max_result must be an integer from 1 to 100, got '1.5'"),
    ],
    [
      "an empty max_result",
      "/assignment/accounts?max_result=",
      "valid",
      invalid("max_result must be an integer from 1 to 100, got ''"),
    ],
    [
      "a next_token that is not one",
      "/assignment/accounts?next_token=garbage",
      "valid",
      invalid("Invalid next_token"),
    ],
    [
      "a next_token past the list",
      `/assignment/accounts?next_token=${Buffer.from('{"list":"accounts","offset":2}').toString("base64url")}`,
      "valid",
      invalid("Invalid next_token"),
    ],
    [
      "ListAccountRoles without account_id",
      "/assignment/roles",
      "valid",
      invalid("Missing required parameter 'account_id'"),
    ],
    [
      "ListAccountRoles for an unknown account",
      "/assignment/roles?account_id=999999999999",
      "valid",
      notFound("No account 999999999999 is assigned to the user"),
    ],
    [
      "GetRoleCredentials without role_name",
      `${CREDENTIALS_PATH}?account_id=111111111111`,
      "valid",
      invalid("Missing required parameter 'role_name'"),
    ],
    [
      "GetRoleCredentials without account_id",
      `${CREDENTIALS_PATH}?role_name=ReadOnlyAccess`,
      "valid",
      invalid("Missing required parameter 'account_id'"),
    ],
    [
      "GetRoleCredentials for an unknown account",
      `${CREDENTIALS_PATH}?role_name=ReadOnlyAccess&account_id=999999999999`,
      "valid",
      notFound("No account 999999999999 is assigned to the user"),
    ],
    [
      "GetRoleCredentials for a role of another account",
      `${CREDENTIALS_PATH}?role_name=ViewOnlyAccess&account_id=111111111111`,
      "valid",
      notFound("No role ViewOnlyAccess is assigned to the user in account 111111111111"),
    ],
    [
      "GET /logout",
      "/logout",
      "valid",
      portalError(405, "InvalidRequestException", "Method GET is not allowed here"),
      "GET",
    ],
    [
      "POST /assignment/accounts",
      "/assignment/accounts",
      "valid",
      portalError(405, "InvalidRequestException", "Method POST is not allowed here"),
      "POST",
    ],
  ])("answers %s as the portal does", async (_name, path, token, expected, method) => {
    const emu = await startTestEmulator();
    const login = await signIn(emu);
    const tokens = {
      valid: login.accessToken,
      none: undefined,
      unknown: "aoa-never-issued",
      refresh: login.refreshToken,
    };
    const response = await callPortal(emu, path, tokens[token], method);
    expectPortalError(response, expected);
    if (expected.status === 405) {
      expect(response.headers.get("allow")).toBe(
        method === "GET" ? "POST, OPTIONS" : "GET, OPTIONS",
      );
    }
  });

  it("refuses a next_token of one list on another", async () => {
    const emu = await startTestEmulator();
    const { accessToken } = await signIn(emu);
    const accounts = await callPortal(emu, "/assignment/accounts?max_result=1", accessToken);
    const { nextToken } = accounts.body as { nextToken: string };
    for (const path of [
      `/assignment/roles?account_id=111111111111&next_token=${nextToken}`,
      `/assignment/roles?account_id=222222222222&next_token=${nextToken}`,
    ]) {
      expectPortalError(await callPortal(emu, path, accessToken), invalid("Invalid next_token"));
    }
    const roles = await callPortal(
      emu,
      "/assignment/roles?account_id=111111111111&max_result=1",
      accessToken,
    );
    const rolesToken = (roles.body as { nextToken: string }).nextToken;
    const otherAccount = `/assignment/roles?account_id=222222222222&next_token=${rolesToken}`;
    expectPortalError(
      await callPortal(emu, otherAccount, accessToken),
      invalid("Invalid next_token"),
    );
  });

  it("refuses a token from the moment it expires", async () => {
    const clock = createManualClock();
    const emu = await startTestEmulator({ now: clock.now, accessTokenExpiresInSeconds: 60 });
    const { accessToken } = await signIn(emu);
    clock.advance(59_999);
    expect((await callPortal(emu, "/assignment/accounts", accessToken)).status).toBe(200);
    clock.advance(1);
    expectPortalError(await callPortal(emu, "/assignment/accounts", accessToken), unauthorized);
    expectPortalError(await callPortal(emu, "/logout", accessToken), unauthorized);
  });

  it("Logout ends the whole sign-in session, refreshed tokens included, and no other", async () => {
    const emu = await startTestEmulator({ generateId: sequentialIds() });
    const first = await signIn(emu);
    const refresh = (refreshToken: string) =>
      first.oidc.send(
        new CreateTokenCommand({
          clientId: first.clientId,
          clientSecret: first.clientSecret,
          grantType: "refresh_token",
          refreshToken,
        }),
      );
    expect(await refresh("refreshToken-1")).toMatchObject({
      accessToken: "accessToken-2",
      refreshToken: "refreshToken-2",
    });
    const other = await signIn(emu);
    expect(other.accessToken).toBe("accessToken-3");

    const loggedOut = await callPortal(emu, "/logout", "accessToken-2");
    expect(loggedOut.status).toBe(200);
    expect(loggedOut.headers.get("content-length")).toBe("0");
    expect(loggedOut.body).toBe("");

    for (const token of ["accessToken-1", "accessToken-2"]) {
      expectPortalError(await callPortal(emu, "/assignment/accounts", token), unauthorized);
    }
    expect(describeException(await rejection(refresh("refreshToken-2")))).toEqual(
      serviceException(
        "InvalidGrantException",
        400,
        "invalid_grant",
        "Invalid refresh token provided",
      ),
    );
    expect((await callPortal(emu, "/assignment/accounts", "accessToken-3")).status).toBe(200);
    expect(await refresh("refreshToken-3").catch((error: Error) => error.name)).toBe(
      "InvalidGrantException",
    );
    expect(
      await other.oidc.send(
        new CreateTokenCommand({
          clientId: other.clientId,
          clientSecret: other.clientSecret,
          grantType: "refresh_token",
          refreshToken: "refreshToken-3",
        }),
      ),
    ).toMatchObject({ accessToken: "accessToken-4" });
  });

  it("Logout also revokes a refresh token kept across refreshes (no rotation)", async () => {
    const emu = await startTestEmulator({
      generateId: sequentialIds(),
      rotateRefreshTokens: false,
    });
    const login = await signIn(emu);
    const refresh = () =>
      login.oidc.send(
        new CreateTokenCommand({
          clientId: login.clientId,
          clientSecret: login.clientSecret,
          grantType: "refresh_token",
          refreshToken: "refreshToken-1",
        }),
      );
    expect(await refresh()).toMatchObject({
      accessToken: "accessToken-2",
      refreshToken: "refreshToken-1",
    });
    expect((await callPortal(emu, "/logout", "accessToken-1")).status).toBe(200);
    expect(describeException(await rejection(refresh())).error).toBe("invalid_grant");
    expectPortalError(await callPortal(emu, "/assignment/accounts", "accessToken-2"), unauthorized);
  });

  it("lets browsers send the token header (CORS)", async () => {
    const emu = await startTestEmulator();
    const preflight = await fetch(`${emu.url}/assignment/accounts`, { method: "OPTIONS" });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-headers")).toContain(TOKEN_HEADER);
    expect(preflight.headers.get("access-control-allow-methods")).toBe("GET, POST, OPTIONS");
    const denied = await send(`${emu.url}/assignment/accounts`, { method: "GET" });
    expect(denied.headers.get("access-control-allow-origin")).toBe("*");
    expect(denied.headers.get("access-control-expose-headers")).toBe(
      "x-amzn-requestid, x-amzn-errortype",
    );
  });
});

describe("access portal faults", () => {
  it("sends an injected portal error in the portal's format, then answers normally", async () => {
    const emu = await startTestEmulator();
    const { accessToken } = await signIn(emu);
    emu.failNext("ListAccounts", { error: "TooManyRequestsException" });
    emu.failNext("ListAccounts", { error: "UnauthorizedException", errorDescription: "Nope" });
    expectPortalError(
      await callPortal(emu, "/assignment/accounts", accessToken),
      portalError(429, "TooManyRequestsException", "Injected by the emulator"),
    );
    expectPortalError(
      await callPortal(emu, "/assignment/accounts", accessToken),
      portalError(401, "UnauthorizedException", "Nope"),
    );
    expect((await callPortal(emu, "/assignment/accounts", accessToken)).status).toBe(200);
  });

  it("applies status, reset and delay faults to portal operations", async () => {
    const emu = await startTestEmulator();
    const { accessToken } = await signIn(emu);
    emu.failNext("Logout", { status: 503 });
    expect(wireError(await callPortal(emu, "/logout", accessToken))).toEqual({
      status: 503,
      errorType: null,
      body: { message: "Service Unavailable" },
    });
    emu.failNext("GetRoleCredentials", { reset: true });
    await expect(callPortal(emu, CREDENTIALS_PATH, accessToken)).rejects.toThrow("fetch failed");
    emu.failNext("ListAccountRoles", { delayMs: 200 });
    const startedMs = performance.now();
    const roles = await callPortal(emu, "/assignment/roles?account_id=111111111111", accessToken);
    expect(performance.now() - startedMs).toBeGreaterThanOrEqual(195);
    expect(roles.status).toBe(200);
  });

  it("takes only the portal's errors for portal operations", async () => {
    const emu = await startTestEmulator();
    const oidcError = { error: "SlowDownException" } as unknown as EmulatorFault<"ListAccounts">;
    expect(() => emu.failNext("ListAccounts", oidcError)).toThrow(
      'failNext: ListAccounts cannot send the error "SlowDownException"',
    );
    expect(() => emu.failNext("Logout", { error: "TooManyRequestsException" })).not.toThrow();
  });
});

describe("the accounts option", () => {
  const valid = { accountId: "123456789012", accountName: "A", roles: ["R"] };

  it.each<[unknown, string]>([
    [{}, "accounts must be a list of accounts"],
    [[null], "accounts[0] must be an object"],
    [[{ ...valid, role: "R" }], 'accounts[0] has an unknown member "role"'],
    [[{ ...valid, accountId: "12345" }], 'accounts[0].accountId must be 12 digits, got "12345"'],
    [
      [{ ...valid, accountId: 123456789012 }],
      "accounts[0].accountId must be 12 digits, got 123456789012",
    ],
    [[{ ...valid, accountName: "" }], "accounts[0].accountName must be a non-empty string"],
    [
      [{ ...valid, emailAddress: "" }],
      "accounts[0].emailAddress must be a string of 1 to 254 characters",
    ],
    [[{ ...valid, roles: [] }], "accounts[0].roles must be a non-empty list of role names"],
    [
      [{ ...valid, roles: ["has space"] }],
      'accounts[0].roles[0] must be 1 to 32 of A-Z a-z 0-9 +=,.@-_, got "has space"',
    ],
    [[{ ...valid, roles: ["R", "R"] }], 'accounts[0].roles[1] repeats "R"'],
    [[valid, { ...valid }], "accounts[1].accountId repeats 123456789012"],
  ])("parseEmulatorAccounts(%j) throws", (value, message) => {
    expect(() => parseEmulatorAccounts(value)).toThrow(new TypeError(message));
  });

  it("names the source in its errors, and startEmulator checks its option the same way", async () => {
    expect(() => parseEmulatorAccounts([{}], "accounts.json")).toThrow(
      "accounts.json[0].accountId must be 12 digits, got undefined",
    );
    await expect(startEmulator({ accounts: [{ ...valid, roles: [] }] })).rejects.toThrow(
      "startEmulator: accounts[0].roles must be a non-empty list of role names",
    );
    await expect(startEmulator({ roleCredentialsExpiresInSeconds: 0 })).rejects.toThrow(
      "startEmulator: roleCredentialsExpiresInSeconds must be a positive integer, got 0",
    );
  });

  it("accepts an empty list: a user without assignments", async () => {
    expect(parseEmulatorAccounts([])).toEqual([]);
    const emu = await startTestEmulator({ accounts: [] });
    const { accessToken } = await signIn(emu);
    expect((await callPortal(emu, "/assignment/accounts", accessToken)).body).toEqual({
      accountList: [],
    });
  });
});
