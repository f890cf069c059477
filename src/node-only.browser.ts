import type * as NodeOnly from "./node-only";

class NodeOnlyError extends Error {
  override readonly name = "NodeOnlyError";
  readonly code = "ERR_SSO_OIDC_NODE_ONLY";
}

/**
 * Browser and React Native stand-ins for the Node-only API: the same names,
 * so one set of types serves every build, each failing with a clear error.
 */
function nodeOnly<K extends keyof typeof NodeOnly>(name: K): (typeof NodeOnly)[K] {
  return ((): never => {
    throw new NodeOnlyError(
      `${name} needs Node.js (files, a loopback listener or child processes) and is not available in browsers or React Native; use the client's commands directly.`,
    );
  }) as unknown as (typeof NodeOnly)[K];
}

const loginWithDeviceCode = /* @__PURE__ */ nodeOnly("loginWithDeviceCode");
const loginWithPkce = /* @__PURE__ */ nodeOnly("loginWithPkce");
const openUrl = /* @__PURE__ */ nodeOnly("openUrl");
const createSsoTokenProvider = /* @__PURE__ */ nodeOnly("createSsoTokenProvider");
const createSsoCache = /* @__PURE__ */ nodeOnly("createSsoCache");
const resolveSsoConfig = /* @__PURE__ */ nodeOnly("resolveSsoConfig");
const registrationCacheKey = /* @__PURE__ */ nodeOnly("registrationCacheKey");
const tokenCacheKey = /* @__PURE__ */ nodeOnly("tokenCacheKey");

export {
  createSsoCache,
  createSsoTokenProvider,
  loginWithDeviceCode,
  loginWithPkce,
  openUrl,
  registrationCacheKey,
  resolveSsoConfig,
  tokenCacheKey,
};
