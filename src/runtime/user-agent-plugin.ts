import type { BuildMiddleware, Pluggable } from "@smithy/types";
import { HttpRequest } from "@smithy/core/protocols";
import type { UserAgentHeaders } from "./user-agent";

interface UserAgentConfig {
  readonly userAgent: UserAgentHeaders;
  /** Browsers forbid setting `user-agent`, so there the whole string goes in `x-amz-user-agent`. */
  readonly runtime: string;
}

/** Sets the user-agent headers of a request; shared by the middleware and the direct pipeline. */
const applyUserAgent = (config: UserAgentConfig, request: HttpRequest): void => {
  if (config.runtime === "browser") {
    request.headers["x-amz-user-agent"] = config.userAgent.full;
  } else {
    request.headers["x-amz-user-agent"] = config.userAgent.short;
    request.headers["user-agent"] = config.userAgent.full;
  }
};

const userAgentMiddleware =
  (config: UserAgentConfig): BuildMiddleware<any, any> =>
  (next) =>
  (args) => {
    if (HttpRequest.isInstance(args.request)) applyUserAgent(config, args.request);
    return next(args);
  };

const getUserAgentPlugin = (config: UserAgentConfig): Pluggable<any, any> => ({
  applyToStack: (stack) => {
    stack.add(userAgentMiddleware(config), {
      name: "getUserAgentMiddleware",
      step: "build",
      priority: "low",
      tags: ["SET_USER_AGENT", "USER_AGENT"],
      override: true,
    });
  },
});

export { applyUserAgent, getUserAgentPlugin };
export type { UserAgentConfig };
