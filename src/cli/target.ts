import { isHttpsUrl, resolveSsoConfig, ssoConfigForStartUrl } from "../cache/config";
import { UsageError } from "./cli-command";
import type { SsoConfig } from "../cache/config";

/*
 * The login a session command works on (`--profile`, `--sso-session` or `--start-url`).
 */

/** The options every session command takes to name the login it works on. */
const TARGET_OPTIONS = {
  profile: { type: "string" },
  "sso-session": { type: "string" },
  "start-url": { type: "string" },
  region: { type: "string" },
} as const;

interface TargetValues {
  profile?: string | undefined;
  "sso-session"?: string | undefined;
  "start-url"?: string | undefined;
  region?: string | undefined;
}

const TARGET_HELP = `  --profile NAME        A profile in the config file (default: AWS_PROFILE, then "default")
  --sso-session NAME    An [sso-session NAME] section, without going through a profile
  --start-url URL       An AWS access portal URL, without a config file (needs --region)
  --region REGION       The IAM Identity Center region of --start-url`;

function checkNotEmpty(values: TargetValues): void {
  for (const name of ["profile", "sso-session", "start-url", "region"] as const) {
    if (values[name] !== undefined && values[name]!.trim() === "") {
      throw new UsageError("INVALID_OPTION_VALUE", `--${name} needs a value.`);
    }
  }
}

function checkStartUrl(startUrl: string): void {
  if (!isHttpsUrl(startUrl)) {
    throw new UsageError(
      "INVALID_START_URL",
      `--start-url must be an https URL, your AWS access portal URL such as https://d-1234567890.awsapps.com/start; got '${startUrl}'.`,
    );
  }
}

/**
 * The login a command works on: `--start-url` with `--region` as given, else the profile or
 * sso-session from the shared config file, read as the AWS CLI reads it (`AWS_CONFIG_FILE`,
 * `AWS_PROFILE`). Throws UsageError for contradictory flags, SsoConfigError for the file.
 */
async function resolveTarget(values: TargetValues): Promise<SsoConfig> {
  checkNotEmpty(values);
  const given = (["profile", "sso-session", "start-url"] as const).filter(
    (name) => values[name] !== undefined,
  );
  if (given.length > 1) {
    throw new UsageError(
      "CONFLICTING_OPTIONS",
      `Use only one of --profile, --sso-session and --start-url, not ${given.map((name) => `--${name}`).join(" and ")}.`,
    );
  }
  const startUrl = values["start-url"];
  if (startUrl === undefined) {
    if (values.region !== undefined) {
      throw new UsageError(
        "CONFLICTING_OPTIONS",
        "--region goes with --start-url only; a profile's or sso-session's region is its sso_region.",
      );
    }
    return resolveSsoConfig({ profile: values.profile, ssoSession: values["sso-session"] });
  }
  checkStartUrl(startUrl);
  if (values.region === undefined) {
    throw new UsageError(
      "MISSING_OPTION",
      "--start-url needs --region REGION, the IAM Identity Center region such as us-east-1.",
    );
  }
  return ssoConfigForStartUrl(startUrl, values.region);
}

/** `profile "dev" (sso-session "corp")`, `sso-session "corp"`, or the start URL. */
function describeTarget(config: SsoConfig): string {
  if (config.profileName !== undefined) {
    return config.sessionName !== undefined
      ? `profile "${config.profileName}" (sso-session "${config.sessionName}")`
      : `profile "${config.profileName}"`;
  }
  return config.sessionName !== undefined
    ? `sso-session "${config.sessionName}"`
    : `start URL ${config.startUrl}`;
}

export { describeTarget, resolveTarget, TARGET_HELP, TARGET_OPTIONS };
export type { TargetValues };
