import type { BuildMiddleware, Pluggable, RequestHandler } from "@smithy/types";
import { HttpRequest } from "@smithy/core/protocols";

interface HostHeaderConfig {
  requestHandler: RequestHandler<any, any, any>;
}

/**
 * Sets `host` (or `:authority` over HTTP/2) from the request's endpoint, as
 * the official client's middleware of the same name does; a value the caller
 * set is kept. Browsers ignore the header, which is harmless. Shared by the
 * middleware and the direct pipeline.
 */
const applyHostHeader = (config: HostHeaderConfig, request: HttpRequest): void => {
  const authority = request.port == null ? request.hostname : `${request.hostname}:${request.port}`;
  const protocol = config.requestHandler.metadata?.handlerProtocol ?? "";
  if (protocol.includes("h2")) {
    if (request.headers[":authority"] === undefined) {
      delete request.headers.host;
      request.headers[":authority"] = authority;
    }
  } else if (request.headers.host === undefined) {
    request.headers.host = authority;
  }
};

const hostHeaderMiddleware =
  (config: HostHeaderConfig): BuildMiddleware<any, any> =>
  (next) =>
  (args) => {
    if (HttpRequest.isInstance(args.request)) applyHostHeader(config, args.request);
    return next(args);
  };

const getHostHeaderPlugin = (config: HostHeaderConfig): Pluggable<any, any> => ({
  applyToStack: (stack) => {
    stack.add(hostHeaderMiddleware(config), {
      name: "hostHeaderMiddleware",
      step: "build",
      priority: "low",
      tags: ["HOST"],
      override: true,
    });
  },
});

export { applyHostHeader, getHostHeaderPlugin };
