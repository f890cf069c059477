import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient } from "../../src/index";
import { RecordingServer } from "../support/recording-server";

const server = new RecordingServer();
beforeAll(() => server.start());
afterAll(() => server.close());
beforeEach(() => server.reset());

const input = { clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" };

const headerMiddleware = (name: string, value: string) => ({
  middleware: (next: (args: any) => Promise<any>) => async (args: any) => {
    args.request.headers[name] = value;
    return next(args);
  },
  options: { step: "build" as const, name: `set-${name}` },
});

describe("the resolved middleware chain", () => {
  it("is not needed while the stack is the client's own: sends take the direct pipeline", async () => {
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url });
    const spy = vi.spyOn(CreateTokenCommand.prototype, "resolveMiddleware");
    try {
      await client.send(new CreateTokenCommand(input));
      await client.send(new CreateTokenCommand(input));
      expect(spy).toHaveBeenCalledTimes(0);
      expect(server.requests.map((r) => r.url)).toStrictEqual(["/token", "/token"]);
    } finally {
      spy.mockRestore();
      client.destroy();
    }
  });

  it("is built once per command class while the stack is unchanged (with a logger)", async () => {
    const logger = { debug() {}, info() {}, warn() {}, error() {} };
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url, logger });
    const spy = vi.spyOn(CreateTokenCommand.prototype, "resolveMiddleware");
    try {
      await client.send(new CreateTokenCommand(input));
      await client.send(new CreateTokenCommand(input));
      await client.send(new CreateTokenCommand(input));
      expect(spy).toHaveBeenCalledTimes(1);
      await client.send(new RegisterClientCommand({ clientName: "a", clientType: "public" }));
      expect(server.requests.map((r) => r.url)).toStrictEqual([
        "/token",
        "/token",
        "/token",
        "/client/register",
      ]);
    } finally {
      spy.mockRestore();
      client.destroy();
    }
  });

  it("is rebuilt when middleware is added to or removed from the client", async () => {
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url });
    await client.send(new CreateTokenCommand(input));
    const { middleware, options } = headerMiddleware("x-added", "1");
    client.middlewareStack.add(middleware, options);
    await client.send(new CreateTokenCommand(input));
    client.middlewareStack.remove("set-x-added");
    await client.send(new CreateTokenCommand(input));
    expect(server.requests.map((r) => r.headers["x-added"])).toStrictEqual([
      undefined,
      "1",
      undefined,
    ]);
    client.destroy();
  });

  it("honours middleware added to one command instance, and only for it", async () => {
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url });
    await client.send(new CreateTokenCommand(input));
    const command = new CreateTokenCommand(input);
    const { middleware, options } = headerMiddleware("x-instance", "yes");
    command.middlewareStack.add(middleware, options);
    await client.send(command);
    await client.send(new CreateTokenCommand(input));
    expect(server.requests.map((r) => r.headers["x-instance"])).toStrictEqual([
      undefined,
      "yes",
      undefined,
    ]);
    client.destroy();
  });

  it("is not shared between concurrent sends with different inputs", async () => {
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: server.url });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        client.send(new CreateTokenCommand({ ...input, refreshToken: `r${i}` })),
      ),
    );
    const sent = server.requests.map((r) => JSON.parse(r.body).refreshToken as string).sort();
    expect(sent).toStrictEqual(Array.from({ length: 20 }, (_, i) => `r${i}`).sort());
    client.destroy();
  });

  it("cacheMiddleware: false resolves the chain on every send", async () => {
    const client = new SSOOIDCClient({
      region: "us-east-1",
      endpoint: server.url,
      cacheMiddleware: false,
    });
    const spy = vi.spyOn(CreateTokenCommand.prototype, "resolveMiddleware");
    await client.send(new CreateTokenCommand(input));
    await client.send(new CreateTokenCommand(input));
    expect(spy).toHaveBeenCalledTimes(2);
    spy.mockRestore();
    client.destroy();
  });
});
