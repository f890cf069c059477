import { describe, expect, it } from "vitest";
import {
  GetRoleCredentialsCommand,
  InvalidRequestException,
  ListAccountRolesCommand,
  ListAccountsCommand,
  LogoutCommand,
  ResourceNotFoundException,
  TooManyRequestsException,
  UnauthorizedException,
  paginateListAccountRoles,
  paginateListAccounts,
} from "@aws-sdk/client-sso";
import { CreateTokenCommand } from "@aws-sdk/client-sso-oidc";
import { createManualClock, startTestEmulator, START_MS } from "./support/test-emulator";
import { describePortalException, portalClient, portalException, signIn } from "./support/portal";
import { describeException, rejection, serviceException } from "./support/wire";
import type { SSOClient, SSOServiceException } from "@aws-sdk/client-sso";

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
const UNAUTHORIZED = portalException(
  "UnauthorizedException",
  401,
  "Session token not found or invalid",
);

/** Each operation with a token, as the official client sends it. */
const OPERATIONS = {
  ListAccounts: (sso: SSOClient, accessToken: string | undefined) =>
    sso.send(new ListAccountsCommand({ accessToken })),
  ListAccountRoles: (sso: SSOClient, accessToken: string | undefined) =>
    sso.send(new ListAccountRolesCommand({ accessToken, accountId: "111111111111" })),
  GetRoleCredentials: (sso: SSOClient, accessToken: string | undefined) =>
    sso.send(
      new GetRoleCredentialsCommand({
        accessToken,
        accountId: "111111111111",
        roleName: "ReadOnlyAccess",
      }),
    ),
  Logout: (sso: SSOClient, accessToken: string | undefined) =>
    sso.send(new LogoutCommand({ accessToken })),
};
type OperationName = keyof typeof OPERATIONS;
const OPERATION_NAMES = Object.keys(OPERATIONS) as OperationName[];

function portalRejection(promise: Promise<unknown>) {
  return rejection<SSOServiceException>(promise).then(describePortalException);
}

