/**
 * A device login (RFC 8628) from a web page, with the browser build of `sso-oidc`: register a
 * public client, start a device authorization, show the user code and the verification link,
 * and poll CreateToken until the user approves. The service comes from `?endpoint=` and
 * `?region=`; serve.mjs fills them in for its own emulator.
 */
import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from "sso-oidc";

/** RFC 8628 §3.5: each slow_down adds 5 seconds to the polling interval. */
const SLOW_DOWN_INCREMENT_SECONDS = 5;
const START_URL = "https://d-1234567890.awsapps.com/start";

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`index.html has no #${id}`);
  return found as T;
}

const status = element<HTMLParagraphElement>("status");
const signIn = element<HTMLButtonElement>("sign-in");

/** Tokens are secrets: the page shows only enough to tell two apart. */
function redact(token: string): string {
  return `${token.slice(0, 6)}…`;
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const params = new URLSearchParams(location.search);
const endpoint = params.get("endpoint");
const region = params.get("region");

async function deviceLogin(client: SSOOIDCClient): Promise<string> {
  // RFC 8628 §3.1: a client registration, then the device authorization request.
  const { clientId, clientSecret } = await client.send(
    new RegisterClientCommand({ clientName: "sso-oidc-browser-example", clientType: "public" }),
  );
  const authorization = await client.send(
    new StartDeviceAuthorizationCommand({ clientId, clientSecret, startUrl: START_URL }),
  );

  // RFC 8628 §3.3: show the user code and where to enter it.
  element("user-code").textContent = authorization.userCode ?? "";
  const link = element<HTMLAnchorElement>("verification-link");
  link.href = authorization.verificationUriComplete ?? authorization.verificationUri ?? "";
  element("verification").hidden = false;
  status.textContent = "Waiting for approval…";

  // RFC 8628 §3.4–3.5: poll at the given interval until approved, denied or expired.
  let intervalSeconds = authorization.interval ?? 5;
  const deadlineMs = Date.now() + (authorization.expiresIn ?? 600) * 1000;
  while (Date.now() < deadlineMs) {
    await sleep(intervalSeconds * 1000);
    try {
      const token = await client.send(
        new CreateTokenCommand({
          clientId,
          clientSecret,
          grantType: "urn:ietf:params:oauth:grant-type:device_code",
          deviceCode: authorization.deviceCode,
        }),
      );
      return `Signed in. Access token: ${redact(token.accessToken ?? "")} (expires in ${token.expiresIn} s)`;
    } catch (error) {
      const name = (error as Error).name;
      if (name === "SlowDownException") intervalSeconds += SLOW_DOWN_INCREMENT_SECONDS;
      else if (name !== "AuthorizationPendingException") throw error;
    }
  }
  throw new Error("The code expired before it was approved. Sign in again.");
}

if (!endpoint || !region) {
  status.textContent = "Open this page with ?endpoint=<service URL>&region=<region>.";
  signIn.disabled = true;
} else {
  element("endpoint").textContent = endpoint;
  element("region").textContent = region;
  signIn.addEventListener("click", () => {
    signIn.disabled = true;
    status.textContent = "Starting…";
    deviceLogin(new SSOOIDCClient({ endpoint, region })).then(
      (result) => {
        status.textContent = result;
      },
      (error: Error) => {
        status.textContent = `Sign-in failed: ${error.name}: ${error.message}`;
        signIn.disabled = false;
      },
    );
  });
}
