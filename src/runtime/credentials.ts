import {
  doesIdentityRequireRefresh,
  isIdentityExpired,
  memoizeIdentityProvider,
} from "@smithy/core";
import { normalizeProvider } from "@smithy/core/client";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import type { ResolvedCredentials } from "./config-types";

/*
 * `config.credentials` as the official client has it (`@aws-sdk/core`'s
 * resolveAwsSdkSigV4Config, which this package does not depend on): always a
 * memoized provider, refreshed five minutes before the credentials expire;
 * assigning to it later goes through the same normalisation. With no
 * credentials given it wraps the default chain, which the runtime config's
 * `credentialDefaultProvider` loads on the first call and never before, so
 * the unsigned operations never load it.
 */

type CredentialsInput = AwsCredentialIdentity | AwsCredentialIdentityProvider | undefined;

interface CredentialsConfig {
  credentials?: CredentialsInput | ResolvedCredentials;
  credentialDefaultProvider?: (input: any) => AwsCredentialIdentityProvider;
}

/** Credentials with the AWS SDK's record of where they came from (the user agent's `m/` field). */
type AttributedIdentity = AwsCredentialIdentity & { $source?: Record<string, string> };

/** `@aws-sdk/core`'s setCredentialFeature: notes the source on the credentials themselves. */
function setCredentialFeature(
  identity: AttributedIdentity,
  feature: string,
  value: string,
): AttributedIdentity {
  identity.$source ??= {};
  identity.$source[feature] = value;
  return identity;
}

function isMemoized(credentials: CredentialsInput | ResolvedCredentials): boolean {
  return (
    typeof credentials === "function" && (credentials as ResolvedCredentials).memoized === true
  );
}

function memoizedProvider(
  config: CredentialsConfig,
  credentials: CredentialsInput | ResolvedCredentials,
): ResolvedCredentials {
  let provider: ResolvedCredentials;
  if (credentials) {
    provider = isMemoized(credentials)
      ? (credentials as ResolvedCredentials)
      : memoizeIdentityProvider<AwsCredentialIdentity>(
          credentials,
          isIdentityExpired,
          doesIdentityRequireRefresh,
        )!;
  } else if (config.credentialDefaultProvider) {
    provider = normalizeProvider(
      config.credentialDefaultProvider({ ...config, parentClientConfig: config }),
    );
  } else {
    provider = async () => {
      throw new Error(
        "`credentials` not provided and no credentialDefaultProvider was configured.",
      );
    };
  }
  provider.memoized = true;
  return provider;
}

/** Passes the client's config to the provider as `callerClientConfig`, as the AWS SDK does. */
function bindCallerConfig(config: object, provider: ResolvedCredentials): ResolvedCredentials {
  if (provider.configBound) return provider;
  const bound: ResolvedCredentials = async (options) =>
    provider({ ...options, callerClientConfig: config });
  bound.memoized = provider.memoized;
  bound.configBound = true;
  return bound;
}

/**
 * Gives the config a `credentials` accessor that holds the memoized
 * provider of `given`, and normalises whatever is assigned to it later the
 * same way.
 * Credentials given as an object are marked as set in code (`$source`).
 */
function defineCredentials<T extends CredentialsConfig>(
  config: T,
  given: CredentialsInput,
): asserts config is T & { credentials: ResolvedCredentials } {
  let input: CredentialsInput | ResolvedCredentials = given;
  let userSupplied = !!input;
  let resolved: ResolvedCredentials | undefined;
  Object.defineProperty(config, "credentials", {
    set(credentials: CredentialsInput | ResolvedCredentials) {
      if (credentials && credentials !== input && credentials !== resolved) userSupplied = true;
      input = credentials;
      const bound = bindCallerConfig(config, memoizedProvider(config, credentials));
      if (!userSupplied || bound.attributed) {
        resolved = bound;
        return;
      }
      const givenAsObject = typeof credentials === "object" && credentials !== null;
      const attributed: ResolvedCredentials = async (options) => {
        const identity: AttributedIdentity = await bound(options);
        const unattributed = !identity.$source || Object.keys(identity.$source).length === 0;
        return givenAsObject && unattributed
          ? setCredentialFeature(identity, "CREDENTIALS_CODE", "e")
          : identity;
      };
      attributed.memoized = bound.memoized;
      attributed.configBound = bound.configBound;
      attributed.attributed = true;
      resolved = attributed;
    },
    get() {
      return resolved;
    },
    enumerable: true,
    configurable: true,
  });
  config.credentials = input;
}

export { defineCredentials };
