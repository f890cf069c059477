import { ServiceError } from "./service-error.js";

/** RFC 6749 §3.3 scope-token: printable ASCII except space, double quote and backslash. */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

function validateScopes(scopes: string[]): string[] {
  for (const scope of scopes) {
    if (!SCOPE_TOKEN.test(scope)) {
      throw new ServiceError("InvalidScopeException", `Invalid scope: ${JSON.stringify(scope)}`);
    }
  }
  return [...new Set(scopes)];
}

/** RFC 6749 §6: a refresh or narrower request may not ask for more than was granted. */
function narrowScopes(granted: string[], requested: string[] | undefined): string[] {
  if (requested === undefined || requested.length === 0) return granted;
  for (const scope of validateScopes(requested)) {
    if (!granted.includes(scope)) {
      throw new ServiceError("InvalidScopeException", `Scope was not granted: ${scope}`);
    }
  }
  return [...new Set(requested)];
}

export { validateScopes, narrowScopes };
