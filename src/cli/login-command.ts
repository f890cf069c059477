import { parseArgs } from "node:util";
import { loginWithDeviceCode, loginWithPkce } from "../index";
import { formatCacheTime } from "../cache/formats";
import { splitScopes } from "../cache/config";
import { createSsoCache } from "../cache/sso-cache";
import { interruptionOr, listenForInterruption, UsageError } from "./cli-command";
import { createDeviceProgress, displayPath } from "./display";
import { describeTarget, resolveTarget, TARGET_HELP, TARGET_OPTIONS } from "./target";
import {
  createTargetClient,
  observeClient,
  parseTimeout,
  TIMEOUT_HELP,
  TIMEOUT_OPTIONS,
} from "./service-client";
import { isOpenableUrl, openUrl } from "../flows/platform";
import type { CliCommand, CliIo } from "./cli-command";
import type { AuthorizationUrlEvent, DeviceVerification, SSOOIDCClient } from "../index";
import type { SsoConfig } from "../cache/config";
import type { SsoToken } from "../cache/sso-cache";

const LOGIN_HELP = `Usage: sso-oidc login [--profile NAME | --sso-session NAME | --start-url URL --region REGION]
                     [--use-device-code] [--no-browser] [--scopes SCOPE,...] [--timeout SECONDS]

Signs in to IAM Identity Center and caches the token where the AWS CLI and the AWS SDKs
read it (~/.aws/sso/cache/<sha1>.json, mode 0600). Like 'aws sso login', profiles that use an
sso-session sign in with the authorization code flow (PKCE, a browser on this machine that
returns to 127.0.0.1); legacy profiles and --start-url use the device code flow.

Options:
${TARGET_HELP}
  --use-device-code     Use the device code flow even for an sso-session (a browser on
                        any device; no redirect to this machine)
  --no-browser          Print the URL instead of opening a browser
  --scopes SCOPE,...    Registration scopes, overriding sso_registration_scopes
${TIMEOUT_HELP}
                        (waiting for you to approve is not a request: it lasts as long
                        as the code or the browser login is valid)
  -h, --help            Show this help

Reads AWS_CONFIG_FILE and AWS_PROFILE; AWS_ENDPOINT_URL_SSO_OIDC points it at another
endpoint (such as 'sso-oidc emulator'). Only https URLs, and http URLs on this machine,
are opened in the browser; others are printed with a warning. Ctrl-C cancels and writes
nothing.

Examples:
  sso-oidc login --profile dev
  sso-oidc login --sso-session corp --use-device-code --no-browser
  sso-oidc login --start-url https://d-1234567890.awsapps.com/start --region us-east-1
  AWS_ENDPOINT_URL_SSO_OIDC=http://127.0.0.1:8321 sso-oidc login --profile dev --no-browser
`;

function parseScopes(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const scopes = splitScopes(value);
  if (scopes.length === 0) {
    throw new UsageError(
      "INVALID_OPTION_VALUE",
      "--scopes needs at least one scope, e.g. --scopes sso:account:access.",
    );
  }
  return scopes;
}

interface LoginChoices {
  config: SsoConfig;
  scopes: string[] | undefined;
  noBrowser: boolean;
  useDeviceCode: boolean;
  timeoutSeconds: number;
}

function warnTo(io: CliIo): (message: string) => void {
  return (message) => io.stderr(`sso-oidc: warning: ${message}\n`);
}

/** What both logins take from the command line and the config. */
function loginOptions(io: CliIo, choices: LoginChoices, client: SSOOIDCClient) {
  const { config } = choices;
  return {
    client,
    startUrl: config.startUrl,
    region: config.region,
    sessionName: config.sessionName,
    scopes: choices.scopes ?? config.registrationScopes,
    cache: createSsoCache({ warn: warnTo(io) }),
  };
}

