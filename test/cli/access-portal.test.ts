import { createServer } from "node:http";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from "vitest";
import { startEmulator } from "../../src/emulator/index";
import {
  getPortalRoleCredentials,
  listPortalAccounts,
  listPortalRoles,
  logoutAtPortal,
  PortalRequestError,
  resolvePortalEndpoint,
} from "../../src/cli/access-portal";
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/*
 * The CLI's access portal calls, in process: where they go (as the AWS SDKs configure an
 * endpoint), what they send, and how each kind of failure reads.
 */

interface Received {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
}

/** A loopback server that answers with `answer` (or never, without one), closed after the test. */
async function fakePortal(answer?: (res: ServerResponse, req: IncomingMessage) => void) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    received.push({ method: req.method, url: req.url, headers: req.headers });
    req.resume();
    answer?.(res, req);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received };
}

describe("resolvePortalEndpoint", () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), "sso-oidc-portal-endpoint-"));
    // Nothing of the developer's setup: no endpoint variables, no config file.
    for (const name of [
      "AWS_ENDPOINT_URL",
      "AWS_ENDPOINT_URL_SSO",
      "AWS_ENDPOINT_URL_SSO_OIDC",
      "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
      "AWS_PROFILE",
    ]) {
      vi.stubEnv(name, undefined);
    }
    vi.stubEnv("AWS_CONFIG_FILE", join(folder, "config"));
    vi.stubEnv("AWS_SHARED_CREDENTIALS_FILE", join(folder, "credentials"));
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await rm(folder, { recursive: true, force: true });
  });

  it("is the service's regional endpoint, in the region's partition", async () => {
    expect(await resolvePortalEndpoint("us-east-1")).toBe(
      "https://portal.sso.us-east-1.amazonaws.com",
    );
    expect(await resolvePortalEndpoint("cn-north-1")).toBe(
      "https://portal.sso.cn-north-1.amazonaws.com.cn",
    );
  });

  it("is none for a region that is not one host label, which would send the token elsewhere", async () => {
    expect(await resolvePortalEndpoint("us-east-1.example.com")).toBeUndefined();
    expect(await resolvePortalEndpoint("")).toBeUndefined();
  });

  it("is AWS_ENDPOINT_URL_SSO, then AWS_ENDPOINT_URL, never the OIDC service's variable", async () => {
    vi.stubEnv("AWS_ENDPOINT_URL_SSO_OIDC", "http://127.0.0.1:1");
    expect(await resolvePortalEndpoint("us-east-1")).toBe(
      "https://portal.sso.us-east-1.amazonaws.com",
    );
    vi.stubEnv("AWS_ENDPOINT_URL", "http://127.0.0.1:2");
    expect(await resolvePortalEndpoint("us-east-1")).toBe("http://127.0.0.1:2");
    vi.stubEnv("AWS_ENDPOINT_URL_SSO", "http://127.0.0.1:3");
    expect(await resolvePortalEndpoint("us-east-1")).toBe("http://127.0.0.1:3");
    vi.stubEnv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
    expect(await resolvePortalEndpoint("us-east-1")).toBe(
      "https://portal.sso.us-east-1.amazonaws.com",
    );
  });

  it("is the profile's [services] sso endpoint_url", async () => {
    await writeFile(
      join(folder, "config"),
      "[profile dev]\nservices = local\n\n[services local]\nsso =\n  endpoint_url = http://127.0.0.1:4\n",
    );
    vi.stubEnv("AWS_PROFILE", "dev");
    expect(await resolvePortalEndpoint("us-east-1")).toBe("http://127.0.0.1:4");
  });
});

