export {
  __Client,
  $Command,
  AccessDeniedException,
  AccessDeniedExceptionReason,
  AuthorizationPendingException,
  CreateTokenCommand,
  CreateTokenRequestFilterSensitiveLog,
  CreateTokenResponseFilterSensitiveLog,
  CreateTokenWithIAMCommand,
  CreateTokenWithIAMRequestFilterSensitiveLog,
  CreateTokenWithIAMResponseFilterSensitiveLog,
  ExpiredTokenException,
  InternalServerException,
  InvalidClientException,
  InvalidClientMetadataException,
  InvalidGrantException,
  InvalidRedirectUriException,
  InvalidRequestException,
  InvalidRequestExceptionReason,
  InvalidRequestRegionException,
  InvalidScopeException,
  RegisterClientCommand,
  RegisterClientResponseFilterSensitiveLog,
  SlowDownException,
  SSOOIDC,
  SSOOIDCClient,
  SSOOIDCServiceException,
  StartDeviceAuthorizationCommand,
  StartDeviceAuthorizationRequestFilterSensitiveLog,
  UnauthorizedClientException,
  UnsupportedGrantTypeException,
} from "./client/index";
export type {
  AwsAdditionalDetails,
  ClientInputEndpointParameters,
  CreateTokenCommandInput,
  CreateTokenCommandOutput,
  CreateTokenRequest,
  CreateTokenResponse,
  CreateTokenWithIAMCommandInput,
  CreateTokenWithIAMCommandOutput,
  CreateTokenWithIAMRequest,
  CreateTokenWithIAMResponse,
  RegisterClientCommandInput,
  RegisterClientCommandOutput,
  RegisterClientRequest,
  RegisterClientResponse,
  ServiceInputTypes,
  ServiceOutputTypes,
  SSOOIDCClientConfig,
  SSOOIDCClientResolvedConfig,
  SSOOIDCRequestOptions,
  StartDeviceAuthorizationCommandInput,
  StartDeviceAuthorizationCommandOutput,
  StartDeviceAuthorizationRequest,
  StartDeviceAuthorizationResponse,
} from "./client/index";
export {
  CredentialsUnavailableError,
  InvalidInputError,
  InvalidRegionError,
  MissingRegionError,
  ResponseParseError,
  ResponseTooLargeError,
} from "./runtime/errors";
export {
  createSsoCache,
  createSsoTokenProvider,
  loginWithDeviceCode,
  loginWithPkce,
  openUrl,
  registrationCacheKey,
  resolveSsoConfig,
  tokenCacheKey,
} from "./node-only";
export { refreshSsoToken } from "./flows/refresh";
export {
  AuthorizationRedirectError,
  LoginDeniedError,
  LoginExpiredError,
  LoginTimeoutError,
  SsoTokenExpiredError,
  SsoTokenNotFoundError,
  StateMismatchError,
  TokenRefreshError,
  UnexpectedResponseError,
  UnsafeUrlError,
} from "./flows/errors";
export { SsoCacheError, SsoConfigError } from "./cache/errors";
export type { DeviceVerification, LoginWithDeviceCodeOptions } from "./flows/device-code";
export type { AuthorizationUrlEvent, LoginWithPkceOptions } from "./flows/pkce";
export type { RefreshSsoTokenOptions } from "./flows/refresh";
export type { SsoTokenIdentity, SsoTokenProvider } from "./flows/cached-token";
export type { SsoTokenProviderOptions } from "./flows/token-provider";
export type { Clock, Sleep } from "./flows/platform";
export type {
  CacheWarn,
  ClientRegistration,
  RegistrationCacheKey,
  ReleaseLock,
  SsoCache,
  SsoCacheOptions,
  SsoToken,
} from "./cache/sso-cache";
export type { SsoCacheErrorCode, SsoConfigErrorCode } from "./cache/errors";
export type { SsoConfig, SsoConfigOptions } from "./cache/config";
