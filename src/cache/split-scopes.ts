/** Scopes written as the AWS CLI reads `sso_registration_scopes`: comma-separated, blanks dropped. */
function splitScopes(value: string): string[] {
  return value
    .split(",")
    .map((scope) => scope.trim())
    .filter((scope) => scope !== "");
}

export { splitScopes };
