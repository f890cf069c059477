// Loopback stand-in for the SSO OIDC service: answers POST /token with a fixed
// CreateToken response, so the benchmark measures clients, not a server.
// Prints its port on the first stdout line; exits when its stdin closes, so it
// never outlives the harness that started it.
import http from "node:http";

const body = JSON.stringify({
  accessToken: "aoaAAAAAGZ-bench-access-token-0123456789abcdefghijklmnopqrstuvwxyz",
  tokenType: "Bearer",
  expiresIn: 28800,
  refreshToken: "aorvJYubGpU6i91YnH7Mfo-bench-refresh-token-0123456789abcdefghijklmnop",
});
const tokenHeaders = {
  "content-type": "application/json",
  "content-length": String(Buffer.byteLength(body)),
  "x-amzn-requestid": "6c9a6b2e-1f3a-4f55-9a8e-0b7c2d3e4f50",
};

const server = http.createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
  // Drain the request body first so the socket can be reused for the next request.
  req.resume();
  req.on("end", () => {
    if (req.method === "POST" && req.url.split("?")[0] === "/token") {
      res.writeHead(200, tokenHeaders).end(body);
    } else {
      res.writeHead(404, { "content-type": "application/json" }).end('{"error":"not_found"}');
    }
  });
});

server.listen(0, "127.0.0.1", () => process.stdout.write(`${server.address().port}\n`));

function stop() {
  server.close(() => process.exit(0));
  server.closeAllConnections();
}
process.on("SIGTERM", stop);
process.stdin.on("end", stop).on("error", stop).resume();
