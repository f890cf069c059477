import type { BuildMiddleware, Pluggable, UserAgent, UserAgentPair } from "@smithy/types";
import { HttpRequest } from "@smithy/core/protocols";

/**
 * AWS user-agent 2.1 fields: a token may hold the characters below, and a
 * version additionally `#`; anything else becomes `-`.
 */
const TOKEN_CHARS = /[^!$%&'*+\-.^_`|~\w]/g;
const VERSION_CHARS = /[^!$%&'*+\-.^_`|~\w#]/g;

interface UserAgentInput {
  /** The runtime's own fields: `ua/2.1 os/… lang/js md/…`. */
  readonly platformPairs: UserAgent;
  readonly packageVersion: string;
  readonly customUserAgent?: string | UserAgent;
  readonly userAgentAppId?: string;
}

interface UserAgentHeaders {
  /** `user-agent`: the whole string. */
  readonly full: string;
  /** `x-amz-user-agent`: the package and what the caller added. */
  readonly short: string;
}

interface UserAgentConfig {
  readonly userAgent: UserAgentHeaders;
  /** Browsers forbid setting `user-agent`, so there the whole string goes in `x-amz-user-agent`. */
  readonly runtime: string;
}

/**
 * `[name, version]` as `prefix/name#version` when the name has a prefix
 * (`os/linux#6.1`, `md/nodejs#20.20.2`), else `name/version`.
 */
function formatPair([name, version]: UserAgentPair): string {
  const slash = name.indexOf("/");
  const prefix = slash === -1 ? "" : name.slice(0, slash);
  const rest = (slash === -1 ? name : name.slice(slash + 1)).replace(TOKEN_CHARS, "-");
  const parts = [prefix, rest, version?.replace(VERSION_CHARS, "-") ?? ""].filter((p) => p !== "");
  return parts.reduce((text, part, index) => {
    if (index === 0) return part;
    return index === 1 ? `${text}/${part}` : `${text}#${part}`;
  }, "");
}

/** Builds both user-agent values once, when the client is constructed. */
function buildUserAgent(input: UserAgentInput): UserAgentHeaders {
  const base: UserAgentPair = ["sso-oidc", input.packageVersion];
  const extra: string[] = [];
  if (input.userAgentAppId) extra.push(formatPair(["app", input.userAgentAppId]));
  if (typeof input.customUserAgent === "string") extra.push(input.customUserAgent);
  else if (Array.isArray(input.customUserAgent))
    extra.push(...input.customUserAgent.map(formatPair));
  const pairs = [
    base,
    ...input.platformPairs,
    ["api/sso-oidc", input.packageVersion] as UserAgentPair,
  ];
  return {
    full: [...pairs.map(formatPair), ...extra].join(" "),
    short: [formatPair(base), ...extra].join(" "),
  };
}

function userAgentMiddleware(config: UserAgentConfig): BuildMiddleware<any, any> {
  return (next) => (args) => {
    const request = args.request;
    if (HttpRequest.isInstance(request)) {
      // The headers are set on a copy: they arrive as the object spread of
      // contentLengthMiddleware made them, and in V8 (Node 20) every property
      // added to such an object takes a slow path, for these headers and for the
      // host and retry headers after them. Measured, the copy costs far less.
      const headers = Object.assign({}, request.headers);
      if (config.runtime === "browser") {
        headers["x-amz-user-agent"] = config.userAgent.full;
      } else {
        headers["x-amz-user-agent"] = config.userAgent.short;
        headers["user-agent"] = config.userAgent.full;
      }
      request.headers = headers;
    }
    return next(args);
  };
}

/** Sets the user-agent headers, in the build step under the official client's middleware name. */
function getUserAgentPlugin(config: UserAgentConfig): Pluggable<any, any> {
  return {
    applyToStack: (stack) => {
      stack.add(userAgentMiddleware(config), {
        name: "getUserAgentMiddleware",
        step: "build",
        priority: "low",
        tags: ["SET_USER_AGENT", "USER_AGENT"],
        override: true,
      });
    },
  };
}

export { buildUserAgent, formatPair, getUserAgentPlugin };
export type { UserAgentConfig, UserAgentHeaders, UserAgentInput };
