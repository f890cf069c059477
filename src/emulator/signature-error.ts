/**
 * An authentication failure on a SigV4-signed operation. AWS front ends answer these before the
 * service sees the request, in their own shape: the bare exception name in `x-amzn-ErrorType`
 * and a JSON body with `message` (not the OAuth `error` / `error_description` pair).
 */
type SignatureErrorName =
  | "MissingAuthenticationTokenException"
  | "IncompleteSignatureException"
  | "InvalidSignatureException"
  | "UnrecognizedClientException";

const SIGNATURE_ERROR_STATUS: Record<SignatureErrorName, number> = {
  MissingAuthenticationTokenException: 403,
  IncompleteSignatureException: 400,
  InvalidSignatureException: 403,
  UnrecognizedClientException: 403,
};

class SignatureError extends Error {
  override readonly name = "SignatureError";
  readonly type: SignatureErrorName;
  readonly status: number;

  constructor(type: SignatureErrorName, message: string) {
    super(message);
    this.type = type;
    this.status = SIGNATURE_ERROR_STATUS[type];
  }

  get body(): Record<string, string> {
    return { message: this.message };
  }
}

export { SignatureError };
export type { SignatureErrorName };
