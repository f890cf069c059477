import { ServiceError } from "./errors";
import { readRequiredString } from "./http";
import { assertGrantAllowed, authenticateClient } from "./register-client";
import { DEVICE_CODE_GRANT } from "./grants";
import { normalizeUserCode } from "./context";
import type { EmulatorContext } from "./context";
import type { JsonObject } from "./http";

/** StartDeviceAuthorization: `POST /device_authorization` (RFC 8628 §3.1–3.2). */
function startDeviceAuthorization(ctx: EmulatorContext, body: JsonObject): JsonObject {
  const clientId = readRequiredString(body, "clientId");
  const clientSecret = readRequiredString(body, "clientSecret");
  const startUrl = readRequiredString(body, "startUrl");
  const client = authenticateClient(ctx, clientId, clientSecret);
  assertGrantAllowed(client, DEVICE_CODE_GRANT);
  if (!URL.canParse(startUrl)) {
    throw new ServiceError("InvalidRequestException", `Invalid startUrl: ${startUrl}`);
  }

  const { options, state } = ctx;
  const deviceCode = options.generateId("deviceCode");
  const userCode = options.generateId("userCode");
  state.deviceAuthorizations.set(deviceCode, {
    deviceCode,
    userCode,
    clientId,
    scopes: client.scopes,
    expiresAtMs: options.now() + options.deviceCodeExpiresInSeconds * 1000,
    status: options.autoApprove ? "approved" : "pending",
    intervalSeconds: options.intervalSeconds,
    lastPolledAtMs: undefined,
  });
  state.userCodes.set(normalizeUserCode(userCode), deviceCode);

  const verificationUri = `${ctx.url}/device`;
  return {
    deviceCode,
    userCode,
    verificationUri,
    // RFC 8628 §3.3.1: the complete URI carries the user code so the user need not type it.
    verificationUriComplete: `${verificationUri}?user_code=${encodeURIComponent(userCode)}`,
    expiresIn: options.deviceCodeExpiresInSeconds,
    interval: options.intervalSeconds,
  };
}

export { startDeviceAuthorization };
