import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";

/** Refresh credentials this long before they expire, as the AWS SDKs do. */
const EXPIRY_WINDOW_MS = 5 * 60 * 1000;

class CredentialsUnavailableError extends Error {
  override readonly name = "CredentialsUnavailableError";
  readonly code = "ERR_SSO_OIDC_NO_CREDENTIALS";
}

/** Loads the default credential chain; node and browser supply their own. */
type DefaultCredentialLoader = (options: {
  profile?: string;
}) => Promise<AwsCredentialIdentityProvider>;

const isIdentity = (value: unknown): value is AwsCredentialIdentity =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as AwsCredentialIdentity).accessKeyId === "string" &&
  typeof (value as AwsCredentialIdentity).secretAccessKey === "string";

const needsRefresh = (identity: AwsCredentialIdentity, nowMs: number): boolean =>
  identity.expiration !== undefined && identity.expiration.getTime() - nowMs <= EXPIRY_WINDOW_MS;

/**
 * The credentials provider for signed operations: static credentials as given,
 * a provider memoized until its credentials come within five minutes of
 * expiry, or, when the config has none, the default chain loaded on first use.
 * Nothing here runs for the unsigned operations.
 */
const createCredentialResolver = (
  configured: AwsCredentialIdentity | AwsCredentialIdentityProvider | undefined,
  loadDefault: DefaultCredentialLoader,
  profile: string | undefined,
  nowMs: () => number = Date.now,
): AwsCredentialIdentityProvider => {
  if (isIdentity(configured)) return async () => configured;
  let provider: AwsCredentialIdentityProvider | undefined =
    typeof configured === "function" ? configured : undefined;
  let cached: AwsCredentialIdentity | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;
  const fetchIdentity = async (): Promise<AwsCredentialIdentity> => {
    provider ??= await loadDefault({ profile });
    const identity = await provider();
    if (!isIdentity(identity)) {
      throw new CredentialsUnavailableError(
        "The credentials provider returned no accessKeyId and secretAccessKey.",
      );
    }
    cached = identity;
    return identity;
  };
  return async () => {
    if (cached !== undefined && !needsRefresh(cached, nowMs())) return cached;
    pending ??= fetchIdentity().finally(() => {
      pending = undefined;
    });
    return pending;
  };
};

export { createCredentialResolver, CredentialsUnavailableError };
export type { DefaultCredentialLoader };
