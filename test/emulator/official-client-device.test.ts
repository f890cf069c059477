import { describe, expect, it } from "vitest";
import { CreateTokenCommand } from "@aws-sdk/client-sso-oidc";
import {
  createManualClock,
  sequentialIds,
  startTestEmulator,
  START_MS,
} from "./support/test-emulator";
import { describeException, officialClient, rejection, serviceException } from "./support/wire";
import { deviceLogin, startDeviceLogin } from "./support/device-flow";

const START_SECONDS = START_MS / 1000;

describe("official client: device code flow (RFC 8628)", () => {
  it("registers, starts, polls through pending and slow_down, and gets tokens once approved", async () => {
    const clock = createManualClock();
    const emu = await startTestEmulator({ now: clock.now, generateId: sequentialIds() });
    const client = officialClient(emu.url);
    const login = await startDeviceLogin(client);

    expect(login.registration).toMatchObject({
      clientId: "clientId-1",
      clientSecret: "clientSecret-1",
      clientIdIssuedAt: START_SECONDS,
      clientSecretExpiresAt: START_SECONDS + 90 * 24 * 3600,
    });
    expect(login.registration.authorizationEndpoint).toBeUndefined();
    const { $metadata, ...authorization } = login.authorization;
    expect($metadata.httpStatusCode).toBe(200);
    expect(authorization).toEqual({
      deviceCode: "deviceCode-1",
      userCode: "BCDF-GHJK",
      verificationUri: `${emu.url}/device`,
      verificationUriComplete: `${emu.url}/device?user_code=BCDF-GHJK`,
      expiresIn: 600,
      interval: 1,
    });

    expect(describeException(await rejection(login.poll()))).toEqual(
      serviceException(
        "AuthorizationPendingException",
        400,
        "authorization_pending",
        "Authorization is still pending",
      ),
    );
    // RFC 8628 §3.5: polling again within the interval is slow_down, and the interval grows by 5 s.
    clock.advance(999);
    expect(describeException(await rejection(login.poll()))).toEqual(
      serviceException(
        "SlowDownException",
        400,
        "slow_down",
        "Polling too fast; wait at least 6 seconds between requests",
      ),
    );
    clock.advance(5999);
    expect((await rejection(login.poll())).name).toBe("SlowDownException");
    clock.advance(11_000);
    expect((await rejection(login.poll())).name).toBe("AuthorizationPendingException");

    emu.approve("BCDF-GHJK");
    const { $metadata: tokenMetadata, ...tokens } = await login.poll();
    expect(tokenMetadata.httpStatusCode).toBe(200);
    expect(tokens).toEqual({
      accessToken: "accessToken-1",
      tokenType: "Bearer",
      expiresIn: 3600,
      refreshToken: "refreshToken-1",
    });

    expect(describeException(await rejection(login.poll()))).toEqual(
      serviceException(
        "InvalidGrantException",
        400,
        "invalid_grant",
        "Device code has already been used",
      ),
    );
  });

  it("reports AccessDeniedException after the user denies, on every later poll", async () => {
    const emu = await startTestEmulator();
    const login = await startDeviceLogin(officialClient(emu.url));
    emu.deny(login.userCode);
    for (let i = 0; i < 2; i++) {
      expect(describeException(await rejection(login.poll()))).toEqual(
        serviceException(
          "AccessDeniedException",
          400,
          "access_denied",
          "The user denied the authorization request",
        ),
      );
    }
    expect(() => emu.approve(login.userCode)).toThrow(
      `approve: User code ${login.userCode} was already denied`,
    );
  });

  it("reports ExpiredTokenException once the device code outlives deviceCodeExpiresInSeconds", async () => {
    const clock = createManualClock();
    const emu = await startTestEmulator({ now: clock.now, deviceCodeExpiresInSeconds: 120 });
    const login = await startDeviceLogin(officialClient(emu.url));
    expect(login.authorization.expiresIn).toBe(120);
    clock.advance(119_999);
    expect((await rejection(login.poll())).name).toBe("AuthorizationPendingException");
    clock.advance(1);
    expect(describeException(await rejection(login.poll()))).toEqual(
      serviceException("ExpiredTokenException", 400, "expired_token", "Device code has expired"),
    );
    expect(() => emu.approve(login.userCode)).toThrow(
      `approve: User code ${login.userCode} has expired`,
    );
  });

  it("honours intervalSeconds and accessTokenExpiresInSeconds", async () => {
    const clock = createManualClock();
    const emu = await startTestEmulator({
      now: clock.now,
      intervalSeconds: 5,
      accessTokenExpiresInSeconds: 900,
    });
    const login = await startDeviceLogin(officialClient(emu.url));
    expect(login.authorization.interval).toBe(5);
    await rejection(login.poll());
    clock.advance(4999);
    expect((await rejection(login.poll())).name).toBe("SlowDownException");
    clock.advance(10_000);
    emu.approve(login.userCode);
    expect((await login.poll()).expiresIn).toBe(900);
  });

  it("adds an HS256 id token when the registration has the openid scope", async () => {
    const emu = await startTestEmulator({ generateId: sequentialIds() });
    const { tokens } = await deviceLogin(emu, officialClient(emu.url), ["openid"]);
    const [header, payload] = (tokens.idToken ?? "").split(".").slice(0, 2);
    expect(JSON.parse(Buffer.from(header ?? "", "base64url").toString())).toEqual({
      alg: "HS256",
      typ: "JWT",
    });
    expect(JSON.parse(Buffer.from(payload ?? "", "base64url").toString())).toMatchObject({
      iss: emu.url,
      sub: "emulator-user",
      aud: "clientId-1",
    });
  });

  it("rejects a registration after registrationExpiresInSeconds with InvalidClientException", async () => {
    const clock = createManualClock();
    const emu = await startTestEmulator({ now: clock.now, registrationExpiresInSeconds: 60 });
    const login = await startDeviceLogin(officialClient(emu.url));
    expect(login.registration.clientSecretExpiresAt).toBe(START_SECONDS + 60);
    clock.advance(60_000);
    expect(describeException(await rejection(login.poll()))).toEqual(
      serviceException(
        "InvalidClientException",
        401,
        "invalid_client",
        "Client registration has expired",
      ),
    );
  });

  it("keeps concurrent flows and separate instances apart", async () => {
    const emu = await startTestEmulator();
    const other = await startTestEmulator();
    const client = officialClient(emu.url);
    const [a, b] = await Promise.all([startDeviceLogin(client), startDeviceLogin(client)]);
    expect(a.userCode).not.toBe(b.userCode);
    expect(a.userCode).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    emu.approve(a.userCode);
    expect((await a.poll()).accessToken).toMatch(/^aoa/);
    expect((await rejection(b.poll())).name).toBe("AuthorizationPendingException");

    expect(() => other.approve(b.userCode)).toThrow(`approve: Unknown user code ${b.userCode}`);
    const foreign = officialClient(other.url).send(
      new CreateTokenCommand({
        clientId: b.clientId,
        clientSecret: b.clientSecret,
        grantType: "urn:ietf:params:oauth:grant-type:device_code",
        deviceCode: b.deviceCode,
      }),
    );
    expect(describeException(await rejection(foreign))).toEqual(
      serviceException(
        "InvalidClientException",
        401,
        "invalid_client",
        "Invalid client id or client secret",
      ),
    );
  });
});
