import type { GeneratedFile } from "./generated-file";
import { Model } from "./model";
import { importRuntime } from "./runtime";

const FILE = "auth/httpAuthSchemeProvider.ts";

/**
 * `auth/httpAuthSchemeProvider.ts`: each operation's auth schemes from the
 * model (`smithy.api#auth: []` is no authentication, anything else the
 * service's SigV4), and the config members smithy's auth scheme middleware
 * reads, laid out as the official client lays them out.
 */
function emitAuth(model: Model): GeneratedFile[] {
  const { shape } = model.service();
  const sigv4 = model.trait<{ name: string }>(shape, "aws.auth#sigv4");
  if (sigv4 === undefined) throw new Error("The service needs aws.auth#sigv4.");
  const unsigned = model.operations().filter((op) => !op.signed);
  const cases = unsigned.map((op) => `    case ${JSON.stringify(op.name)}:`).join("\n");
  const content = `import type { HttpAuthOption, HttpAuthScheme, HttpAuthSchemeProvider } from "@smithy/types";
${importRuntime(FILE, [
  "AuthConfig",
  "AuthSchemeParameters",
  "createHttpAuthSchemes",
  "noAuthOption",
  "sigV4AuthOption",
])}
/** What {@link defaultSSOOIDCHttpAuthSchemeProvider} chooses by: the operation and the region. */
interface SSOOIDCHttpAuthSchemeParameters extends AuthSchemeParameters {}

/** Chooses the auth schemes of one request, most preferred first. */
interface SSOOIDCHttpAuthSchemeProvider
  extends HttpAuthSchemeProvider<SSOOIDCHttpAuthSchemeParameters> {}

/** Each operation's auth schemes, from the model's \`smithy.api#auth\` traits. */
function defaultSSOOIDCHttpAuthSchemeProvider(
  parameters: SSOOIDCHttpAuthSchemeParameters,
): HttpAuthOption[] {
  switch (parameters.operation) {
${cases}
      return [noAuthOption()];
    default:
      return [sigV4AuthOption(${JSON.stringify(sigv4.name)}, parameters)];
  }
}

/** The auth members a caller may give \`new SSOOIDCClient(config)\`. */
interface HttpAuthSchemeInputConfig {
  /** The schemes requests can be signed with, replacing the default SigV4 and no-auth ones. */
  httpAuthSchemes?: HttpAuthScheme[];
  /** Chooses each request's schemes, replacing {@link defaultSSOOIDCHttpAuthSchemeProvider}. */
  httpAuthSchemeProvider?: SSOOIDCHttpAuthSchemeProvider;
}

/** The auth members of the resolved config. */
interface HttpAuthSchemeResolvedConfig {
  httpAuthSchemes: HttpAuthScheme[];
  httpAuthSchemeProvider: SSOOIDCHttpAuthSchemeProvider;
}

/** Adds the auth members, the caller's or the defaults, to a resolved config. */
function resolveHttpAuthSchemeConfig<Config extends AuthConfig & HttpAuthSchemeInputConfig>(
  config: Config,
): Config & HttpAuthSchemeResolvedConfig {
  return Object.assign(config, {
    httpAuthSchemes: config.httpAuthSchemes ?? createHttpAuthSchemes(config),
    httpAuthSchemeProvider: config.httpAuthSchemeProvider ?? defaultSSOOIDCHttpAuthSchemeProvider,
  });
}

export { defaultSSOOIDCHttpAuthSchemeProvider, resolveHttpAuthSchemeConfig };
export type {
  HttpAuthSchemeInputConfig,
  HttpAuthSchemeResolvedConfig,
  SSOOIDCHttpAuthSchemeParameters,
  SSOOIDCHttpAuthSchemeProvider,
};
`;
  return [{ path: FILE, content }];
}

export { emitAuth };
