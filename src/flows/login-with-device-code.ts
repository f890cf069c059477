import { InvalidClientException, StartDeviceAuthorizationCommand } from "../client/index";
import { createSsoCache } from "../cache/create-sso-cache";
import { obtainClientRegistration } from "./obtain-client-registration";
import { pollDeviceToken } from "./poll-device-token";
import { requireMember } from "./require-member";
import { tokenFromResponse } from "./token-from-response";
import { sleep as defaultSleep } from "./sleep";
import type { SsoToken } from "../cache/sso-cache-types";
import type { LoginOptions } from "./flow-types";

/** RFC 8628 §3.3: what the user needs to approve this device. */
interface DeviceVerification {
  userCode: string;
  verificationUri: string;
  /** RFC 8628 §3.3.1: the URI with the code filled in; undefined when the service sent none. */
  verificationUriComplete: string | undefined;
  expiresAt: Date;
}

interface LoginWithDeviceCodeOptions extends LoginOptions {
  /** `sso_registration_scopes`; legacy profiles register without scopes. */
  scopes?: string[];
  /** Shows the code to the user; default: prints it to stderr. */
  onVerification?: (verification: DeviceVerification) => void | Promise<void>;
}

function printVerification(verification: DeviceVerification): void {
  const link = verification.verificationUriComplete ?? verification.verificationUri;
  process.stderr.write(
    `To sign in, open ${link}\nand confirm the code ${verification.userCode} ` +
      `(or go to ${verification.verificationUri} and enter it) ` +
      `before ${verification.expiresAt.toLocaleTimeString()}.\n`,
  );
}

/**
 * RFC 8628 device authorization grant: RegisterClient (or a cached registration),
 * StartDeviceAuthorization (§3.1–3.2), the user code shown through `onVerification` (§3.3),
 * then CreateToken polling (§3.4–3.5). The token is written to the cache and returned.
 * Throws LoginExpiredError, LoginDeniedError, or `signal.reason` when aborted.
 */
async function loginWithDeviceCode(options: LoginWithDeviceCodeOptions): Promise<SsoToken> {
  const { client, startUrl, sessionName, signal } = options;
  const now = options.now ?? Date.now;
  const cache = options.cache === undefined ? createSsoCache() : options.cache;
  signal?.throwIfAborted();
  const region = options.region ?? (await client.config.region());

  const registrationOptions = {
    client,
    cache,
    kind: "device" as const,
    startUrl,
    region,
    scopes: options.scopes,
    sessionName,
    clientName: options.clientName ?? `sso-oidc-${sessionName ?? "device"}`,
    now,
    signal,
  };
  let registration = await obtainClientRegistration(registrationOptions);
  const start = () =>
    client.send(
      new StartDeviceAuthorizationCommand({
        clientId: registration.clientId,
        clientSecret: registration.clientSecret,
        startUrl,
      }),
      { abortSignal: signal },
    );
  let started;
  try {
    started = await start();
  } catch (error) {
    // A cached registration the service no longer knows (revoked, or from another
    // endpoint) is replaced once, rather than failing every login until the cache is cleared.
    if (!(error instanceof InvalidClientException) || !registration.fromCache) throw error;
    registration = await obtainClientRegistration({ ...registrationOptions, ignoreCache: true });
    started = await start();
  }
  const { clientId, clientSecret } = registration;
  const startedAtMs = now();
  const operation = "StartDeviceAuthorization";
  const expiresInSeconds = requireMember(started, "expiresIn", operation);
  await (options.onVerification ?? printVerification)({
    userCode: requireMember(started, "userCode", operation),
    verificationUri: requireMember(started, "verificationUri", operation),
    verificationUriComplete: started.verificationUriComplete || undefined,
    expiresAt: new Date(startedAtMs + expiresInSeconds * 1000),
  });

  const output = await pollDeviceToken({
    client,
    clientId,
    clientSecret,
    deviceCode: requireMember(started, "deviceCode", operation),
    intervalSeconds: started.interval,
    expiresInSeconds,
    startedAtMs,
    now,
    sleep: options.sleep ?? defaultSleep,
    signal,
  });
  const token = tokenFromResponse(
    output,
    {
      startUrl,
      region,
      clientId,
      clientSecret,
      registrationExpiresAt: registration.expiresAt,
    },
    now(),
  );
  await cache?.writeToken(sessionName ?? startUrl, token);
  return token;
}

export { loginWithDeviceCode };
export type { LoginWithDeviceCodeOptions, DeviceVerification };
