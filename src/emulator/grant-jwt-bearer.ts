import { ServiceError } from "./service-error.js";
import { readRequiredString } from "./read-member.js";
import { decodeJwt } from "./decode-jwt.js";
import type { EmulatorContext } from "./emulator-context.js";
import type { JsonObject } from "./parse-json-body.js";

/**
 * RFC 7523 §2.1 / §3: the assertion must be a JWT that has not expired. The emulator trusts
 * every issuer, so it checks structure and `exp` only (RFC 7523 §3 item 4).
 */
function redeemJwtAssertion(ctx: EmulatorContext, body: JsonObject): void {
  const assertion = readRequiredString(body, "assertion");
  const jwt = decodeJwt(assertion);
  if (!jwt) {
    throw new ServiceError("InvalidGrantException", "Assertion is not a well-formed JWT");
  }
  const exp = jwt.payload["exp"];
  if (typeof exp !== "number" || !Number.isFinite(exp)) {
    throw new ServiceError("InvalidGrantException", "Assertion has no numeric exp claim");
  }
  if (exp * 1000 <= ctx.options.now()) {
    throw new ServiceError("InvalidGrantException", "Assertion has expired");
  }
}

export { redeemJwtAssertion };
