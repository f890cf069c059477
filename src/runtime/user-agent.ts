import { normalizeProvider } from "@smithy/core/client";
import { HttpRequest } from "@smithy/core/protocols";
import type {
  BuildHandlerArguments,
  BuildMiddleware,
  Identity,
  Logger,
  Pluggable,
  Provider,
  RetryStrategy,
  RetryStrategyV2,
  UserAgent,
  UserAgentPair,
} from "@smithy/types";

/*
 * The user agent as the official client sends it (`@aws-sdk/core`'s
 * user-agent middleware), with this package's name where it names
 * `aws-sdk-js`. Everything is read from the config on every request, so a
 * pair pushed onto `client.config.customUserAgent` after construction is sent.
 */

/** AWS user-agent 2.1: a name part may hold these characters, a version also `#`; others become `-`. */
const NAME_CHARS = /[^!$%&'*+\-.^_`|~\w]/g;
const VERSION_CHARS = /[^!$%&'*+\-.^_`|~\w#]/g;
/** The `m/` field (business metrics) is cut at this many characters. */
const FEATURES_LIMIT = 1024;
/** The longest app id the AWS SDKs accept without a warning. */
const APP_ID_LIMIT = 50;

/** What the user-agent config resolution reads of the config. */
interface UserAgentInput {
  customUserAgent?: string | UserAgent;
  userAgentAppId?: string | undefined | Provider<string | undefined>;
  logger?: Logger;
}

interface UserAgentConfig {
  readonly defaultUserAgentProvider: Provider<UserAgent>;
  readonly customUserAgent?: UserAgent;
  readonly userAgentAppId: Provider<string | undefined>;
  /** Browsers forbid setting `user-agent`, so there the whole string goes in `x-amz-user-agent`. */
  readonly runtime: string;
  readonly retryStrategy?: Provider<RetryStrategy | RetryStrategyV2>;
}

/** The context records the AWS SDKs keep of what a request used (`m/` field). */
type FeatureContext = {
  userAgent?: UserAgent;
  __aws_sdk_context?: { features?: Record<string, string | undefined> };
  __smithy_context?: {
    features?: Record<string, string | undefined>;
    selectedHttpAuthScheme?: {
      identity?: Identity & { accountId?: string; $source?: Record<string, string> };
    };
  };
};

/**
 * `[name, version]` as the AWS SDKs write it: `prefix/name#version` when the
 * name has a prefix (`os/linux#6.1`, `md/nodejs#20.20.2`), else `name/version`;
 * an `api/` name is lower-cased.
 */
function formatPair([rawName, rawVersion]: UserAgentPair): string {
  const name = rawName
    .split("/")
    .map((part) => part.replace(NAME_CHARS, "-"))
    .join("/");
  const version = rawVersion?.replace(VERSION_CHARS, "-");
  const slash = name.indexOf("/");
  const prefix = name.substring(0, slash);
  let rest = name.substring(slash + 1);
  if (prefix === "api") rest = rest.toLowerCase();
  return [prefix, rest, version]
    .filter((item): item is string => item !== undefined && item.length > 0)
    .reduce((text, item, index) => {
      if (index === 0) return item;
      return index === 1 ? `${text}/${item}` : `${text}#${item}`;
    }, "");
}

/**
 * `customUserAgent` as `[[name, version?], ...]` (a string is one name) and
 * `userAgentAppId` as a provider that warns, as the AWS SDKs do, of an app id
 * that is not a string of at most 50 characters.
 */
function resolveUserAgentConfig<T extends UserAgentInput>(
  config: T,
): T & { customUserAgent?: UserAgent; userAgentAppId: Provider<string | undefined> } {
  const appId = normalizeProvider(config.userAgentAppId);
  const { customUserAgent } = config;
  return Object.assign(config, {
    customUserAgent: typeof customUserAgent === "string" ? [[customUserAgent]] : customUserAgent,
    userAgentAppId: async () => {
      const value = await appId();
      if (value !== undefined && (typeof value !== "string" || value.length > APP_ID_LIMIT)) {
        const logger =
          config.logger === undefined || config.logger.constructor?.name === "NoOpLogger"
            ? console
            : config.logger;
        logger.warn(
          typeof value !== "string"
            ? "userAgentAppId must be a string or undefined."
            : "The provided userAgentAppId exceeds the maximum length of 50 characters.",
        );
      }
      return value;
    },
  }) as T & { customUserAgent?: UserAgent; userAgentAppId: Provider<string | undefined> };
}

function setFeature(context: FeatureContext, feature: string, value: string): void {
  context.__aws_sdk_context ??= {};
  context.__aws_sdk_context.features ??= {};
  context.__aws_sdk_context.features[feature] = value;
}

/** The features the official client reports for this service: the retry mode and the credentials' source. */
async function noteFeatures(context: FeatureContext, config: UserAgentConfig): Promise<void> {
  if (typeof config.retryStrategy === "function") {
    const { mode } = (await config.retryStrategy()) as { mode?: unknown };
    if (mode === "adaptive") setFeature(context, "RETRY_MODE_ADAPTIVE", "F");
    else if (mode === "standard") setFeature(context, "RETRY_MODE_STANDARD", "E");
  }
  const identity = context.__smithy_context?.selectedHttpAuthScheme?.identity;
  if (identity?.$source) {
    if (identity.accountId) setFeature(context, "RESOLVED_ACCOUNT_ID", "T");
    for (const [key, value] of Object.entries(identity.$source)) {
      setFeature(context, key, String(value));
    }
  }
}

/** The `m/` field's value: feature codes, comma-separated, while they fit the limit. */
function encodeFeatures(features: Record<string, string | undefined>): string {
  let text = "";
  for (const value of Object.values(features)) {
    if (value === undefined) continue;
    if (text.length + value.length + 1 > FEATURES_LIMIT) break;
    text = text.length > 0 ? `${text},${value}` : value;
  }
  return text;
}

/** The sections `x-amz-user-agent` keeps of the default ones: the product's. */
function isProductSection(section: string): boolean {
  return section.startsWith("sso-oidc/") || section.startsWith("aws-sdk-");
}

/** The default sections as text: all of them, and the product's alone (`x-amz-user-agent`). */
interface DefaultSections {
  readonly pairs: UserAgent;
  readonly all: string;
  readonly product: string;
}

function formatDefaultSections(pairs: UserAgent): DefaultSections {
  const sections = pairs.map(formatPair);
  return { pairs, all: sections.join(" "), product: sections.filter(isProductSection).join(" ") };
}

/** `pairs` formatted, each after a space. */
function formatTail(pairs: UserAgent | undefined): string {
  let text = "";
  if (pairs !== undefined) for (const pair of pairs) text += ` ${formatPair(pair)}`;
  return text;
}

function userAgentMiddleware(config: UserAgentConfig): BuildMiddleware<any, any> {
  // The default sections as text, kept while the provider gives the same array: formatting
  // them is most of this middleware's work, and the default provider gives the same one.
  let defaults: DefaultSections | undefined;
  return (next, executionContext) => async (args: BuildHandlerArguments<any>) => {
    const context: FeatureContext = executionContext;
    const request = args.request;
    if (!HttpRequest.isInstance(request)) return next(args);
    const commandText = formatTail(context.userAgent);
    const pairs = await config.defaultUserAgentProvider();
    if (defaults?.pairs !== pairs) defaults = formatDefaultSections(pairs);
    await noteFeatures(context, config);
    const features = encodeFeatures({
      ...context.__smithy_context?.features,
      ...context.__aws_sdk_context?.features,
    });
    const customText = formatTail(config.customUserAgent);
    const appId = await config.userAgentAppId();
    const appText = appId ? ` ${formatPair(["app", appId])}` : "";
    // As the official joins its sections: the defaults, the features, the app id, the
    // command's pairs, then the custom ones; `x-amz-user-agent` keeps the product and custom.
    const head = defaults.all === "" ? "" : `${defaults.all} `;
    const full = `${head}m/${features}${appText}${commandText}${customText}`;
    const short = `${defaults.product}${customText}`.trimStart();
    // The headers are set on a copy: they arrive as the object spread of
    // contentLengthMiddleware made them, and in V8 (Node 20) every property
    // added to such an object takes a slow path, for these headers and for the
    // host and retry headers after them. Measured, the copy costs far less.
    const headers = Object.assign({}, request.headers);
    if (config.runtime === "browser") {
      headers["x-amz-user-agent"] = full;
    } else {
      if (short) {
        headers["x-amz-user-agent"] = headers["x-amz-user-agent"]
          ? `${headers["user-agent"]} ${short}`
          : short;
      }
      headers["user-agent"] = full;
    }
    request.headers = headers;
    return next({ ...args, request });
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

export { formatPair, getUserAgentPlugin, resolveUserAgentConfig };
export type { UserAgentConfig };
