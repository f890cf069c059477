import { requireMember } from "./require-member";
import type { CreateTokenCommandOutput } from "../client/index";
import type { SsoToken } from "../cache/sso-cache-types";

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
  const expiresIn = requireMember(output, "expiresIn", "CreateToken");
  const refreshToken = output.refreshToken || previous.refreshToken;
  return {
    ...previous,
    accessToken,
    expiresAt: new Date(Math.floor(receivedAtMs / 1000 + expiresIn) * 1000),
    ...(refreshToken ? { refreshToken } : {}),
  };
}

export { tokenFromResponse };