describe("official @aws-sdk/client-sso against the emulator's access portal", () => {
  it("runs ListAccounts, ListAccountRoles, GetRoleCredentials and Logout", async () => {
    const clock = createManualClock();
    const emu = await startTestEmulator({ now: clock.now });
    const { accessToken } = await signIn(emu);
    const sso = portalClient(emu.url);

    const accounts = await sso.send(new ListAccountsCommand({ accessToken }));
    expect(accounts.accountList).toEqual([DEVELOPMENT, PRODUCTION]);
    expect(accounts.nextToken).toBeUndefined();
    expect(accounts.$metadata.httpStatusCode).toBe(200);

    const roles = await sso.send(
      new ListAccountRolesCommand({ accessToken, accountId: "111111111111" }),
    );
    expect(roles.roleList).toEqual([
      { roleName: "AdministratorAccess", accountId: "111111111111" },
      { roleName: "ReadOnlyAccess", accountId: "111111111111" },
    ]);

    const { roleCredentials } = await sso.send(
      new GetRoleCredentialsCommand({
        accessToken,
        accountId: "222222222222",
        roleName: "ViewOnlyAccess",
      }),
    );
    expect(roleCredentials).toEqual({
      accessKeyId: expect.stringMatching(/^ASIA[A-Z2-7]{16}$/),
      secretAccessKey: expect.stringMatching(/^[A-Za-z0-9+/]{40}$/),
      sessionToken: expect.stringMatching(/^[A-Za-z0-9+/]{320}$/),
      expiration: START_MS + 3600_000,
    });

    const loggedOut = await sso.send(new LogoutCommand({ accessToken }));
    expect(loggedOut.$metadata.httpStatusCode).toBe(200);
    expect(Object.keys(loggedOut)).toEqual(["$metadata"]);
  });

  it("pages accounts and roles with max_result 1, by hand and with the paginators", async () => {
    const emu = await startTestEmulator();
    const { accessToken } = await signIn(emu);
    const sso = portalClient(emu.url);

    const first = await sso.send(new ListAccountsCommand({ accessToken, maxResults: 1 }));
    expect(first.accountList).toEqual([DEVELOPMENT]);
    expect(first.nextToken).toEqual(expect.any(String));
    const second = await sso.send(
      new ListAccountsCommand({ accessToken, maxResults: 1, nextToken: first.nextToken }),
    );
    expect(second.accountList).toEqual([PRODUCTION]);
    expect(second.nextToken).toBeUndefined();

    const accountPages = [];
    for await (const page of paginateListAccounts({ client: sso, pageSize: 1 }, { accessToken })) {
      accountPages.push(page.accountList);
    }
    expect(accountPages).toEqual([[DEVELOPMENT], [PRODUCTION]]);

    const rolePages: Record<string, unknown[]> = {};
    for (const { accountId } of [DEVELOPMENT, PRODUCTION]) {
      const pages = paginateListAccountRoles(
        { client: sso, pageSize: 1 },
        { accessToken, accountId },
      );
      for await (const page of pages) (rolePages[accountId] ??= []).push(page.roleList);
    }
    expect(rolePages).toEqual({
      "111111111111": [
        [{ roleName: "AdministratorAccess", accountId: "111111111111" }],
        [{ roleName: "ReadOnlyAccess", accountId: "111111111111" }],
      ],
      "222222222222": [
        [{ roleName: "ReadOnlyAccess", accountId: "222222222222" }],
        [{ roleName: "ViewOnlyAccess", accountId: "222222222222" }],
      ],
    });
  });

  it.each(OPERATION_NAMES)("%s without a token: UnauthorizedException", async (operation) => {
    const emu = await startTestEmulator();
    const error = await rejection<SSOServiceException>(
      OPERATIONS[operation](portalClient(emu.url), undefined),
    );
    expect(error).toBeInstanceOf(UnauthorizedException);
    expect(describePortalException(error)).toEqual(UNAUTHORIZED);
  });

  it.each(OPERATION_NAMES)("%s with an unknown token: UnauthorizedException", async (operation) => {
    const emu = await startTestEmulator();
    await signIn(emu);
    const failure = OPERATIONS[operation](portalClient(emu.url), "aoa-never-issued");
    expect(await portalRejection(failure)).toEqual(UNAUTHORIZED);
  });

  it.each(OPERATION_NAMES)("%s with an expired token: UnauthorizedException", async (operation) => {
    const clock = createManualClock();
    const emu = await startTestEmulator({ now: clock.now });
    const { accessToken } = await signIn(emu);
    clock.advance(3600_000);
    const failure = OPERATIONS[operation](portalClient(emu.url), accessToken);
    expect(await portalRejection(failure)).toEqual(UNAUTHORIZED);
  });

  it.each(OPERATION_NAMES)(
    "%s after Logout: UnauthorizedException, and CreateToken refuses the refresh token",
    async (operation) => {
      const emu = await startTestEmulator();
      const login = await signIn(emu);
      const sso = portalClient(emu.url);
      await sso.send(new LogoutCommand({ accessToken: login.accessToken }));

      expect(await portalRejection(OPERATIONS[operation](sso, login.accessToken))).toEqual(
        UNAUTHORIZED,
      );
      const refresh = login.oidc.send(
        new CreateTokenCommand({
          clientId: login.clientId,
          clientSecret: login.clientSecret,
          grantType: "refresh_token",
          refreshToken: login.refreshToken,
        }),
      );
      expect(describeException(await rejection(refresh))).toEqual(
        serviceException(
          "InvalidGrantException",
          400,
          "invalid_grant",
          "Invalid refresh token provided",
        ),
      );
    },
  );

  it("unknown accounts and roles: ResourceNotFoundException", async () => {
    const emu = await startTestEmulator();
    const { accessToken } = await signIn(emu);
    const sso = portalClient(emu.url);

    const roles = await rejection<SSOServiceException>(
      sso.send(new ListAccountRolesCommand({ accessToken, accountId: "999999999999" })),
    );
    expect(roles).toBeInstanceOf(ResourceNotFoundException);
    expect(describePortalException(roles)).toEqual(
      portalException(
        "ResourceNotFoundException",
        404,
        "No account 999999999999 is assigned to the user",
      ),
    );
    const account = sso.send(
      new GetRoleCredentialsCommand({
        accessToken,
        accountId: "999999999999",
        roleName: "ReadOnlyAccess",
      }),
    );
    expect(await portalRejection(account)).toEqual(
      portalException(
        "ResourceNotFoundException",
        404,
        "No account 999999999999 is assigned to the user",
      ),
    );
    const role = sso.send(
      new GetRoleCredentialsCommand({
        accessToken,
        accountId: "222222222222",
        roleName: "AdministratorAccess",
      }),
    );
    expect(await portalRejection(role)).toEqual(
      portalException(
        "ResourceNotFoundException",
        404,
        "No role AdministratorAccess is assigned to the user in account 222222222222",
      ),
    );
  });

  it.each([0, 101])("maxResults %i: InvalidRequestException", async (maxResults) => {
    const emu = await startTestEmulator();
    const { accessToken } = await signIn(emu);
    const sso = portalClient(emu.url);
    const message = `max_result must be an integer from 1 to 100, got '${maxResults}'`;

    const accounts = await rejection<SSOServiceException>(
      sso.send(new ListAccountsCommand({ accessToken, maxResults })),
    );
    expect(accounts).toBeInstanceOf(InvalidRequestException);
    expect(describePortalException(accounts)).toEqual(
      portalException("InvalidRequestException", 400, message),
    );
    const roles = sso.send(
      new ListAccountRolesCommand({ accessToken, accountId: "111111111111", maxResults }),
    );
    expect(await portalRejection(roles)).toEqual(
      portalException("InvalidRequestException", 400, message),
    );
  });

  it("an injected fault: TooManyRequestsException, which the client retries as throttling", async () => {
    const emu = await startTestEmulator();
    const { accessToken } = await signIn(emu);

    emu.failNext("GetRoleCredentials", {
      error: "TooManyRequestsException",
      errorDescription: "Rate exceeded",
    });
    const input = { accessToken, accountId: "111111111111", roleName: "ReadOnlyAccess" };
    const once = portalClient(emu.url, { maxAttempts: 1 });
    const error = await rejection<SSOServiceException>(
      once.send(new GetRoleCredentialsCommand(input)),
    );
    expect(error).toBeInstanceOf(TooManyRequestsException);
    expect(describePortalException(error)).toEqual(
      portalException("TooManyRequestsException", 429, "Rate exceeded"),
    );

    emu.failNext("ListAccounts", { error: "TooManyRequestsException" });
    const retried = await portalClient(emu.url).send(new ListAccountsCommand({ accessToken }));
    expect(retried.$metadata.attempts).toBe(2);
    expect(retried.accountList).toEqual([DEVELOPMENT, PRODUCTION]);
  });
});
