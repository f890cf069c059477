import { pythonJsonDumps } from "./python-json-dumps";
import { sha1Hex } from "./sha1-hex";
import type { RegistrationCacheKey } from "./sso-cache-types";

/**
 * The file name stem the AWS CLI v2 gives a client registration (botocore `SSOTokenFetcher.
 * _registration_cache_key`): sha1 of `json.dumps(args, sort_keys=True)`, with `scopes` and
 * `session_name` null when absent, so the CLI and this package find each other's registrations.
 */
function registrationCacheKey(key: RegistrationCacheKey): string {
  const scopes = key.scopes && key.scopes.length > 0 ? key.scopes : null;
  return sha1Hex(
    pythonJsonDumps({
      tool: "botocore",
      startUrl: key.startUrl,
      region: key.region,
      scopes,
      session_name: key.sessionName ?? null,
    }),
  );
}

export { registrationCacheKey };
