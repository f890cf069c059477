import { ServiceError } from "./service-error.js";
import { SignatureError } from "./signature-error.js";
import { sendServiceError, sendSignatureError } from "./send-response.js";
import { sendPreflight, setCorsHeaders } from "./cors.js";
import { handleOperation } from "./handle-operation.js";
import { showDevicePage, submitDevicePage } from "./device-page.js";
import { showAuthorizePage, submitAuthorizePage } from "./authorize-page.js";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { EmulatorContext } from "./emulator-context.js";
import type { EmulatorOperation } from "./fault-injector.js";

/** The model's `@http` bindings; `/token` with the literal query `aws_iam=t` is the IAM one. */
function operationFor(url: URL): EmulatorOperation | undefined {
  switch (url.pathname) {
    case "/client/register":
      return "RegisterClient";
    case "/device_authorization":
      return "StartDeviceAuthorization";
    case "/token":
      return url.searchParams.get("aws_iam") === "t" ? "CreateTokenWithIAM" : "CreateToken";
    default:
      return undefined;
  }
}

function methodNotAllowed(res: ServerResponse, req: IncomingMessage, allow: string): ServiceError {
  res.setHeader("allow", allow);
  return new ServiceError("InvalidRequestException", `Method ${req.method} is not allowed here`, {
    status: 405,
  });
}

async function dispatch(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse) {
  // Concatenation, not a base URL: "//x" must stay a path, not become a host.
  const url = new URL(`http://emulator.invalid${req.url ?? "/"}`);
  if (req.method === "OPTIONS") return sendPreflight(req, res);
  const operation = operationFor(url);
  if (operation) {
    if (req.method !== "POST") throw methodNotAllowed(res, req, "POST, OPTIONS");
    return handleOperation(ctx, operation, req, res);
  }
  if (url.pathname === "/device" || url.pathname === "/authorize") {
    const isDevice = url.pathname === "/device";
    if (req.method === "GET" || req.method === "HEAD") {
      return isDevice
        ? showDevicePage(ctx, res, url.searchParams)
        : showAuthorizePage(ctx, res, url.searchParams);
    }
    if (req.method === "POST") {
      return isDevice ? submitDevicePage(ctx, req, res) : submitAuthorizePage(ctx, req, res);
    }
    throw methodNotAllowed(res, req, "GET, POST, OPTIONS");
  }
  throw new ServiceError(
    "InvalidRequestException",
    `No such resource: ${req.method} ${url.pathname}`,
    { status: 404 },
  );
}

/** Every request: request id and CORS headers, then the route; nothing escapes as a crash. */
async function routeRequest(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  res.setHeader("x-amzn-requestid", ctx.options.generateId("requestId"));
  // The emulator's own clock, as AWS sends its own: SDKs correct their clock skew from it.
  res.setHeader("date", new Date(ctx.options.now()).toUTCString());
  setCorsHeaders(res, ctx.options.corsOrigin);
  try {
    await dispatch(ctx, req, res);
  } catch (error) {
    if (res.headersSent || res.destroyed) {
      res.destroy();
    } else if (error instanceof ServiceError) {
      sendServiceError(res, error);
    } else if (error instanceof SignatureError) {
      sendSignatureError(res, error);
    } else {
      const detail = error instanceof Error ? error.message : String(error);
      sendServiceError(
        res,
        new ServiceError("InternalServerException", `Internal server error: ${detail}`),
      );
    }
  }
}

export { routeRequest };
