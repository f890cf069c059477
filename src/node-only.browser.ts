import type * as NodeOnly from "./node-only";

class NodeOnlyError extends Error {
  override readonly name = "NodeOnlyError";
  readonly code = "ERR_SSO_OIDC_NODE_ONLY";
}

/**
 * Browser and React Native stand-ins for the Node-only API: the same names,
 * so one set of types serves every build, each failing with a clear error.
 */
const nodeOnly = <K extends keyof typeof NodeOnly>(name: K): (typeof NodeOnly)[K] =>
  ((): never => {
    throw new NodeOnlyError(
      `${name} needs Node.js (files, a loopback listener or child processes) and is not available in browsers or React Native; use the client's commands directly.`,
    );
  }) as unknown as (typeof NodeOnly)[K];

export const loginWithDeviceCode = nodeOnly("loginWithDeviceCode");
export const loginWithPkce = nodeOnly("loginWithPkce");
export const openUrl = nodeOnly("openUrl");
export const createSsoTokenProvider = nodeOnly("createSsoTokenProvider");
export const createSsoCache = nodeOnly("createSsoCache");
export const resolveSsoConfig = nodeOnly("resolveSsoConfig");
export const registrationCacheKey = nodeOnly("registrationCacheKey");
export const tokenCacheKey = nodeOnly("tokenCacheKey");
