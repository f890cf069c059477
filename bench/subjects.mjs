// The four things measured, each as `open(endpoint) -> { send, close }`, where
// `send()` performs one CreateToken round trip and resolves once the whole
// response body has been read. Each subject imports its code lazily, so a child
// process only ever loads the one it measures.
import { randomUUID } from "node:crypto";

const SUBJECTS = ["ours", "official", "bare-handler", "raw-http"];

// One refresh_token grant, the call a CLI or SDK makes most often.
const input = {
  clientId: "bench-client-id-0123456789abcdef",
  clientSecret: "bench-client-secret-0123456789abcdefghijklmnopqrstuvwxyz",
  grantType: "refresh_token",
  refreshToken: "aorvJYubGpU6i91YnH7Mfo-bench-refresh-token-0123456789",
};

// The wire request the clients send (body byte-for-byte, headers as our client
// sends them), so the floor subjects move the same bytes as the clients.
const body = JSON.stringify(input);
const userAgent = "sso-oidc/0.1.0 ua/2.1 lang/js md/nodejs api/sso-oidc#0.1.0";
function wireHeaders() {
  return {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(body)),
    "x-amz-user-agent": "sso-oidc/0.1.0",
    "user-agent": userAgent,
    "amz-sdk-invocation-id": randomUUID(),
    "amz-sdk-request": "attempt=1; max=1",
  };
}

function clientConfig(endpoint) {
  return { region: "us-east-1", endpoint, maxAttempts: 1 };
}

const openers = {
  async ours(endpoint) {
    const { SSOOIDCClient, CreateTokenCommand } = await import("sso-oidc");
    const client = new SSOOIDCClient(clientConfig(endpoint));
    return {
      send: () => client.send(new CreateTokenCommand(input)),
      close: () => client.destroy(),
    };
  },

  async official(endpoint) {
    const { SSOOIDCClient, CreateTokenCommand } = await import("@aws-sdk/client-sso-oidc");
    const client = new SSOOIDCClient(clientConfig(endpoint));
    return {
      send: () => client.send(new CreateTokenCommand(input)),
      close: () => client.destroy(),
    };
  },

  // The floor for any client on our transport: the handler our node runtime uses,
  // with no middleware, serialization or parsing around it.
  async "bare-handler"(endpoint) {
    const { NodeHttpHandler } = await import("@smithy/node-http-handler");
    const { HttpRequest } = await import("@smithy/core/protocols");
    const url = new URL(endpoint);
    const handler = new NodeHttpHandler();
    const send = async () => {
      const request = new HttpRequest({
        protocol: url.protocol,
        hostname: url.hostname,
        port: Number(url.port),
        method: "POST",
        path: "/token",
        headers: { ...wireHeaders(), host: url.host },
        body,
      });
      const { response } = await handler.handle(request);
      return readAll(response.body);
    };
    return { send, close: () => handler.destroy() };
  },

  async "raw-http"(endpoint) {
    const http = await import("node:http");
    const url = new URL(endpoint);
    const agent = new http.Agent({ keepAlive: true });
    const send = () =>
      new Promise((resolve, reject) => {
        const req = http.request(
          { agent, host: url.hostname, port: url.port, method: "POST", path: "/token" },
          (res) => readAll(res).then(resolve, reject),
        );
        for (const [name, value] of Object.entries(wireHeaders())) req.setHeader(name, value);
        req.on("error", reject);
        req.end(body);
      });
    return { send, close: () => agent.destroy() };
  },
};

async function readAll(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

function openSubject(name, endpoint) {
  const open = openers[name];
  if (!open) throw new Error(`unknown subject "${name}"; expected one of ${SUBJECTS.join(", ")}`);
  return open(endpoint);
}

export { SUBJECTS, openSubject };
