import type { SsoCache } from "../cache/sso-cache-types";
import type { SSOOIDCClient } from "../client/index";

/** Epoch milliseconds; injected so tests control time. */
type Clock = () => number;

/**
 * Waits `ms` milliseconds; must reject with `signal.reason` as soon as the signal aborts, so a
 * cancelled login stops at once, also mid-wait.
 */
type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

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

export type { Clock, LoginOptions, Sleep };
