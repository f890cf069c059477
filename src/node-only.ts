/*
 * The parts of the public API that need Node (files, a loopback listener,
 * child processes). Browser and React Native builds swap this file for
 * node-only.browser.ts.
 */
export { loginWithDeviceCode } from "./flows/login-with-device-code";
export { loginWithPkce } from "./flows/login-with-pkce";
export { openUrl } from "./flows/open-url";
export { createSsoTokenProvider } from "./flows/create-sso-token-provider";
export { createSsoCache } from "./cache/create-sso-cache";
export { resolveSsoConfig } from "./cache/resolve-sso-config";
export { registrationCacheKey } from "./cache/registration-cache-key";
export { tokenCacheKey } from "./cache/token-cache-key";
