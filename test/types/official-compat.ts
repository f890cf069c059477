/*
 * Type-level conformance with @aws-sdk/client-sso-oidc, checked by
 * `npm run typecheck` (tsc over test/). Each `Assert<...>` fails compilation
 * when our type and the official one are not assignable both ways.
 */
import type * as Official from "@aws-sdk/client-sso-oidc";
import {
  AccessDeniedExceptionReason,
  CreateTokenCommand,
  CreateTokenWithIAMCommand,
  InvalidRequestExceptionReason,
  RegisterClientCommand,
  SSOOIDC,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from "../../src/index";
import type * as Ours from "../../src/index";

type Assert<T extends true> = T;
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Exact equality, stricter than mutual assignability (optional vs required, readonly). */
type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

// Command inputs and outputs.
type _RegisterClientInput = Assert<
  Mutual<Ours.RegisterClientCommandInput, Official.RegisterClientCommandInput>
>;
type _RegisterClientOutput = Assert<
  Mutual<Ours.RegisterClientCommandOutput, Official.RegisterClientCommandOutput>
>;
type _StartDeviceAuthorizationInput = Assert<
  Mutual<Ours.StartDeviceAuthorizationCommandInput, Official.StartDeviceAuthorizationCommandInput>
>;
type _StartDeviceAuthorizationOutput = Assert<
  Mutual<Ours.StartDeviceAuthorizationCommandOutput, Official.StartDeviceAuthorizationCommandOutput>
>;
type _CreateTokenInput = Assert<
  Mutual<Ours.CreateTokenCommandInput, Official.CreateTokenCommandInput>
>;
type _CreateTokenOutput = Assert<
  Mutual<Ours.CreateTokenCommandOutput, Official.CreateTokenCommandOutput>
>;
type _CreateTokenWithIAMInput = Assert<
  Mutual<Ours.CreateTokenWithIAMCommandInput, Official.CreateTokenWithIAMCommandInput>
>;
type _CreateTokenWithIAMOutput = Assert<
  Mutual<Ours.CreateTokenWithIAMCommandOutput, Official.CreateTokenWithIAMCommandOutput>
>;

// Mutual assignability is weak for outputs whose members are all optional
// (CreateTokenCommandOutput and CreateTokenWithIAMCommandOutput are mutually
// assignable), so the command types are also checked for exact equality.
type _RegisterClientInputEqual = Assert<
  Equal<Ours.RegisterClientCommandInput, Official.RegisterClientCommandInput>
>;
type _RegisterClientOutputEqual = Assert<
  Equal<Ours.RegisterClientCommandOutput, Official.RegisterClientCommandOutput>
>;
type _StartDeviceAuthorizationInputEqual = Assert<
  Equal<Ours.StartDeviceAuthorizationCommandInput, Official.StartDeviceAuthorizationCommandInput>
>;
type _StartDeviceAuthorizationOutputEqual = Assert<
  Equal<Ours.StartDeviceAuthorizationCommandOutput, Official.StartDeviceAuthorizationCommandOutput>
>;
type _CreateTokenInputEqual = Assert<
  Equal<Ours.CreateTokenCommandInput, Official.CreateTokenCommandInput>
>;
type _CreateTokenOutputEqual = Assert<
  Equal<Ours.CreateTokenCommandOutput, Official.CreateTokenCommandOutput>
>;
type _CreateTokenWithIAMInputEqual = Assert<
  Equal<Ours.CreateTokenWithIAMCommandInput, Official.CreateTokenWithIAMCommandInput>
>;
type _CreateTokenWithIAMOutputEqual = Assert<
  Equal<Ours.CreateTokenWithIAMCommandOutput, Official.CreateTokenWithIAMCommandOutput>
>;

// The same shapes member for member: required stays required, optional stays optional.
type _RegisterClientRequestEqual = Assert<
  Equal<Ours.RegisterClientRequest, Official.RegisterClientRequest>
>;
type _RegisterClientResponseEqual = Assert<
  Equal<Ours.RegisterClientResponse, Official.RegisterClientResponse>
>;
type _StartDeviceAuthorizationRequestEqual = Assert<
  Equal<Ours.StartDeviceAuthorizationRequest, Official.StartDeviceAuthorizationRequest>
>;
type _StartDeviceAuthorizationResponseEqual = Assert<
  Equal<Ours.StartDeviceAuthorizationResponse, Official.StartDeviceAuthorizationResponse>
>;
type _CreateTokenRequestEqual = Assert<Equal<Ours.CreateTokenRequest, Official.CreateTokenRequest>>;
type _CreateTokenResponseEqual = Assert<
  Equal<Ours.CreateTokenResponse, Official.CreateTokenResponse>
>;
type _CreateTokenWithIAMRequestEqual = Assert<
  Equal<Ours.CreateTokenWithIAMRequest, Official.CreateTokenWithIAMRequest>
>;
type _CreateTokenWithIAMResponseEqual = Assert<
  Equal<Ours.CreateTokenWithIAMResponse, Official.CreateTokenWithIAMResponse>
>;
type _AwsAdditionalDetailsEqual = Assert<
  Equal<Ours.AwsAdditionalDetails, Official.AwsAdditionalDetails>
>;

// Unions of every input and output.
type _ServiceInputTypes = Assert<Mutual<Ours.ServiceInputTypes, Official.ServiceInputTypes>>;
type _ServiceOutputTypes = Assert<Mutual<Ours.ServiceOutputTypes, Official.ServiceOutputTypes>>;

// Enum value objects and their union types.
type _AccessDeniedExceptionReasonObject = Assert<
  Equal<typeof AccessDeniedExceptionReason, typeof Official.AccessDeniedExceptionReason>
>;
type _AccessDeniedExceptionReasonUnion = Assert<
  Equal<Ours.AccessDeniedExceptionReason, Official.AccessDeniedExceptionReason>
>;
type _InvalidRequestExceptionReasonObject = Assert<
  Equal<typeof InvalidRequestExceptionReason, typeof Official.InvalidRequestExceptionReason>
>;
type _InvalidRequestExceptionReasonUnion = Assert<
  Equal<Ours.InvalidRequestExceptionReason, Official.InvalidRequestExceptionReason>
>;
type _AccessDeniedExceptionReasonValues = Assert<
  Equal<Ours.AccessDeniedExceptionReason, "KMS_AccessDeniedException">
>;
type _InvalidRequestExceptionReasonValues = Assert<
  Equal<
    Ours.InvalidRequestExceptionReason,
    | "KMS_DisabledException"
    | "KMS_InvalidKeyUsageException"
    | "KMS_InvalidStateException"
    | "KMS_NotFoundException"
  >
>;

// Exceptions: what a `catch` reads from ours is what it read from the official one.
type Modeled<E> = Pick<
  E,
  Extract<
    keyof E,
    "name" | "$fault" | "error" | "error_description" | "reason" | "endpoint" | "region"
  >
>;
type _AccessDeniedException = Assert<
  Equal<Modeled<Ours.AccessDeniedException>, Modeled<Official.AccessDeniedException>>
>;
type _AuthorizationPendingException = Assert<
  Equal<
    Modeled<Ours.AuthorizationPendingException>,
    Modeled<Official.AuthorizationPendingException>
  >
>;
type _ExpiredTokenException = Assert<
  Equal<Modeled<Ours.ExpiredTokenException>, Modeled<Official.ExpiredTokenException>>
>;
type _InternalServerException = Assert<
  Equal<Modeled<Ours.InternalServerException>, Modeled<Official.InternalServerException>>
>;
type _InvalidClientException = Assert<
  Equal<Modeled<Ours.InvalidClientException>, Modeled<Official.InvalidClientException>>
>;
type _InvalidClientMetadataException = Assert<
  Equal<
    Modeled<Ours.InvalidClientMetadataException>,
    Modeled<Official.InvalidClientMetadataException>
  >
>;
type _InvalidGrantException = Assert<
  Equal<Modeled<Ours.InvalidGrantException>, Modeled<Official.InvalidGrantException>>
>;
type _InvalidRedirectUriException = Assert<
  Equal<Modeled<Ours.InvalidRedirectUriException>, Modeled<Official.InvalidRedirectUriException>>
>;
type _InvalidRequestException = Assert<
  Equal<Modeled<Ours.InvalidRequestException>, Modeled<Official.InvalidRequestException>>
>;
type _InvalidRequestRegionException = Assert<
  Equal<
    Modeled<Ours.InvalidRequestRegionException>,
    Modeled<Official.InvalidRequestRegionException>
  >
>;
type _InvalidScopeException = Assert<
  Equal<Modeled<Ours.InvalidScopeException>, Modeled<Official.InvalidScopeException>>
>;
type _SlowDownException = Assert<
  Equal<Modeled<Ours.SlowDownException>, Modeled<Official.SlowDownException>>
>;
type _UnauthorizedClientException = Assert<
  Equal<Modeled<Ours.UnauthorizedClientException>, Modeled<Official.UnauthorizedClientException>>
>;
type _UnsupportedGrantTypeException = Assert<
  Equal<
    Modeled<Ours.UnsupportedGrantTypeException>,
    Modeled<Official.UnsupportedGrantTypeException>
  >
>;

// The client's configuration, as given and as resolved: a config typed for one package is
// accepted by the other, and `client.config` reads the same members.
type _ClientConfig = Assert<Mutual<Ours.SSOOIDCClientConfig, Official.SSOOIDCClientConfig>>;
type _ClientResolvedConfig = Assert<
  Mutual<Ours.SSOOIDCClientResolvedConfig, Official.SSOOIDCClientResolvedConfig>
>;
type _ClientConfigOfConstructor = Assert<
  Mutual<
    ConstructorParameters<typeof SSOOIDCClient>,
    ConstructorParameters<typeof Official.SSOOIDCClient>
  >
>;

/** What credential plugins do with a client's config, as typed for the official client. */
async function pluginUsesConfig(client: SSOOIDCClient): Promise<string> {
  client.config.customUserAgent?.push(["p/plugin", "1.0.0"]);
  const official: Official.SSOOIDCClientResolvedConfig = client.config;
  const identity = await official.credentials();
  const appId = await client.config.userAgentAppId();
  return `${identity.accessKeyId} ${appId ?? ""} ${await client.config.region()}`;
}

// Values typed with the official package flow into ours and back.
async function sendOfficialInputs(
  client: SSOOIDCClient,
  register: Official.RegisterClientCommandInput,
  start: Official.StartDeviceAuthorizationCommandInput,
  token: Official.CreateTokenCommandInput,
  iam: Official.CreateTokenWithIAMCommandInput,
): Promise<
  [
    Official.RegisterClientCommandOutput,
    Official.StartDeviceAuthorizationCommandOutput,
    Official.CreateTokenCommandOutput,
    Official.CreateTokenWithIAMCommandOutput,
  ]
> {
  return [
    await client.send(new RegisterClientCommand(register)),
    await client.send(new StartDeviceAuthorizationCommand(start)),
    await client.send(new CreateTokenCommand(token)),
    await client.send(new CreateTokenWithIAMCommand(iam)),
  ];
}

function createTokenFromOfficialInput(input: Official.CreateTokenCommandInput): CreateTokenCommand {
  return new CreateTokenCommand(input);
}

function aggregatedClientAcceptsOfficialInput(
  client: SSOOIDC,
  input: Official.CreateTokenCommandInput,
): Promise<Official.CreateTokenCommandOutput> {
  return client.createToken(input);
}

// The input a command keeps is the one it was given, under the official type.
function commandInputIsOfficial(command: CreateTokenCommand): Official.CreateTokenCommandInput {
  return command.input;
}

export {
  pluginUsesConfig,
  sendOfficialInputs,
  createTokenFromOfficialInput,
  aggregatedClientAcceptsOfficialInput,
  commandInputIsOfficial,
};
export type {
  _RegisterClientInput,
  _RegisterClientOutput,
  _StartDeviceAuthorizationInput,
  _StartDeviceAuthorizationOutput,
  _CreateTokenInput,
  _CreateTokenOutput,
  _CreateTokenWithIAMInput,
  _CreateTokenWithIAMOutput,
  _RegisterClientInputEqual,
  _RegisterClientOutputEqual,
  _StartDeviceAuthorizationInputEqual,
  _StartDeviceAuthorizationOutputEqual,
  _CreateTokenInputEqual,
  _CreateTokenOutputEqual,
  _CreateTokenWithIAMInputEqual,
  _CreateTokenWithIAMOutputEqual,
  _RegisterClientRequestEqual,
  _RegisterClientResponseEqual,
  _StartDeviceAuthorizationRequestEqual,
  _StartDeviceAuthorizationResponseEqual,
  _CreateTokenRequestEqual,
  _CreateTokenResponseEqual,
  _CreateTokenWithIAMRequestEqual,
  _CreateTokenWithIAMResponseEqual,
  _AwsAdditionalDetailsEqual,
  _ServiceInputTypes,
  _ServiceOutputTypes,
  _AccessDeniedExceptionReasonObject,
  _AccessDeniedExceptionReasonUnion,
  _InvalidRequestExceptionReasonObject,
  _InvalidRequestExceptionReasonUnion,
  _AccessDeniedExceptionReasonValues,
  _InvalidRequestExceptionReasonValues,
  _AccessDeniedException,
  _AuthorizationPendingException,
  _ExpiredTokenException,
  _InternalServerException,
  _InvalidClientException,
  _InvalidClientMetadataException,
  _InvalidGrantException,
  _InvalidRedirectUriException,
  _InvalidRequestException,
  _InvalidRequestRegionException,
  _InvalidScopeException,
  _SlowDownException,
  _UnauthorizedClientException,
  _UnsupportedGrantTypeException,
  _ClientConfig,
  _ClientResolvedConfig,
  _ClientConfigOfConstructor,
};
