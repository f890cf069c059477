/**
 * The code the real-browser suite runs inside Chromium. It imports the package by name, so the
 * bundler picks the `browser` build from package.json `exports`, and puts one function per
 * scenario on `window.ssoOidcPage`; the test calls them with `page.evaluate` and gets back
 * plain JSON, so every call below runs in the page, over the page's fetch and CORS.
 */
import {
  CreateTokenCommand,
  CreateTokenWithIAMCommand,
  InvalidGrantException,
  RegisterClientCommand,
  SSOOIDCClient,
  SSOOIDCServiceException,
  StartDeviceAuthorizationCommand,
} from "sso-oidc";

interface Target {
  endpoint: string;
  region: string;
}

interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** What the test compares: the error's public shape and which classes it is an instance of. */
interface ErrorReport {
  name: string;
  message: string;
  fault: string | undefined;
  httpStatusCode: number | undefined;
  error: string | undefined;
  errorDescription: string | undefined;
  isInvalidGrantException: boolean;
  isServiceException: boolean;
  cause: string | undefined;
}

interface DeviceLoginStart {
  clientId: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string;
  intervalSeconds: number;
  expiresInSeconds: number;
  /** The first CreateToken, sent before anyone approves: it must be pending. */
  firstPoll: ErrorReport;
}

interface DeviceLoginToken {
  accessToken: string;
  tokenType: string;
  expiresIn: number;
  refreshToken: string | undefined;
  pendingPolls: number;
}

