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

export const loginWithDeviceCode = /* @__PURE__ */ nodeOnly("loginWithDeviceCode");
export const loginWithPkce = /* @__PURE__ */ nodeOnly("loginWithPkce");
export const openUrl = /* @__PURE__ */ nodeOnly("openUrl");
export const createSsoTokenProvider = /* @__PURE__ */ nodeOnly("createSsoTokenProvider");
export const createSsoCache = /* @__PURE__ */ nodeOnly("createSsoCache");
export const resolveSsoConfig = /* @__PURE__ */ nodeOnly("resolveSsoConfig");
export const registrationCacheKey = /* @__PURE__ */ nodeOnly("registrationCacheKey");
export const tokenCacheKey = /* @__PURE__ */ nodeOnly("tokenCacheKey");
