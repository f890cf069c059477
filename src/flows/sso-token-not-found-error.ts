/** No usable token is cached for the profile or sso-session. */
class SsoTokenNotFoundError extends Error {
  override readonly name = "SsoTokenNotFoundError";
  readonly code = "ERR_SSO_OIDC_TOKEN_NOT_FOUND";
  readonly tokenPath: string;

  constructor(subject: string, loginCommand: string, tokenPath: string) {
    super(`No SSO token is cached for ${subject} (${tokenPath}); run \`${loginCommand}\`.`);
    this.tokenPath = tokenPath;
  }
}

export { SsoTokenNotFoundError };
