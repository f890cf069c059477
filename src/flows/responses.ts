import { UnexpectedResponseError } from "./errors";
import type { CreateTokenCommandOutput } from "../client/index";
import type { SsoToken } from "../cache/sso-cache";

/*
 * What the flows take from the service's responses. It loads nothing from Node, so
 * refreshSsoToken, which the browser build exports, can use it.
 */

/** A response member the flow needs: a non-empty string or a finite number. */
function requireMember<T extends object, K extends keyof T & string>(
  output: T,
  member: K,
  operation: string,
): NonNullable<T[K]> {
  const value = output[member];
  const usable =
    (typeof value === "string" && value !== "") ||
    (typeof value === "number" && Number.isFinite(value));
  if (!usable) throw new UnexpectedResponseError(operation, member);
  return value as NonNullable<T[K]>;
}

/**
 * A lifetime or an expiry time the flow relies on: a finite number above zero. RFC 6749 §5.1's
 * `expires_in` of zero or less would cache a token that is already expired as a login.
 */
function requirePositive<T extends object, K extends keyof T & string>(
  output: T,
  member: K,
  operation: string,
): number {
  const value = output[member];
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new UnexpectedResponseError(operation, member, "a number above zero");
  }
  return value;
}

/**
 * RFC 6749 §5.1 response → cache record. `expiresIn` counts from when the response arrived; the
 * expiry is rounded down to whole seconds, as the cache stores it, so the token returned and the
 * token read back are the same.
 * RFC 6749 §6: a refresh response without `refresh_token` leaves the old one in force, so it is
 * kept (the JS SDK drops it, and the next refresh then fails).
 */
function tokenFromResponse(
  output: CreateTokenCommandOutput,
  previous: Omit<SsoToken, "accessToken" | "expiresAt">,
  receivedAtMs: number,
): SsoToken {
  const accessToken = requireMember(output, "accessToken", "CreateToken");
  const expiresIn = requirePositive(output, "expiresIn", "CreateToken");
  const refreshToken = output.refreshToken || previous.refreshToken;
  return {
    ...previous,
    accessToken,
    expiresAt: new Date(Math.floor(receivedAtMs / 1000 + expiresIn) * 1000),
    ...(refreshToken ? { refreshToken } : {}),
  };
}

export { requireMember, requirePositive, tokenFromResponse };
