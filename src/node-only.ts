/*
 * The parts of the public API that need Node (files, a loopback listener,
 * child processes). Browser and React Native builds swap this file for
 * node-only.browser.ts.
 */
export { loginWithDeviceCode } from "./flows/device-code";
export { loginWithPkce } from "./flows/pkce";
export { openUrl } from "./flows/platform";
export { createSsoTokenProvider } from "./flows/token-provider";
export { createSsoCache } from "./cache/sso-cache";
export { resolveSsoConfig } from "./cache/config";
export { registrationCacheKey, tokenCacheKey } from "./cache/keys";
