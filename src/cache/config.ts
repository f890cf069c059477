import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { getProfileName, loadSharedConfigFiles, loadSsoSessionData } from "@smithy/core/config";
import { SsoConfigError } from "./errors";

interface SsoConfigOptions {
  /** Profile to read; default `AWS_PROFILE`, then "default". Ignored when `ssoSession` is set. */
  profile?: string;
  /** Read this `[sso-session name]` directly instead of going through a profile. */
  ssoSession?: string;
  /** Default `AWS_CONFIG_FILE`, then `<homeDir>/.aws/config`. */
  configFilepath?: string;
  /** Default `os.homedir()`. */
  homeDir?: string;
  /** Where `AWS_CONFIG_FILE` and `AWS_PROFILE` are read; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Where and how to log in, from the shared config file. */
interface SsoConfig {
  /** Undefined when resolved from `ssoSession`. */
  profileName: string | undefined;
  /** Undefined for legacy profiles (`sso_start_url` in the profile itself). */
  sessionName: string | undefined;
  startUrl: string;
  region: string;
  /** `sso_registration_scopes`, split on commas; undefined when not set. */
  registrationScopes: string[] | undefined;
  /** The token cache id: the session name, or the start URL for legacy profiles. */
  cacheId: string;
}

type Section = Record<string, string | undefined>;

/** True for a parseable URL with the https scheme, as a start URL must be. */
function isHttpsUrl(text: string): boolean {
  try {
    return new URL(text).protocol === "https:";
  } catch {
    return false;
  }
}

/** Scopes written as the AWS CLI reads `sso_registration_scopes`: comma-separated, blanks dropped. */
function splitScopes(value: string): string[] {
  return value
    .split(",")
    .map((scope) => scope.trim())
    .filter((scope) => scope !== "");
}

/** The AWS CLI splits `sso_registration_scopes` on commas and drops empty entries. */
function parseScopes(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const scopes = splitScopes(value);
  return scopes.length > 0 ? scopes : undefined;
}

function checkStartUrl(startUrl: string, where: string, configFilepath: string): void {
  if (!isHttpsUrl(startUrl)) {
    throw new SsoConfigError(
      "ERR_SSO_OIDC_INVALID_START_URL",
      `${where} has sso_start_url ${JSON.stringify(startUrl)}, which is not an https URL; use your AWS access portal URL, e.g. https://d-1234567890.awsapps.com/start.`,
      configFilepath,
    );
  }
}

/**
 * The shared config loader reads a file it cannot read (no permission, a folder) as an empty
 * one, which would report every profile as missing. Before a "not found" is reported, the file
 * is read once more to tell the two apart; a file that does not exist is "not found".
 */
async function checkConfigReadable(configFilepath: string): Promise<void> {
  try {
    await readFile(configFilepath);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === "ENOENT") return;
    // Node's message without the path it appends: `EACCES: permission denied`.
    const reason = message.split(",")[0];
    throw new SsoConfigError(
      "ERR_SSO_OIDC_CONFIG_UNREADABLE",
      `The config file ${configFilepath} cannot be read (${reason}); make it a file you can read, or point AWS_CONFIG_FILE at one.`,
      configFilepath,
    );
  }
}

/** A section is missing: thrown as `error` once the file is known to be readable. */
async function notFound(error: SsoConfigError): Promise<never> {
  await checkConfigReadable(error.configFilepath);
  throw error;
}

function fromSession(
  sessionName: string,
  session: Section,
  profileName: string | undefined,
  configFilepath: string,
): SsoConfig {
  const startUrl = session["sso_start_url"];
  const region = session["sso_region"];
  if (!startUrl || !region) {
    const missing = [!startUrl && "sso_start_url", !region && "sso_region"].filter(Boolean);
    throw new SsoConfigError(
      "ERR_SSO_OIDC_INCOMPLETE_SSO_SESSION",
      `[sso-session ${sessionName}] in ${configFilepath} has no ${missing.join(" and ")}; add ${missing.length > 1 ? "them" : "it"} to that section.`,
      configFilepath,
    );
  }
  checkStartUrl(startUrl, `[sso-session ${sessionName}]`, configFilepath);
  return {
    profileName,
    sessionName,
    startUrl,
    region,
    registrationScopes: parseScopes(session["sso_registration_scopes"]),
    cacheId: sessionName,
  };
}

/**
 * The login of a start URL with a region and nothing else, as a legacy profile has: no
 * sso-session, no registration scopes, its token cached under the start URL. The caller has
 * checked the start URL (`isHttpsUrl`).
 */
