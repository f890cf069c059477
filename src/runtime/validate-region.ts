import { isValidHostLabel } from "@smithy/core/endpoints";
import type { Provider } from "@smithy/types";

class InvalidRegionError extends Error {
  override readonly name = "InvalidRegionError";
  readonly code = "ERR_SSO_OIDC_INVALID_REGION";
  readonly region: string;

  constructor(region: string) {
    super(
      `The region ${JSON.stringify(region)} is not a valid region name: use letters, digits and hyphens only, for example "us-east-1".`,
    );
    this.region = region;
  }
}

/** A region goes into the endpoint's host name, so it must be one host label. */
const assertValidRegion = (region: string): string => {
  if (!isValidHostLabel(region)) throw new InvalidRegionError(region);
  return region;
};

/**
 * Wraps the resolved region provider so that a configured region (from the
 * constructor, the environment or a profile) that is not a host label fails
 * the send, before any request is built, with an error that names it and the
 * fix. Other failures, such as a missing region, pass through unchanged.
 */
const withRegionCheck = (
  configured: string | Provider<string>,
  resolved: Provider<string>,
): Provider<string> => {
  return async () => {
    try {
      return await resolved();
    } catch (error) {
      const region = typeof configured === "function" ? await configured() : configured;
      if (typeof region === "string") assertValidRegion(region);
      throw error;
    }
  };
};

export { assertValidRegion, InvalidRegionError, withRegionCheck };
