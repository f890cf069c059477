import { readBody } from "./read-body.js";
import { parseJsonBody } from "./parse-json-body.js";
import { applyFault } from "./apply-fault.js";
import { verifySigV4 } from "./verify-sigv4.js";
import { sendJson } from "./send-response.js";
import { registerClient } from "./register-client.js";
import { startDeviceAuthorization } from "./start-device-authorization.js";
import { createToken } from "./create-token.js";
import { createTokenWithIam } from "./create-token-with-iam.js";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { EmulatorContext } from "./emulator-context.js";
import type { EmulatorOperation } from "./fault-injector.js";
import type { JsonObject } from "./parse-json-body.js";

const HANDLERS: Record<EmulatorOperation, (ctx: EmulatorContext, body: JsonObject) => JsonObject> =
  {
    RegisterClient: registerClient,
    StartDeviceAuthorization: startDeviceAuthorization,
    CreateToken: createToken,
    CreateTokenWithIAM: createTokenWithIam,
  };

/**
 * One API call: body, injected fault, SigV4 (CreateTokenWithIAM only, as the model's auth
 * traits say), input, output. Errors are thrown for the router to render.
 */
async function handleOperation(
  ctx: EmulatorContext,
  operation: EmulatorOperation,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const body = await readBody(req);
  const fault = ctx.faults.take(operation);
  if (fault && (await applyFault(ctx.faults, fault, res))) return;
  if (operation === "CreateTokenWithIAM") {
    verifySigV4(req, body, ctx.options.credentials, ctx.options.now());
  }
  const output = HANDLERS[operation](ctx, parseJsonBody(req.headers, body));
  sendJson(res, 200, output);
}

export { handleOperation };
