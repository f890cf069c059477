import { describe, expect, it } from "vitest";
import { createEmulatorState, evictExpired, normalizeUserCode } from "../../src/emulator/context";
import { createManualClock, sequentialIds, startTestEmulator } from "./support/test-emulator";
import { postJson, rawDeviceClient } from "./support/wire";
import type { EmulatorState } from "../../src/emulator/context";

/*
 * Expired records leave memory: every kind, by the emulator's clock, within one eviction
 * interval of expiring; the timer stops with the emulator.
 */

const NOW = 1_000_000;

/** One record of each kind expiring at `expiresAtMs`, keyed by `id`. */
function addRecords(state: EmulatorState, id: string, expiresAtMs: number): void {
  state.clients.set(id, {
    clientId: id,
    clientSecret: "s",
    clientName: "n",
    scopes: [],
    grantTypes: undefined,
    redirectUris: [],
    issuedAtMs: 0,
    expiresAtMs,
  });
  state.deviceAuthorizations.set(id, {
    deviceCode: id,
    userCode: `user-${id}`,
    clientId: id,
    scopes: [],
    expiresAtMs,
    status: "pending",
    intervalSeconds: 1,
    lastPolledAtMs: undefined,
  });
  state.userCodes.set(normalizeUserCode(`user-${id}`), id);
  state.consentRequests.set(id, {
    consentId: id,
    clientId: id,
    redirectUri: "http://127.0.0.1/cb",
    state: undefined,
    scopes: [],
    codeChallenge: "c",
    expiresAtMs,
  });
  state.authorizationCodes.set(id, {
    code: id,
    clientId: id,
    redirectUri: "http://127.0.0.1/cb",
    scopes: [],
    codeChallenge: "c",
    expiresAtMs,
    redeemed: false,
    sessionId: undefined,
  });
  state.refreshTokens.set(id, {
    refreshToken: id,
    clientId: id,
    scopes: [],
    sessionId: id,
    expiresAtMs,
  });
  state.accessTokens.set(id, {
    accessToken: id,
    clientId: id,
    scopes: [],
    expiresAtMs,
    sessionId: id,
  });
}

function keys(state: EmulatorState): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(state).map(([kind, records]) => [
      kind,
      [...(records as Map<string, unknown>).keys()],
    ]),
  );
}

describe("evictExpired", () => {
  it("removes every kind of record at or past its expiry, user codes with their device codes", () => {
    const state = createEmulatorState();
    addRecords(state, "gone", NOW - 1);
    addRecords(state, "now", NOW);
    addRecords(state, "kept", NOW + 1);
    expect(evictExpired(state, NOW)).toBe(12);
    expect(keys(state)).toEqual({
      clients: ["kept"],
      deviceAuthorizations: ["kept"],
      userCodes: ["USERKEPT"],
      consentRequests: ["kept"],
      authorizationCodes: ["kept"],
      refreshTokens: ["kept"],
      accessTokens: ["kept"],
    });
    expect(evictExpired(state, NOW)).toBe(0);
  });
});

describe("the emulator's eviction timer", () => {
  it("forgets an expired device code and registration within one interval", async () => {
    const clock = createManualClock();
    const emu = await startTestEmulator({
      now: clock.now,
      generateId: sequentialIds(),
      evictionIntervalMs: 20,
      deviceCodeExpiresInSeconds: 60,
      registrationExpiresInSeconds: 120,
    });
    const device = await rawDeviceClient(emu);
    const poll = async () => {
      const response = await postJson(emu.url, "/token", {
        clientId: device.clientId,
        clientSecret: device.clientSecret,
        grantType: "urn:ietf:params:oauth:grant-type:device_code",
        deviceCode: device.deviceCode,
      });
      return (response.body as { error_description: string }).error_description;
    };
    // Waiting real time changes nothing while the emulator's clock stands still.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await poll()).toBe("Authorization is still pending");

    clock.advance(61_000);
    await expect.poll(poll, { timeout: 2000, interval: 10 }).toBe("Invalid device code provided");
    // The registration is still valid for another minute.
    const started = await postJson(emu.url, "/device_authorization", {
      clientId: device.clientId,
      clientSecret: device.clientSecret,
      startUrl: "https://d-1234567890.awsapps.com/start",
    });
    expect(started.status).toBe(200);

    clock.advance(60_000);
    await expect
      .poll(poll, { timeout: 2000, interval: 10 })
      .toBe("Invalid client id or client secret");
  });

  it("sweeps by the injected clock while running, and not after close()", async () => {
    const clock = createManualClock();
    let reads = 0;
    const emu = await startTestEmulator({
      now: () => {
        reads += 1;
        return clock.now();
      },
      evictionIntervalMs: 10,
    });
    await expect.poll(() => reads, { timeout: 2000, interval: 10 }).toBeGreaterThan(3);
    await emu.close();
    const afterClose = reads;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reads).toBe(afterClose);
  });
});
