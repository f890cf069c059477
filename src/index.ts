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
export { refreshSsoToken } from "./flows/refresh-sso-token";
export { LoginExpiredError } from "./flows/login-expired-error";
export { LoginDeniedError } from "./flows/login-denied-error";
export { LoginTimeoutError } from "./flows/login-timeout-error";
export { StateMismatchError } from "./flows/state-mismatch-error";
export { AuthorizationRedirectError } from "./flows/authorization-redirect-error";
export { TokenRefreshError } from "./flows/token-refresh-error";
export { SsoTokenNotFoundError } from "./flows/sso-token-not-found-error";
export { SsoTokenExpiredError } from "./flows/sso-token-expired-error";
export { UnexpectedResponseError } from "./flows/unexpected-response-error";
export { SsoConfigError } from "./cache/sso-config-error";
export type {
  LoginWithDeviceCodeOptions,
  DeviceVerification,
} from "./flows/login-with-device-code";
export type { LoginWithPkceOptions, AuthorizationUrlEvent } from "./flows/login-with-pkce";
export type { RefreshSsoTokenOptions } from "./flows/refresh-sso-token";
export type {
  SsoTokenProviderOptions,
  SsoTokenProvider,
  SsoTokenIdentity,
} from "./flows/create-sso-token-provider";
export type { Clock, Sleep } from "./flows/flow-types";
export type {
  SsoToken,
  ClientRegistration,
  RegistrationCacheKey,
  SsoCache,
  CacheWarn,
} from "./cache/sso-cache-types";
export type { SsoCacheOptions } from "./cache/create-sso-cache";
export type { SsoConfig, SsoConfigOptions } from "./cache/resolve-sso-config";
export type { SsoConfigErrorCode } from "./cache/sso-config-error";
