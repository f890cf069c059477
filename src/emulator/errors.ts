/**
 * The service's errors as it answers them (seen in AWS CLI debug logs): the model's exception
 * name, the HTTP status, and the OAuth `error` code the service puts in the body next to
 * `error_description` (RFC 6749 §5.2 for the OAuth codes).
 */
const SERVICE_ERRORS = {
  AccessDeniedException: { status: 400, error: "access_denied" },
  AuthorizationPendingException: { status: 400, error: "authorization_pending" },
  ExpiredTokenException: { status: 400, error: "expired_token" },
  InternalServerException: { status: 500, error: "server_error" },
  InvalidClientException: { status: 401, error: "invalid_client" },
  InvalidClientMetadataException: { status: 400, error: "invalid_client_metadata" },
  InvalidGrantException: { status: 400, error: "invalid_grant" },
  InvalidRedirectUriException: { status: 400, error: "invalid_redirect_uri" },
  InvalidRequestException: { status: 400, error: "invalid_request" },
  InvalidRequestRegionException: { status: 400, error: "invalid_request" },
  InvalidScopeException: { status: 400, error: "invalid_scope" },
  SlowDownException: { status: 400, error: "slow_down" },
  UnauthorizedClientException: { status: 400, error: "unauthorized_client" },
  UnsupportedGrantTypeException: { status: 400, error: "unsupported_grant_type" },
} as const satisfies Record<string, { status: number; error: string }>;

type ServiceErrorName = keyof typeof SERVICE_ERRORS;

/** Members some exceptions carry besides `error` and `error_description` (see the model). */
interface ServiceErrorExtras {
  reason?: string;
  endpoint?: string;
  region?: string;
}

/** The namespace the service appends to the type in `x-amzn-ErrorType`. */
const ERROR_TYPE_NAMESPACE = "http://internal.amazon.com/coral/com.amazonaws.sso.oidc/";

/** A modelled service error, rendered as the service renders it. */
class ServiceError extends Error {
  override readonly name = "ServiceError";
  readonly type: ServiceErrorName;
  readonly status: number;
  readonly extras: ServiceErrorExtras;

  /** `status` is overridden only for transport-level failures (404, 405, 413, 415). */
  constructor(
    type: ServiceErrorName,
    description: string,
    options: { status?: number; extras?: ServiceErrorExtras } = {},
  ) {
    super(description);
    this.type = type;
    this.status = options.status ?? SERVICE_ERRORS[type].status;
    this.extras = options.extras ?? {};
  }

  get errorTypeHeader(): string {
    return `${this.type}:${ERROR_TYPE_NAMESPACE}`;
  }

  get body(): Record<string, string> {
    return {
      error: SERVICE_ERRORS[this.type].error,
      error_description: this.message,
      ...this.extras,
    };
  }
}

function isServiceErrorName(value: unknown): value is ServiceErrorName {
  return typeof value === "string" && Object.hasOwn(SERVICE_ERRORS, value);
}

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

/**
 * The access portal's errors (the `sso` service's model): HTTP status per exception, and a body
 * with a single `message` member, as the model's error shapes declare; the portal has no OAuth
 * `error` code. The type goes in `x-amzn-ErrorType` as the bare exception name, which every
 * restJson1 client resolves the same way with or without a namespace suffix.
 */
const PORTAL_ERROR_STATUS = {
  InvalidRequestException: 400,
  UnauthorizedException: 401,
  ResourceNotFoundException: 404,
  TooManyRequestsException: 429,
} as const satisfies Record<string, number>;

type PortalErrorName = keyof typeof PORTAL_ERROR_STATUS;

class PortalError extends Error {
  override readonly name = "PortalError";
  readonly type: PortalErrorName;
  readonly status: number;

  /** `status` is overridden only for a transport-level failure (405). */
  constructor(type: PortalErrorName, message: string, options: { status?: number } = {}) {
    super(message);
    this.type = type;
    this.status = options.status ?? PORTAL_ERROR_STATUS[type];
  }

  get body(): Record<string, string> {
    return { message: this.message };
  }
}

function isPortalErrorName(value: unknown): value is PortalErrorName {
  return typeof value === "string" && Object.hasOwn(PORTAL_ERROR_STATUS, value);
}

export { ServiceError, SignatureError, PortalError, isServiceErrorName, isPortalErrorName };
export type { ServiceErrorName, PortalErrorName };
