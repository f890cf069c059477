import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateTokenCommand, SSOOIDC, SSOOIDCClient } from "../../src/index";

let server: Server;
let endpoint: string;
let received = 0;

beforeAll(async () => {
  server = createServer((req) => {
    received += 1;
    req.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const input = { clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" };

async function waitForRequest(count: number) {
  while (received < count) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe("abort", () => {
  it("an abortSignal aborts a request in flight with an AbortError, not retried", async () => {
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint });
    const controller = new AbortController();
    const before = received;
    const pending = client.send(new CreateTokenCommand(input), { abortSignal: controller.signal });
    await waitForRequest(before + 1);
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "AbortError" });
    expect(received).toBe(before + 1);
    client.destroy();
  });

  it("an already aborted signal sends nothing", async () => {
    const client = new SSOOIDC({ region: "us-east-1", endpoint });
    const before = received;
    const error = await client
      .createToken(input, { abortSignal: AbortSignal.abort() })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "AbortError" });
    expect(received).toBe(before);
    client.destroy();
  });
});
