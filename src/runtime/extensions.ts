import { getDefaultExtensionConfiguration, resolveDefaultRuntimeConfig } from "@smithy/core/client";
import {
  getHttpHandlerExtensionConfiguration,
  resolveHttpHandlerRuntimeConfig,
} from "@smithy/core/protocols";
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  HttpAuthScheme,
  Provider,
} from "@smithy/types";
import type {
  AwsRegionExtensionConfiguration,
  HttpAuthExtensionConfiguration,
  RuntimeExtension,
  SSOOIDCHttpAuthSchemeProvider,
} from "./config-types";

/*
 * Runtime extensions (`extensions: [{ configure(c) { ... } }]`), applied last
 * as the official client applies them: each may replace the region, the
 * request handler, the retry strategy, the checksum constructors, the auth
 * schemes and the credentials, and what they leave is written back.
 */

interface ExtensibleConfig {
  region: Provider<string>;
  httpAuthSchemes: HttpAuthScheme[];
  httpAuthSchemeProvider: SSOOIDCHttpAuthSchemeProvider;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider | undefined;
}

function regionExtension(config: { region: Provider<string> }): AwsRegionExtensionConfiguration {
  return {
    setRegion(region) {
      config.region = region;
    },
    region() {
      return config.region;
    },
  };
}

function httpAuthExtension(config: ExtensibleConfig): HttpAuthExtensionConfiguration {
  const schemes = config.httpAuthSchemes;
  let provider = config.httpAuthSchemeProvider;
  let credentials = config.credentials;
  return {
    setHttpAuthScheme(scheme) {
      const index = schemes.findIndex((known) => known.schemeId === scheme.schemeId);
      if (index === -1) schemes.push(scheme);
      else schemes.splice(index, 1, scheme);
    },
    httpAuthSchemes() {
      return schemes;
    },
    setHttpAuthSchemeProvider(replacement) {
      provider = replacement;
    },
    httpAuthSchemeProvider() {
      return provider;
    },
    setCredentials(replacement) {
      credentials = replacement;
    },
    credentials() {
      return credentials;
    },
  };
}

/**
 * Builds the extension configuration over `config`, lets every extension
 * change it, and writes the result back into `config`. Smithy's handler
 * extension also hands a custom logger to the request handler, as in the
 * official client, with or without extensions.
 */
function applyRuntimeExtensions<T extends ExtensibleConfig>(
  config: T,
  extensions: readonly RuntimeExtension[],
): T {
  const region = regionExtension(config);
  const defaults = getDefaultExtensionConfiguration(config);
  const handler = getHttpHandlerExtensionConfiguration(config);
  const auth = httpAuthExtension(config);
  const configuration = Object.assign(region, defaults, handler, auth);
  for (const extension of extensions) extension.configure(configuration);
  return Object.assign(
    config,
    { region: configuration.region() },
    resolveDefaultRuntimeConfig(configuration),
    resolveHttpHandlerRuntimeConfig(configuration),
    {
      httpAuthSchemes: configuration.httpAuthSchemes(),
      httpAuthSchemeProvider: configuration.httpAuthSchemeProvider(),
      credentials: configuration.credentials(),
    },
  );
}

export { applyRuntimeExtensions };
