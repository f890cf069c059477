/**
 * The AWS accounts and roles the emulator's one user is assigned, as the access portal lists
 * them: their shape, the default set, and the check every `accounts` option goes through (the
 * same check a JSON file of accounts needs, so it is exported for that).
 */

/** One AWS account assigned to the user, and the roles (permission sets) they may take in it. */
interface EmulatorAccount {
  /** 12 digits, like every AWS account id. */
  accountId: string;
  accountName: string;
  /** The account's email address; ListAccounts leaves it out when absent. */
  emailAddress?: string;
  /** Role names, at least one, in the order ListAccountRoles pages them. */
  roles: string[];
}

/** Two accounts with two roles each: enough for `max_result: 1` to show paging on both lists. */
const DEFAULT_ACCOUNTS: readonly EmulatorAccount[] = [
  {
    accountId: "111111111111",
    accountName: "Development",
    emailAddress: "aws-dev@example.com",
    roles: ["AdministratorAccess", "ReadOnlyAccess"],
  },
  {
    accountId: "222222222222",
    accountName: "Production",
    emailAddress: "aws-prod@example.com",
    roles: ["ReadOnlyAccess", "ViewOnlyAccess"],
  },
];

const ACCOUNT_ID = /^\d{12}$/;
/** IAM Identity Center permission set names: 1–32 of letters, digits and `+=,.@-_`. */
const ROLE_NAME = /^[\w+=,.@-]{1,32}$/;
/** The portal model's bounds for `AccountInfo.emailAddress`. */
const MAX_EMAIL_LENGTH = 254;
const MEMBERS = new Set(["accountId", "accountName", "emailAddress", "roles"]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseAccount(value: unknown, where: string): EmulatorAccount {
  if (!isRecord(value)) throw new TypeError(`${where} must be an object`);
  const unknownMember = Object.keys(value).find((key) => !MEMBERS.has(key));
  if (unknownMember !== undefined) {
    throw new TypeError(`${where} has an unknown member ${JSON.stringify(unknownMember)}`);
  }
  const { accountId, accountName, emailAddress, roles } = value;
  if (typeof accountId !== "string" || !ACCOUNT_ID.test(accountId)) {
    throw new TypeError(`${where}.accountId must be 12 digits, got ${JSON.stringify(accountId)}`);
  }
  if (typeof accountName !== "string" || accountName === "") {
    throw new TypeError(`${where}.accountName must be a non-empty string`);
  }
  if (
    emailAddress !== undefined &&
    (typeof emailAddress !== "string" ||
      emailAddress === "" ||
      emailAddress.length > MAX_EMAIL_LENGTH)
  ) {
    throw new TypeError(`${where}.emailAddress must be a string of 1 to 254 characters`);
  }
  if (!Array.isArray(roles) || roles.length === 0) {
    throw new TypeError(`${where}.roles must be a non-empty list of role names`);
  }
  roles.forEach((role: unknown, i) => {
    if (typeof role !== "string" || !ROLE_NAME.test(role)) {
      throw new TypeError(
        `${where}.roles[${i}] must be 1 to 32 of A-Z a-z 0-9 +=,.@-_, got ${JSON.stringify(role)}`,
      );
    }
    if (roles.indexOf(role) !== i) {
      throw new TypeError(`${where}.roles[${i}] repeats ${JSON.stringify(role)}`);
    }
  });
  return {
    accountId,
    accountName,
    ...(emailAddress === undefined ? {} : { emailAddress }),
    roles: [...(roles as string[])],
  };
}

/**
 * Checks a list of accounts (an `accounts` option, or the parsed JSON of an accounts file) and
 * returns a copy the caller can no longer change. Throws a TypeError naming the first wrong
 * member, prefixed with `source` (e.g. `accounts.json`).
 */
function parseEmulatorAccounts(value: unknown, source = "accounts"): EmulatorAccount[] {
  if (!Array.isArray(value)) throw new TypeError(`${source} must be a list of accounts`);
  const accounts = value.map((account: unknown, i) => parseAccount(account, `${source}[${i}]`));
  accounts.forEach(({ accountId }, i) => {
    if (accounts.findIndex((account) => account.accountId === accountId) !== i) {
      throw new TypeError(`${source}[${i}].accountId repeats ${accountId}`);
    }
  });
  return accounts;
}

export { DEFAULT_ACCOUNTS, parseEmulatorAccounts };
export type { EmulatorAccount };