async function runDeviceLogin(io: CliIo, choices: LoginChoices, signal: AbortSignal) {
  const { config, noBrowser, timeoutSeconds } = choices;
  const progress = createDeviceProgress(io);
  const client = observeClient(await createTargetClient(config, timeoutSeconds), {
    timeoutSeconds,
    onResult: (operation, error) => {
      if (operation === "CreateToken") progress.pollResult(error);
    },
  });
  const onVerification = async (verification: DeviceVerification) => {
    const url = verification.verificationUriComplete ?? verification.verificationUri;
    io.stdout(
      [
        noBrowser
          ? "Open this URL in a browser on any device:"
          : "Opening your browser. If it does not open, open this URL on any device:",
        "",
        `  ${url}`,
        "",
        verification.verificationUriComplete
          ? "and check that the page shows the code:"
          : "and enter the code:",
        "",
        `  ${verification.userCode}`,
        "",
        "",
      ].join("\n"),
    );
    // RFC 8628 §3.3.1: the URI comes from the service; a scheme other than https could make
    // the OS opener run something else, so it is shown, not opened.
    const openable = isOpenableUrl(url);
    if (!openable) {
      warnTo(io)(
        `${url} is not an https URL (or an http URL on this machine), so it was not opened; check the endpoint, and open it by hand only if you trust it.`,
      );
    }
    if (!noBrowser && openable) {
      await openUrl(url).catch((error: unknown) =>
        io.stdout(
          `Could not open a browser (${error instanceof Error ? error.message : String(error)}); open the URL above by hand.\n`,
        ),
      );
    }
    progress.start(verification.expiresAt);
  };
  try {
    return await loginWithDeviceCode({
      ...loginOptions(io, choices, client),
      onVerification,
      sleep: progress.sleep,
      signal,
    });
  } finally {
    progress.stop();
    client.destroy();
  }
}

async function runPkceLogin(io: CliIo, choices: LoginChoices, signal: AbortSignal) {
  const { config, noBrowser, timeoutSeconds } = choices;
  const client = observeClient(await createTargetClient(config, timeoutSeconds), {
    timeoutSeconds,
  });
  const onAuthorizationUrl = ({ url, openError }: AuthorizationUrlEvent) => {
    const unsafe =
      (openError as { code?: unknown } | undefined)?.code === "ERR_SSO_OIDC_UNSAFE_URL";
    if (unsafe) warnTo(io)(openError!.message);
    const intro = unsafe
      ? "Open this URL on this machine only if you trust it:"
      : noBrowser
        ? "Open this URL in a browser on this machine (it returns to 127.0.0.1):"
        : openError
          ? `Could not open a browser (${openError.message}). Open this URL on this machine:`
          : "Opening your browser. If it does not open, open this URL on this machine:";
    io.stdout(
      `${intro}\n\n  ${url}\n\nWaiting for the browser to come back (up to 5 min; Ctrl-C cancels).\n`,
    );
  };
  try {
    return await loginWithPkce({
      ...loginOptions(io, choices, client),
      ...(noBrowser ? { openUrl: () => undefined } : {}),
      onAuthorizationUrl,
      signal,
    });
  } finally {
    client.destroy();
  }
}

async function runLoginCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...TARGET_OPTIONS,
      "use-device-code": { type: "boolean" },
      "no-browser": { type: "boolean" },
      scopes: { type: "string" },
      ...TIMEOUT_OPTIONS,
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(LOGIN_HELP);
    return 0;
  }
  const scopes = parseScopes(values.scopes);
  const timeoutSeconds = parseTimeout(values.timeout);
  const config = await resolveTarget(values);
  const useDeviceCode = values["use-device-code"] === true || config.sessionName === undefined;
  const choices = {
    config,
    scopes,
    noBrowser: values["no-browser"] === true,
    useDeviceCode,
    timeoutSeconds,
  };
  const flow = useDeviceCode ? "device code" : "authorization code (PKCE)";
  io.stdout(
    `Signing in with ${describeTarget(config)} at ${config.startUrl} (${config.region}), ${flow} flow.\n\n`,
  );

  const interruption = listenForInterruption(io, "Login cancelled; no token was cached");
  let token: SsoToken;
  try {
    token = useDeviceCode
      ? await runDeviceLogin(io, choices, interruption.signal)
      : await runPkceLogin(io, choices, interruption.signal);
  } catch (error) {
    throw interruptionOr(interruption.signal, error);
  } finally {
    interruption.dispose();
  }
  const cachePath = createSsoCache().tokenPath(config.cacheId);
  io.stdout(
    `Logged in with ${describeTarget(config)}; the token expires at ${formatCacheTime(token.expiresAt)} (cached in ${displayPath(cachePath)}).\n`,
  );
  return 0;
}

const loginCommand: CliCommand = {
  name: "login",
  run: runLoginCommand,
};

export { loginCommand, runLoginCommand };
