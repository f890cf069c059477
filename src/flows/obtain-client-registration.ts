import { RegisterClientCommand } from "../client/index";
import { requireMember } from "./require-member";
import type { SSOOIDCClient } from "../client/index";
import type { ClientRegistration, SsoCache } from "../cache/sso-cache-types";
import type { Clock } from "./flow-types";

const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
const PKCE_GRANT_TYPES = ["authorization_code", "refresh_token"];
/** RFC 8252 §7.3: registered without a port; the request names the listener's port. */
const PKCE_REDIRECT_URI = "http://127.0.0.1/oauth/callback";
/** A registration this close to expiry is replaced, so it does not lapse mid-session. */
const REUSE_MARGIN_MS = 15 * 60 * 1000;

interface ObtainClientRegistrationOptions {
  client: SSOOIDCClient;
  cache: SsoCache | null;
  kind: "device" | "pkce";
  startUrl: string;
  region: string;
  scopes: string[] | undefined;
  sessionName: string | undefined;
  clientName: string;
  now: Clock;
  signal: AbortSignal | undefined;
  /** Register anew even when the cache holds a suitable registration (the service refused it). */
  ignoreCache?: boolean;
}

/**
 * A usable registration; `authorizationEndpoint` only when it was just registered, `fromCache`
 * when it was reused.
 */
type ObtainedRegistration = ClientRegistration & {
  authorizationEndpoint?: string;
  fromCache?: boolean;
};

function sameScopes(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const left = [...(a ?? [])].sort();
  const right = [...(b ?? [])].sort();
  return left.length === right.length && left.every((scope, i) => scope === right[i]);
}

/**
 * The device and PKCE registrations share one cache key in the AWS CLI; `grantTypes` (written
 * only for PKCE) tells them apart, since each grant needs its own registration.
 */
function suits(registration: ClientRegistration, options: ObtainClientRegistrationOptions) {
  const grants = registration.grantTypes;
  const grantOk =
    options.kind === "pkce"
      ? PKCE_GRANT_TYPES.every((grant) => grants?.includes(grant))
      : grants === undefined || grants.includes(DEVICE_CODE_GRANT);
  return (
    grantOk &&
    sameScopes(registration.scopes, options.scopes) &&
    registration.expiresAt.getTime() - options.now() > REUSE_MARGIN_MS
  );
}

/**
 * RFC 7591-style dynamic registration with RegisterClient, reusing the cached registration the
 * AWS CLI (or an earlier login) stored for the same start URL, region, scopes and session.
 */
async function obtainClientRegistration(
  options: ObtainClientRegistrationOptions,
): Promise<ObtainedRegistration> {
  const { cache, kind, scopes } = options;
  const key = {
    startUrl: options.startUrl,
    region: options.region,
    scopes,
    sessionName: options.sessionName,
  };
  const cached = options.ignoreCache ? undefined : await cache?.readRegistration(key);
  if (cached && suits(cached, options)) return { ...cached, fromCache: true };

  const output = await options.client.send(
    new RegisterClientCommand({
      clientName: options.clientName,
      clientType: "public",
      ...(scopes && scopes.length > 0 ? { scopes } : {}),
      ...(kind === "pkce"
        ? {
            grantTypes: PKCE_GRANT_TYPES,
            redirectUris: [PKCE_REDIRECT_URI],
            issuerUrl: options.startUrl,
          }
        : {}),
    }),
    { abortSignal: options.signal },
  );
  const registration: ClientRegistration = {
    clientId: requireMember(output, "clientId", "RegisterClient"),
    clientSecret: requireMember(output, "clientSecret", "RegisterClient"),
    expiresAt: new Date(requireMember(output, "clientSecretExpiresAt", "RegisterClient") * 1000),
    ...(scopes && scopes.length > 0 ? { scopes } : {}),
    ...(kind === "pkce" ? { grantTypes: PKCE_GRANT_TYPES } : {}),
  };
  await cache?.writeRegistration(key, registration);
  return output.authorizationEndpoint
    ? { ...registration, authorizationEndpoint: output.authorizationEndpoint }
    : registration;
}

export { obtainClientRegistration };
export type { ObtainClientRegistrationOptions, ObtainedRegistration };
