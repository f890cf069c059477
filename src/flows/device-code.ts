import {
  AccessDeniedException,
  AuthorizationPendingException,
  CreateTokenCommand,
  ExpiredTokenException,
  InvalidClientException,
  SlowDownException,
  StartDeviceAuthorizationCommand,
} from "../client/index";
import { LoginDeniedError, LoginExpiredError } from "./errors";
import { DEVICE_CODE_GRANT, finishLogin, obtainClientRegistration, startLogin } from "./login";
import { requireMember, requirePositive } from "./responses";
import { MAX_TIMER_MS, sleep as defaultSleep } from "./platform";
import type { CreateTokenCommandOutput, SSOOIDCClient } from "../client/index";
import type { SsoToken } from "../cache/sso-cache";
import type { LoginOptions } from "./login";
import type { Clock, Sleep } from "./platform";

/** RFC 8628 §3.2: "If no value is provided, clients MUST use 5 as the default." */
const DEFAULT_INTERVAL_SECONDS = 5;
/** RFC 8628 §3.5: slow_down increases the interval by 5 seconds for this and all later polls. */
const SLOW_DOWN_SECONDS = 5;

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

interface PollDeviceTokenOptions {
  client: SSOOIDCClient;
  clientId: string;
  clientSecret: string;
  deviceCode: string;
  intervalSeconds: number | undefined;
  expiresInSeconds: number;
  /** When the device code was issued; it expires `expiresInSeconds` later. */
  startedAtMs: number;
  now: Clock;
  sleep: Sleep;
  signal: AbortSignal | undefined;
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
 * RFC 8628 §3.4–3.5: waits one interval, asks for the token, and repeats while authorization is
 * pending, until the user approves or denies or the device code expires. The wait comes first:
 * nobody approves within zero seconds, and the server asks for at least `interval` between polls.
 */
async function pollDeviceToken(options: PollDeviceTokenOptions): Promise<CreateTokenCommandOutput> {
  const { now, sleep, signal, expiresInSeconds } = options;
  const deadlineMs = options.startedAtMs + expiresInSeconds * 1000;
  const { intervalSeconds } = options;
  let intervalMs =
    (intervalSeconds !== undefined && intervalSeconds > 0
      ? intervalSeconds
      : DEFAULT_INTERVAL_SECONDS) * 1000;

  for (;;) {
    const remainingMs = deadlineMs - now();
    if (remainingMs <= 0) throw new LoginExpiredError(expiresInSeconds);
    // The last wait ends at the deadline: a poll after it could only be answered expired_token.
    // A wait longer than a timer holds (it would fire at once) is slept in parts.
    for (let leftMs = Math.min(intervalMs, remainingMs); leftMs > 0; leftMs -= MAX_TIMER_MS) {
      await sleep(Math.min(leftMs, MAX_TIMER_MS), signal);
    }
    if (now() >= deadlineMs) throw new LoginExpiredError(expiresInSeconds);
    try {
      return await options.client.send(
        new CreateTokenCommand({
          clientId: options.clientId,
          clientSecret: options.clientSecret,
          grantType: DEVICE_CODE_GRANT,
          deviceCode: options.deviceCode,
        }),
        { abortSignal: signal },
      );
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (error instanceof AuthorizationPendingException) continue;
      if (error instanceof SlowDownException) {
        intervalMs += SLOW_DOWN_SECONDS * 1000;
        continue;
      }
      if (error instanceof ExpiredTokenException) {
        throw new LoginExpiredError(expiresInSeconds, { cause: error });
      }
      if (error instanceof AccessDeniedException) throw new LoginDeniedError({ cause: error });
      throw error;
    }
  }
}

/**
 * RFC 8628 device authorization grant: RegisterClient (or a cached registration),
 * StartDeviceAuthorization (§3.1–3.2), the user code shown through `onVerification` (§3.3),
 * then CreateToken polling (§3.4–3.5). The token is written to the cache and returned.
 * Throws LoginExpiredError, LoginDeniedError, or `signal.reason` when aborted.
 */
async function loginWithDeviceCode(options: LoginWithDeviceCodeOptions): Promise<SsoToken> {
  const login = await startLogin(options, "device", options.scopes);
  const { client, startUrl, now, signal } = login.settings;
  let registration = login.registration;
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
    registration = await obtainClientRegistration({ ...login.settings, ignoreCache: true });
    started = await start();
  }
  const startedAtMs = now();
  const operation = "StartDeviceAuthorization";
  const expiresInSeconds = requirePositive(started, "expiresIn", operation);
  await (options.onVerification ?? printVerification)({
    userCode: requireMember(started, "userCode", operation),
    verificationUri: requireMember(started, "verificationUri", operation),
    verificationUriComplete: started.verificationUriComplete || undefined,
    expiresAt: new Date(startedAtMs + expiresInSeconds * 1000),
  });

  const output = await pollDeviceToken({
    client,
    clientId: registration.clientId,
    clientSecret: registration.clientSecret,
    deviceCode: requireMember(started, "deviceCode", operation),
    intervalSeconds: started.interval,
    expiresInSeconds,
    startedAtMs,
    now,
    sleep: options.sleep ?? defaultSleep,
    signal,
  });
  return finishLogin(login, registration, output);
}

export { loginWithDeviceCode };
export type { DeviceVerification, LoginWithDeviceCodeOptions };
