import { timingSafeEqual } from "node:crypto";
import { ServiceError } from "./service-error.js";
import { DEFAULT_GRANT_TYPES, normalizeGrantType } from "./grant-types.js";
import type { EmulatorContext } from "./emulator-context.js";
import type { ClientRecord } from "./emulator-state.js";

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * RFC 6749 §2.3.1 / §5.2 invalid_client: unknown client and wrong secret read the same, so the
 * answer does not reveal which client ids exist.
 */
function authenticateClient(
  ctx: EmulatorContext,
  clientId: string,
  clientSecret: string,
): ClientRecord {
  const client = ctx.state.clients.get(clientId);
  if (!client || !sameSecret(client.clientSecret, clientSecret)) {
    throw new ServiceError("InvalidClientException", "Invalid client id or client secret");
  }
  if (ctx.options.now() >= client.expiresAtMs) {
    throw new ServiceError("InvalidClientException", "Client registration has expired");
  }
  return client;
}

/** RFC 6749 §5.2 unauthorized_client: the registration did not ask for this grant. */
function assertGrantAllowed(client: ClientRecord, grantType: string): void {
  const allowed = client.grantTypes ?? DEFAULT_GRANT_TYPES;
  if (!allowed.includes(normalizeGrantType(grantType))) {
    throw new ServiceError(
      "UnauthorizedClientException",
      `Client is not registered for the ${grantType} grant`,
    );
  }
}

export { authenticateClient, assertGrantAllowed };
