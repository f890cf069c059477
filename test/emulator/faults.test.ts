import { describe, expect, it } from "vitest";
import { RegisterClientCommand } from "@aws-sdk/client-sso-oidc";
import { startEmulator } from "../../src/emulator/index";
import { startTestEmulator } from "./support/test-emulator";
import {
  expectWireError,
  invalidRequest,
  officialClient,
  postJson,
  serviceError,
  wireError,
} from "./support/wire";
import type { EmulatorFault } from "../../src/emulator/index";

const REGISTER = { clientName: "faulty", clientType: "public" };

describe("fault injection", () => {
  it("fails the next calls with a service error; the official client retries through it", async () => {
    const emu = await startTestEmulator();
    emu.failNext("RegisterClient", { times: 2, error: "InternalServerException" });
    const out = await officialClient(emu.url).send(new RegisterClientCommand(REGISTER));
    expect(out.$metadata.attempts).toBe(3);
    expect(out.clientId).toMatch(/^[\w-]{32}$/);
  });

  it("sends an injected error in the service's wire format", async () => {
    const emu = await startTestEmulator();
    emu.failNext("CreateToken", { error: "SlowDownException", errorDescription: "Rate exceeded" });
    emu.failNext("CreateToken", { error: "InternalServerException" });
    const first = await postJson(emu.url, "/token", {});
    expectWireError(first, serviceError(400, "SlowDownException", "slow_down", "Rate exceeded"));
    const second = await postJson(emu.url, "/token", {});
    expectWireError(
      second,
      serviceError(500, "InternalServerException", "server_error", "Injected by the emulator"),
    );
    const normal = await postJson(emu.url, "/token", {});
    expectWireError(normal, invalidRequest("Missing required parameter 'clientId'"));
  });

  it("answers a bare status like a load balancer would", async () => {
    const emu = await startTestEmulator();
    emu.failNext("StartDeviceAuthorization", { status: 503 });
    const response = await postJson(emu.url, "/device_authorization", {});
    expect(wireError(response)).toEqual({
      status: 503,
      errorType: null,
      body: { message: "Service Unavailable" },
    });
  });

  it("delays, then answers normally", async () => {
    const emu = await startTestEmulator();
    emu.failNext("RegisterClient", { delayMs: 300 });
    const startedMs = performance.now();
    const response = await postJson(emu.url, "/client/register", REGISTER);
    expect(performance.now() - startedMs).toBeGreaterThanOrEqual(295);
    expect(response.status).toBe(200);
  });

  it("drops the connection without an answer", async () => {
    const emu = await startTestEmulator();
    emu.failNext("RegisterClient", { reset: true });
    await expect(postJson(emu.url, "/client/register", REGISTER)).rejects.toThrow("fetch failed");
    expect((await postJson(emu.url, "/client/register", REGISTER)).status).toBe(200);
  });

  it("applies faults per operation and forgets them on clearFaults", async () => {
    const emu = await startTestEmulator();
    emu.failNext("CreateTokenWithIAM", { status: 500, times: 5 });
    emu.failNext("RegisterClient", { status: 500, times: 5 });
    expect((await postJson(emu.url, "/token?aws_iam=t", {})).status).toBe(500);
    expect((await postJson(emu.url, "/client/register", REGISTER)).status).toBe(500);
    emu.clearFaults();
    expect((await postJson(emu.url, "/client/register", REGISTER)).status).toBe(200);
    expect((await postJson(emu.url, "/token?aws_iam=t", {})).status).toBe(403);
  });

  it.each<[EmulatorFault<"CreateToken">, string]>([
    [{} as EmulatorFault<"CreateToken">, "failNext: a fault needs error, status, reset or delayMs"],
    [
      { error: "NoSuchException" } as unknown as EmulatorFault<"CreateToken">,
      'failNext: CreateToken cannot send the error "NoSuchException"',
    ],
    [
      { error: "UnauthorizedException" } as unknown as EmulatorFault<"CreateToken">,
      'failNext: CreateToken cannot send the error "UnauthorizedException"',
    ],
    [
      { error: "InternalServerException", status: 500 } as unknown as EmulatorFault<"CreateToken">,
      "failNext: a fault has one of error, status or reset, got error,status",
    ],
    [{ status: 200 }, "failNext: status must be an HTTP error status, got 200"],
    [{ reset: true, times: 0 }, "failNext: times must be a positive integer, got 0"],
  ])("rejects the fault %j", async (fault, message) => {
    const emu = await startTestEmulator();
    expect(() => emu.failNext("CreateToken", fault)).toThrow(message);
  });

  it("closes promptly while a delayed request is waiting", async () => {
    const emu = await startEmulator({ port: 0 });
    emu.failNext("RegisterClient", { delayMs: 60_000 });
    const pending = postJson(emu.url, "/client/register", REGISTER).catch(
      (error: Error) => error.message,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const startedMs = performance.now();
    await emu.close();
    expect(performance.now() - startedMs).toBeLessThan(1000);
    expect(await pending).toBe("fetch failed");
    await emu.close();
  });
});
