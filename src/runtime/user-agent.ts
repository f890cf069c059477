import type { UserAgent, UserAgentPair } from "@smithy/types";

/**
 * AWS user-agent 2.1 fields: a token may hold the characters below, and a
 * version additionally `#`; anything else becomes `-`.
 */
const TOKEN_CHARS = /[^!$%&'*+\-.^_`|~\w]/g;
const VERSION_CHARS = /[^!$%&'*+\-.^_`|~\w#]/g;

/**
 * `[name, version]` as `prefix/name#version` when the name has a prefix
 * (`os/linux#6.1`, `md/nodejs#20.20.2`), else `name/version`.
 */
const formatPair = ([name, version]: UserAgentPair): string => {
  const slash = name.indexOf("/");
  const prefix = slash === -1 ? "" : name.slice(0, slash);
  const rest = (slash === -1 ? name : name.slice(slash + 1)).replace(TOKEN_CHARS, "-");
  const parts = [prefix, rest, version?.replace(VERSION_CHARS, "-") ?? ""].filter((p) => p !== "");
  return parts.reduce((text, part, index) => {
    if (index === 0) return part;
    return index === 1 ? `${text}/${part}` : `${text}#${part}`;
  }, "");
};

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

/** Builds both user-agent values once, when the client is constructed. */
const buildUserAgent = (input: UserAgentInput): UserAgentHeaders => {
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
};

export { buildUserAgent, formatPair };
export type { UserAgentHeaders, UserAgentInput };
