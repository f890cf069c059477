import { readdir, readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { loadSharedConfigFiles } from "@smithy/core/config";
import { roleCredentialsCacheKey } from "../cache/keys";
import type { SsoConfig } from "../index";

/*
 * The role credentials the AWS CLI caches in `~/.aws/cli/cache`, one JSON file each. Those it
 * got from the access portal with an SSO token say `"ProviderType": "sso"`; `aws sso logout`
 * removes exactly those, and so does `sso-oidc logout`. Other files there (assume-role
 * credentials, for instance) are not a sign-in's and are left alone.
 */

/** The AWS CLI's `~/.aws/cli/cache`. */
function roleCredentialsDirectory(home: string = homedir()): string {
  return join(home, ".aws", "cli", "cache");
}

/** A file in that folder that the AWS CLI wrote for SSO role credentials. */
async function isSsoRoleCredentialsFile(path: string): Promise<boolean> {
  try {
    const json = JSON.parse(await readFile(path, "utf8")) as { ProviderType?: unknown } | null;
    return typeof json === "object" && json !== null && json.ProviderType === "sso";
  } catch {
    return false;
  }
}

/** Every SSO role credentials file in the folder, sorted by name; none when it does not exist. */
async function listSsoRoleCredentialFiles(home?: string): Promise<string[]> {
  const directory = roleCredentialsDirectory(home);
  let names: string[];
  try {
    names = (await readdir(directory)).filter((name) => name.endsWith(".json")).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    return [];
  }
  const paths = names.map((name) => join(directory, name));
  const isSso = await Promise.all(paths.map(isSsoRoleCredentialsFile));
  return paths.filter((_, i) => isSso[i]);
}

/** Sections of the loaded config file that are not profiles (`[sso-session x]`, `[services x]`). */
const NON_PROFILE_PREFIXES = ["sso-session.", "services."];

/**
 * The SSO role credentials files of one login: for each profile in the config file that signs
 * in through it (its sso-session, or for a legacy login its start URL) and names an account and
 * a role, the file the AWS CLI caches that profile's credentials in; only those that exist.
 * The config file is the one the AWS CLI reads (`AWS_CONFIG_FILE`, else `~/.aws/config`).
 */
async function loginRoleCredentialFiles(config: SsoConfig, home?: string): Promise<string[]> {
  const { configFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const directory = roleCredentialsDirectory(home);
  const paths = new Set<string>();
  for (const [name, profile] of Object.entries(configFile)) {
    if (NON_PROFILE_PREFIXES.some((prefix) => name.startsWith(prefix))) continue;
    const accountId = profile["sso_account_id"];
    const roleName = profile["sso_role_name"];
    if (!accountId || !roleName) continue;
    const session = profile["sso_session"];
    const sameLogin =
      config.sessionName !== undefined
        ? session === config.sessionName
        : !session && profile["sso_start_url"] === config.startUrl;
    if (!sameLogin) continue;
    const key = roleCredentialsCacheKey({
      accountId,
      roleName,
      sessionName: config.sessionName,
      startUrl: config.startUrl,
    });
    paths.add(join(directory, `${key}.json`));
  }
  const candidates = [...paths].sort();
  const isSso = await Promise.all(candidates.map(isSsoRoleCredentialsFile));
  return candidates.filter((_, i) => isSso[i]);
}

export { listSsoRoleCredentialFiles, loginRoleCredentialFiles, roleCredentialsDirectory };