describe("logoutAtPortal", () => {
  it("POSTs /logout below the endpoint's path with the token header and no body", async () => {
    const portal = await fakePortal((res) => res.writeHead(200, { "content-length": 0 }).end());
    await logoutAtPortal(`${portal.url}/prefix/`, "the-token");
    expect(portal.received).toEqual([
      {
        method: "POST",
        url: "/prefix/logout",
        headers: expect.objectContaining({
          "x-amz-sso_bearer_token": "the-token",
          "content-length": "0",
        }),
      },
    ]);
  });

  it("gives up after its timeout with one line that names the operation and the endpoint", async () => {
    const portal = await fakePortal();
    const started = Date.now();
    const error: unknown = await logoutAtPortal(portal.url, "the-token", 100).catch(
      (caught: unknown) => caught,
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toBeInstanceOf(PortalRequestError);
    expect(error).toMatchObject({
      code: "PORTAL_UNREACHABLE",
      message: `Logout at ${portal.url} failed: no answer within 0.1 s.`,
    });
  });

  it("names an endpoint setting that is not a URL", async () => {
    await expect(logoutAtPortal("portal.example", "the-token")).rejects.toMatchObject({
      code: "INVALID_ENDPOINT",
      message:
        "Logout: the access portal endpoint 'portal.example' is not a URL; check AWS_ENDPOINT_URL_SSO.",
    });
  });

  it("reads the service's error type from the header, else says the status", async () => {
    const typed = await fakePortal((res) =>
      res
        .writeHead(500, {
          "x-amzn-errortype": "InternalServerException:http://internal.amazon.com/",
          "content-type": "application/json",
        })
        .end('{"message":"oops"}'),
    );
    await expect(logoutAtPortal(typed.url, "the-token")).rejects.toMatchObject({
      code: "PORTAL_REFUSED",
      status: 500,
      errorType: "InternalServerException",
      message: `Logout at ${typed.url} was refused (InternalServerException, HTTP 500).`,
    });
    const proxy = await fakePortal((res) =>
      res.writeHead(502, { "content-type": "text/html" }).end("<html>Bad gateway</html>"),
    );
    await expect(logoutAtPortal(proxy.url, "the-token")).rejects.toMatchObject({
      code: "PORTAL_REFUSED",
      status: 502,
      errorType: undefined,
      message: `Logout at ${proxy.url} was refused (HTTP 502).`,
    });
  });
});

describe("the demo's portal calls", () => {
  it("page through every account and role, and read role credentials", async () => {
    // More accounts than one ListAccounts page holds (100), so the paging is exercised.
    const accounts = Array.from({ length: 101 }, (_, i) => ({
      accountId: String(100000000000 + i),
      accountName: `Account ${i}`,
      roles: ["Admin", "ReadOnly"],
    }));
    const emu = await startEmulator({ accounts, autoApprove: true, now: () => 1_800_000_000_000 });
    onTestFinished(() => emu.close());
    const register = await fetch(`${emu.url}/client/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ clientName: "t", clientType: "public" }),
    });
    const { clientId, clientSecret } = (await register.json()) as Record<string, string>;
    const start = await fetch(`${emu.url}/device_authorization`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ clientId, clientSecret, startUrl: "https://d-1.awsapps.com/start" }),
    });
    const { deviceCode } = (await start.json()) as Record<string, string>;
    const token = await fetch(`${emu.url}/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        clientId,
        clientSecret,
        grantType: "urn:ietf:params:oauth:grant-type:device_code",
        deviceCode,
      }),
    });
    const { accessToken } = (await token.json()) as Record<string, string>;

    const listed = await listPortalAccounts(emu.url, accessToken ?? "");
    expect(listed).toEqual(
      accounts.map(({ accountId, accountName }) => ({ accountId, accountName })),
    );
    expect(await listPortalRoles(emu.url, accessToken ?? "", "100000000100")).toEqual([
      "Admin",
      "ReadOnly",
    ]);
    const credentials = await getPortalRoleCredentials(
      emu.url,
      accessToken ?? "",
      "100000000100",
      "ReadOnly",
    );
    expect(credentials).toEqual({
      accessKeyId: expect.stringMatching(/^ASIA[A-Z2-7]{16}$/),
      secretAccessKey: expect.any(String),
      sessionToken: expect.any(String),
      expiration: new Date(1_800_000_000_000 + 3600 * 1000),
    });
    await expect(
      getPortalRoleCredentials(emu.url, "not-a-token", "100000000100", "ReadOnly"),
    ).rejects.toMatchObject({
      code: "PORTAL_REFUSED",
      status: 401,
      errorType: "UnauthorizedException",
    });
  });

  it("refuse an answer that is not the service's shape", async () => {
    const portal = await fakePortal((res) =>
      res
        .writeHead(200, { "content-type": "application/json" })
        .end('{"roleCredentials":{"accessKeyId":"ASIA","secretAccessKey":"s","sessionToken":"t"}}'),
    );
    await expect(getPortalRoleCredentials(portal.url, "tok", "1", "r")).rejects.toMatchObject({
      code: "PORTAL_BAD_RESPONSE",
      message: "GetRoleCredentials answered without a valid expiration.",
    });
  });
});
