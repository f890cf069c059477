import { RegisterClientCommand } from "../client/index";
import { createSsoCache } from "../cache/sso-cache";
import { requireMember, requirePositive, tokenFromResponse } from "./responses";
import type { CreateTokenCommandOutput, SSOOIDCClient } from "../client/index";
import type { ClientRegistration, SsoCache, SsoToken } from "../cache/sso-cache";
import type { Clock, Sleep } from "./platform";

/*
 * What the device code and PKCE logins share: their options, the client registration (reused
 * from the cache as the AWS CLI does), and the token written to the cache at the end.
 */

const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
const PKCE_GRANT_TYPES = ["authorization_code", "refresh_token"];
/** RFC 8252 §7.3: registered without a port; the request names the listener's port. */
const PKCE_REDIRECT_URI = "http://127.0.0.1/oauth/callback";
/** A registration this close to expiry is replaced, so it does not lapse mid-session. */
const REUSE_MARGIN_MS = 15 * 60 * 1000;

/** What both logins take: the client, where to sign in, the cache, and the injected parts. */
interface LoginOptions {
  client: SSOOIDCClient;
  /** The AWS access portal URL, e.g. `https://d-1234567890.awsapps.com/start`. */
  startUrl: string;
  /** The sso-session's region, recorded in the cache; default the client's region. */
  region?: string;
  /** The sso-session name; the token is cached under it (else under the start URL). */
  sessionName?: string;
  clientName?: string;
  /** Registration and token cache; default the AWS CLI's under `os.homedir()`; null: none. */
  cache?: SsoCache | null;
  now?: Clock;
  sleep?: Sleep;
  signal?: AbortSignal;
}

type LoginKind = "device" | "pkce";

interface ObtainClientRegistrationOptions {
  client: SSOOIDCClient;
  cache: SsoCache | null;
  kind: LoginKind;
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

/** A login under way: its settings with their defaults, and the registration they obtained. */
interface StartedLogin {
  /** Passed again with `ignoreCache`, they register anew. */
  settings: ObtainClientRegistrationOptions;
  registration: ObtainedRegistration;
}

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
    expiresAt: new Date(requirePositive(output, "clientSecretExpiresAt", "RegisterClient") * 1000),
    ...(scopes && scopes.length > 0 ? { scopes } : {}),
    ...(kind === "pkce" ? { grantTypes: PKCE_GRANT_TYPES } : {}),
  };
  await cache?.writeRegistration(key, registration);
  return output.authorizationEndpoint
    ? { ...registration, authorizationEndpoint: output.authorizationEndpoint }
    : registration;
}

/**
 * The first steps of either login: defaults for the cache, clock and region, nothing sent when
 * the signal already aborted, then a client registration for `kind` with `scopes`.
 */
async function startLogin(
  options: LoginOptions,
  kind: LoginKind,
  scopes: string[] | undefined,
): Promise<StartedLogin> {
  const { client, startUrl, sessionName, signal } = options;
  const now = options.now ?? Date.now;
  const cache = options.cache === undefined ? createSsoCache() : options.cache;
  signal?.throwIfAborted();
  const region = options.region ?? (await client.config.region());
  const settings: ObtainClientRegistrationOptions = {
    client,
    cache,
    kind,
    startUrl,
    region,
    scopes,
    sessionName,
    clientName: options.clientName ?? `sso-oidc-${sessionName ?? kind}`,
    now,
    signal,
  };
  return { settings, registration: await obtainClientRegistration(settings) };
}

/**
 * The last step of either login: the CreateToken response as a token that records where it came
 * from and the registration that can refresh it, cached under the session name (or the start
 * URL for a login without one, as the AWS CLI keys legacy profiles) and returned.
 */
async function finishLogin(
  { settings }: StartedLogin,
  registration: ClientRegistration,
  output: CreateTokenCommandOutput,
): Promise<SsoToken> {
  const token = tokenFromResponse(
    output,
    {
      startUrl: settings.startUrl,
      region: settings.region,
      clientId: registration.clientId,
      clientSecret: registration.clientSecret,
      registrationExpiresAt: registration.expiresAt,
    },
    settings.now(),
  );
  await settings.cache?.writeToken(settings.sessionName ?? settings.startUrl, token);
  return token;
}

export { DEVICE_CODE_GRANT, finishLogin, obtainClientRegistration, startLogin };
export type { LoginOptions, ObtainClientRegistrationOptions, ObtainedRegistration, StartedLogin };
