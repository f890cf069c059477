import { CreateTokenCommand } from "../client/index";
import {
  AccessDeniedException,
  AuthorizationPendingException,
  ExpiredTokenException,
  SlowDownException,
} from "../client/index";
import { LoginDeniedError } from "./login-denied-error";
import { LoginExpiredError } from "./login-expired-error";
import type { SSOOIDCClient } from "../client/index";
import type { CreateTokenCommandOutput } from "../client/index";
import type { Clock, Sleep } from "./flow-types";

const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
/** RFC 8628 §3.2: "If no value is provided, clients MUST use 5 as the default." */
const DEFAULT_INTERVAL_SECONDS = 5;
/** RFC 8628 §3.5: slow_down increases the interval by 5 seconds for this and all later polls. */
const SLOW_DOWN_SECONDS = 5;

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

/**
 * RFC 8628 §3.4–3.5: waits one interval, asks for the token, and repeats while authorization is
 * pending, until the user approves or denies or the device code expires. The wait comes first:
 * nobody approves within zero seconds, and the server asks for at least `interval` between polls.
 */
async function pollDeviceToken(options: PollDeviceTokenOptions): Promise<CreateTokenCommandOutput> {
  const { now, sleep, signal, expiresInSeconds } = options;
  const deadlineMs = options.startedAtMs + expiresInSeconds * 1000;
  let intervalMs =
    (options.intervalSeconds && options.intervalSeconds > 0
      ? options.intervalSeconds
      : DEFAULT_INTERVAL_SECONDS) * 1000;

  for (;;) {
    const remainingMs = deadlineMs - now();
    if (remainingMs <= 0) throw new LoginExpiredError(expiresInSeconds);
    // The last wait ends at the deadline: a poll after it could only be answered expired_token.
    await sleep(Math.min(intervalMs, remainingMs), signal);
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

export { pollDeviceToken };
export type { PollDeviceTokenOptions };
