import { SSOClient } from "@aws-sdk/client-sso";
import { deviceLogin } from "./device-flow";
import { officialClient, send } from "./wire";
import type { SSOClientConfig, SSOServiceException } from "@aws-sdk/client-sso";
import type { Emulator } from "../../../src/emulator/index";
import type { WireResponse } from "./wire";

const TOKEN_HEADER = "x-amz-sso_bearer_token";

/** The official access portal client, pointed at the emulator. */
function portalClient(endpoint: string, extra: Partial<SSOClientConfig> = {}) {
  return new SSOClient({ region: "us-east-1", endpoint, ...extra });
}

/** A device login with the official OIDC client: the tokens the portal takes, and their client. */
async function signIn(emu: Emulator) {
  const oidc = officialClient(emu.url);
  const login = await deviceLogin(emu, oidc);
  return {
    ...login,
    oidc,
    accessToken: login.tokens.accessToken ?? "",
    refreshToken: login.tokens.refreshToken ?? "",
  };
}

/** Calls the portal over the raw wire, with the token header only when a token is given. */
function callPortal(
  emu: Emulator,
  path: string,
  accessToken: string | undefined,
  method = path === "/logout" ? "POST" : "GET",
): Promise<WireResponse> {
  return send(`${emu.url}${path}`, {
    method,
    headers: accessToken === undefined ? {} : { [TOKEN_HEADER]: accessToken },
  });
}

/** A portal error as the wire carries it: status, the bare type header, `{"message"}`. */
function portalError(status: number, type: string, message: string) {
  return { status, errorType: type, body: { message } };
}

/** What a test compares for an official-client exception of the portal. */
function describePortalException(error: SSOServiceException) {
  return {
    name: error.name,
    status: error.$metadata.httpStatusCode,
    fault: error.$fault,
    message: error.message,
  };
}

/** The expected `describePortalException` of a client-fault error. */
function portalException(name: string, status: number, message: string) {
  return { name, status, fault: "client", message };
}

export {
  TOKEN_HEADER,
  portalClient,
  signIn,
  callPortal,
  portalError,
  describePortalException,
  portalException,
};
