import { ServiceError } from "./service-error.js";
import { readRequiredString } from "./read-member.js";
import { assertGrantAllowed, authenticateClient } from "./authenticate-client.js";
import { DEVICE_CODE_GRANT } from "./grant-types.js";
import { normalizeUserCode } from "./emulator-state.js";
import type { EmulatorContext } from "./emulator-context.js";
import type { JsonObject } from "./parse-json-body.js";

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
