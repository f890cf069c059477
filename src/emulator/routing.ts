import { PortalError, ServiceError, SignatureError } from "./errors";
import {
  parseJsonBody,
  readBody,
  sendEmpty,
  sendJson,
  sendMessageError,
  sendPreflight,
  sendServiceError,
  setCorsHeaders,
} from "./http";
import { applyFault } from "./faults";
import { BEARER_TOKEN_HEADER, PORTAL_HANDLERS, PORTAL_ROUTES } from "./portal";
import { verifySigV4 } from "./verify-sigv4";
import { registerClient } from "./register-client";
import { startDeviceAuthorization } from "./start-device-authorization";
import { createToken } from "./create-token";
import { createTokenWithIam } from "./create-token-with-iam";
import { showDevicePage, submitDevicePage } from "./device-page";
import { showAuthorizePage, submitAuthorizePage } from "./authorize-page";
import { sendErrorPage } from "./pages";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { EmulatorContext } from "./context";
import type { OidcOperation, PortalOperation } from "./faults";
import type { JsonObject } from "./http";

/** The model's `@http` bindings; `/token` with the literal query `aws_iam=t` is the IAM one. */
function operationFor(url: URL): OidcOperation | undefined {
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

const HANDLERS: Record<OidcOperation, (ctx: EmulatorContext, body: JsonObject) => JsonObject> = {
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
  operation: OidcOperation,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const body = await readBody(req);
  const fault = ctx.faults.take(operation);
  if (fault && (await applyFault(ctx.faults, operation, fault, res))) return;
  if (operation === "CreateTokenWithIAM") {
    verifySigV4(req, body, ctx.options.credentials, ctx.options.now());
  }
  const output = HANDLERS[operation](ctx, parseJsonBody(req.headers, body));
  sendJson(res, 200, output);
}

/**
 * One access portal call: injected fault, then the operation. Its inputs are the token header
 * and the query; it has no body members, and Node discards an unread body once we answer.
 */
async function handlePortalOperation(
  ctx: EmulatorContext,
  operation: PortalOperation,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const fault = ctx.faults.take(operation);
  if (fault && (await applyFault(ctx.faults, operation, fault, res))) return;
  const header = req.headers[BEARER_TOKEN_HEADER];
  const output = PORTAL_HANDLERS[operation](ctx, {
    accessToken: typeof header === "string" ? header : undefined,
    query: url.searchParams,
  });
  if (output === undefined) sendEmpty(res);
  else sendJson(res, 200, output);
}

function methodNotAllowed(res: ServerResponse, req: IncomingMessage, allow: string): ServiceError {
  res.setHeader("allow", allow);
  return new ServiceError("InvalidRequestException", `Method ${req.method} is not allowed here`, {
    status: 405,
  });
}

/** The same refusal in the portal's error format. */
function portalMethodNotAllowed(
  res: ServerResponse,
  req: IncomingMessage,
  allow: string,
): PortalError {
  res.setHeader("allow", allow);
  return new PortalError("InvalidRequestException", `Method ${req.method} is not allowed here`, {
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
  const portalRoute = PORTAL_ROUTES.get(url.pathname);
  if (portalRoute) {
    if (req.method !== portalRoute.method) {
      throw portalMethodNotAllowed(res, req, `${portalRoute.method}, OPTIONS`);
    }
    return handlePortalOperation(ctx, portalRoute.operation, req, res, url);
  }
  if (url.pathname === "/device" || url.pathname === "/authorize") {
    if (!ctx.pageHosts.has(req.headers.host?.toLowerCase() ?? "")) {
      return sendErrorPage(
        res,
        403,
        "Request not accepted",
        `This page answers only at its own address: open ${ctx.url}${url.pathname}.`,
      );
    }
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

/** The answer to a request whose handling threw `error`. */
function sendError(res: ServerResponse, error: unknown): void {
  if (res.headersSent || res.destroyed) {
    res.destroy();
  } else if (error instanceof ServiceError) {
    sendServiceError(res, error);
  } else if (error instanceof SignatureError || error instanceof PortalError) {
    sendMessageError(res, error);
  } else {
    const detail = error instanceof Error ? error.message : String(error);
    sendServiceError(
      res,
      new ServiceError("InternalServerException", `Internal server error: ${detail}`),
    );
  }
}

/**
 * Every request: request id and CORS headers, then the route. Nothing escapes: an error
 * becomes the service's error answer, and one that cannot be answered drops the connection,
 * so no request can end the process.
 */
async function routeRequest(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    res.setHeader("x-amzn-requestid", ctx.options.generateId("requestId"));
    // The emulator's own clock, as AWS sends its own: SDKs correct their clock skew from it.
    res.setHeader("date", new Date(ctx.options.now()).toUTCString());
    setCorsHeaders(res, ctx.options.corsOrigin);
    await dispatch(ctx, req, res);
  } catch (error) {
    try {
      sendError(res, error);
    } catch {
      res.destroy();
    }
  }
}

export { routeRequest };