function ssoConfigForStartUrl(startUrl: string, region: string): SsoConfig {
  return {
    profileName: undefined,
    sessionName: undefined,
    startUrl,
    region,
    registrationScopes: undefined,
    cacheId: startUrl,
  };
}

/**
 * Reads an SSO login's settings the way the AWS CLI v2 and `@aws-sdk/token-providers` do:
 * `[profile x]` with `sso_session = name` and `[sso-session name]` with `sso_start_url`,
 * `sso_region` and optional `sso_registration_scopes`; or a legacy profile with `sso_start_url`
 * and `sso_region` of its own. Throws `SsoConfigError` naming the section and the fix, or the
 * file and the OS's reason when it cannot be read.
 */
async function resolveSsoConfig(options: SsoConfigOptions = {}): Promise<SsoConfig> {
  const env = options.env ?? process.env;
  const home = options.homeDir ?? homedir();
  const configFilepath =
    options.configFilepath || env["AWS_CONFIG_FILE"] || join(home, ".aws", "config");
  const filepath = env["AWS_SHARED_CREDENTIALS_FILE"] || join(home, ".aws", "credentials");
  // ignoreCache re-reads the file (a login may have just changed it); loadSsoSessionData then
  // reuses that fresh read from the loader's per-path cache.
  const { configFile } = await loadSharedConfigFiles({
    configFilepath,
    filepath,
    ignoreCache: true,
  });
  const sessions = await loadSsoSessionData({ configFilepath });

  if (options.ssoSession !== undefined) {
    const session = sessions[options.ssoSession];
    if (!session) {
      return notFound(
        new SsoConfigError(
          "ERR_SSO_OIDC_SSO_SESSION_NOT_FOUND",
          `${configFilepath} has no [sso-session ${options.ssoSession}] section; add one with sso_start_url and sso_region.`,
          configFilepath,
        ),
      );
    }
    return fromSession(options.ssoSession, session, undefined, configFilepath);
  }

  const profileName = getProfileName({ profile: options.profile ?? env["AWS_PROFILE"] });
  const profile = configFile[profileName];
  if (!profile) {
    return notFound(
      new SsoConfigError(
        "ERR_SSO_OIDC_PROFILE_NOT_FOUND",
        `The profile ${JSON.stringify(profileName)} is not in ${configFilepath}; add a [profile ${profileName}] section or choose another profile with --profile or AWS_PROFILE.`,
        configFilepath,
      ),
    );
  }
  const sessionName = profile["sso_session"];
  if (sessionName) {
    const session = sessions[sessionName];
    if (!session) {
      throw new SsoConfigError(
        "ERR_SSO_OIDC_SSO_SESSION_NOT_FOUND",
        `The profile ${JSON.stringify(profileName)} uses sso_session ${JSON.stringify(sessionName)}, but ${configFilepath} has no [sso-session ${sessionName}] section; add one with sso_start_url and sso_region.`,
        configFilepath,
      );
    }
    const config = fromSession(sessionName, session, profileName, configFilepath);
    // The AWS CLI refuses a profile that repeats the session's settings with other values.
    for (const [key, value] of [
      ["sso_start_url", config.startUrl],
      ["sso_region", config.region],
    ] as const) {
      if (profile[key] !== undefined && profile[key] !== value) {
        throw new SsoConfigError(
          "ERR_SSO_OIDC_CONFLICTING_SSO_CONFIG",
          `The profile ${JSON.stringify(profileName)} sets ${key} = ${profile[key]}, but its sso-session ${JSON.stringify(sessionName)} sets ${value}; remove ${key} from the profile.`,
          configFilepath,
        );
      }
    }
    return config;
  }

  const startUrl = profile["sso_start_url"];
  const region = profile["sso_region"];
  if (!startUrl || !region) {
    throw new SsoConfigError(
      "ERR_SSO_OIDC_PROFILE_NOT_SSO",
      `The profile ${JSON.stringify(profileName)} in ${configFilepath} has no SSO settings; add sso_session = <name> with an [sso-session <name>] section (sso_start_url, sso_region), or sso_start_url and sso_region.`,
      configFilepath,
    );
  }
  checkStartUrl(startUrl, `The profile ${JSON.stringify(profileName)}`, configFilepath);
  return { ...ssoConfigForStartUrl(startUrl, region), profileName };
}

export { isHttpsUrl, resolveSsoConfig, splitScopes, ssoConfigForStartUrl };
export type { SsoConfig, SsoConfigOptions };