function reportError(thrown: unknown): ErrorReport {
  const error = thrown as Partial<SSOOIDCServiceException> & { error?: string; cause?: unknown };
  const cause = error.cause as { name?: string } | undefined;
  return {
    name: String(error.name),
    message: String(error.message),
    fault: error.$fault,
    httpStatusCode: error.$metadata?.httpStatusCode,
    error: error.error,
    errorDescription: (error as { error_description?: string }).error_description,
    isInvalidGrantException: thrown instanceof InvalidGrantException,
    isServiceException: thrown instanceof SSOOIDCServiceException,
    cause: cause?.name,
  };
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The device login in progress: RegisterClient and StartDeviceAuthorization results. */
let login:
  | {
      client: SSOOIDCClient;
      clientId: string;
      clientSecret: string;
      deviceCode: string;
      intervalSeconds: number;
    }
  | undefined;

/** RFC 8628 §3.1–3.2: register a public client, then start the device authorization. */
async function startDeviceLogin(target: Target): Promise<DeviceLoginStart> {
  const client = new SSOOIDCClient(target);
  const registration = await client.send(
    new RegisterClientCommand({
      clientName: "browser-proof",
      clientType: "public",
      scopes: ["sso:account:access"],
    }),
  );
  const authorization = await client.send(
    new StartDeviceAuthorizationCommand({
      clientId: registration.clientId,
      clientSecret: registration.clientSecret,
      startUrl: "https://d-1234567890.awsapps.com/start",
    }),
  );
  login = {
    client,
    clientId: registration.clientId ?? "",
    clientSecret: registration.clientSecret ?? "",
    deviceCode: authorization.deviceCode ?? "",
    intervalSeconds: authorization.interval ?? 5,
  };
  const firstPoll = await pollOnce().then(
    () => {
      throw new Error("the first CreateToken succeeded before approval");
    },
    (error: unknown) => reportError(error),
  );
  return {
    clientId: login.clientId,
    userCode: authorization.userCode ?? "",
    verificationUri: authorization.verificationUri ?? "",
    verificationUriComplete: authorization.verificationUriComplete ?? "",
    intervalSeconds: login.intervalSeconds,
    expiresInSeconds: authorization.expiresIn ?? 0,
    firstPoll,
  };
}

function pollOnce() {
  if (!login) throw new Error("startDeviceLogin first");
  return login.client.send(
    new CreateTokenCommand({
      clientId: login.clientId,
      clientSecret: login.clientSecret,
      grantType: "urn:ietf:params:oauth:grant-type:device_code",
      deviceCode: login.deviceCode,
    }),
  );
}

/** RFC 8628 §3.4–3.5: poll every `interval` seconds while the authorization is pending. */
async function pollUntilToken(): Promise<DeviceLoginToken> {
  if (!login) throw new Error("startDeviceLogin first");
  let pendingPolls = 0;
  for (;;) {
    await sleep(login.intervalSeconds * 1000);
    try {
      const token = await pollOnce();
      return {
        accessToken: token.accessToken ?? "",
        tokenType: token.tokenType ?? "",
        expiresIn: token.expiresIn ?? 0,
        refreshToken: token.refreshToken,
        pendingPolls,
      };
    } catch (error) {
      if ((error as Error).name !== "AuthorizationPendingException") throw error;
      pendingPolls += 1;
    }
  }
}

/** CreateToken, for a freshly registered client, with a device code the service never issued. */
async function createTokenWithBadDeviceCode(target: Target): Promise<ErrorReport> {
  const client = new SSOOIDCClient(target);
  const registration = await client.send(
    new RegisterClientCommand({ clientName: "browser-proof", clientType: "public" }),
  );
  try {
    await client.send(
      new CreateTokenCommand({
        clientId: registration.clientId,
        clientSecret: registration.clientSecret,
        grantType: "urn:ietf:params:oauth:grant-type:device_code",
        deviceCode: "not-a-device-code",
      }),
    );
  } catch (error) {
    return reportError(error);
  }
  throw new Error("CreateToken with a bad device code succeeded");
}

/** Aborts a CreateToken `abortAfterMs` after sending it; the test makes the service slow. */
async function abortCreateToken(
  target: Target,
  abortAfterMs: number,
): Promise<{ error: ErrorReport; elapsedMs: number }> {
  const client = new SSOOIDCClient(target);
  const controller = new AbortController();
  const startedAt = performance.now();
  setTimeout(() => controller.abort(), abortAfterMs);
  try {
    await client.send(
      new CreateTokenCommand({
        clientId: "clientId",
        clientSecret: "clientSecret",
        grantType: "refresh_token",
        refreshToken: "refreshToken",
      }),
      { abortSignal: controller.signal },
    );
  } catch (error) {
    return { error: reportError(error), elapsedMs: performance.now() - startedAt };
  }
  throw new Error("the aborted CreateToken succeeded");
}

/** A SigV4-signed CreateTokenWithIAM (JWT bearer grant) with credentials from the config. */
async function createTokenWithIam(
  target: Target,
  credentials: Credentials,
  clientId: string,
  assertion: string,
): Promise<{ ok: true; accessToken: string; scope: string[] } | { ok: false; error: ErrorReport }> {
  const client = new SSOOIDCClient({ ...target, credentials });
  try {
    const out = await client.send(
      new CreateTokenWithIAMCommand({
        clientId,
        grantType: "urn:ietf:params:oauth:grant-type:jwt-bearer",
        assertion,
      }),
    );
    return { ok: true, accessToken: out.accessToken ?? "", scope: out.scope ?? [] };
  } catch (error) {
    return { ok: false, error: reportError(error) };
  }
}

/** A client built with no region: in a browser there is nowhere else to read one from. */
async function sendWithoutRegion(endpoint: string): Promise<ErrorReport> {
  const client = new SSOOIDCClient({ endpoint });
  try {
    await client.send(new RegisterClientCommand({ clientName: "no-region", clientType: "public" }));
  } catch (error) {
    return reportError(error);
  }
  throw new Error("a send without a region succeeded");
}

const ssoOidcPage = {
  startDeviceLogin,
  pollUntilToken,
  createTokenWithBadDeviceCode,
  abortCreateToken,
  createTokenWithIam,
  sendWithoutRegion,
};

type SsoOidcPage = typeof ssoOidcPage;

(globalThis as unknown as { ssoOidcPage: SsoOidcPage }).ssoOidcPage = ssoOidcPage;

export type { ErrorReport, SsoOidcPage };
