import { onTestFinished } from "vitest";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Listens on an ephemeral loopback port for the running test, and closes the server with every
 * open connection when the test ends; resolves with the server's base URL.
 */
async function listenForTest(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export { listenForTest };
