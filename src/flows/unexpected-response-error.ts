/** A successful response lacked a member the flow cannot go on without. */
class UnexpectedResponseError extends Error {
  override readonly name = "UnexpectedResponseError";
  readonly code = "ERR_SSO_OIDC_UNEXPECTED_RESPONSE";
  readonly operation: string;
  readonly member: string;

  constructor(operation: string, member: string) {
    super(
      `${operation} succeeded but its response has no valid ${member}; the service or a proxy in between sent an incomplete answer. Try again; if it persists, check the endpoint.`,
    );
    this.operation = operation;
    this.member = member;
  }
}

export { UnexpectedResponseError };
