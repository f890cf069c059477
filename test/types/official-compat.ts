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
export type _RegisterClientInput = Assert<
  Mutual<Ours.RegisterClientCommandInput, Official.RegisterClientCommandInput>
>;
export type _RegisterClientOutput = Assert<
  Mutual<Ours.RegisterClientCommandOutput, Official.RegisterClientCommandOutput>
>;
export type _StartDeviceAuthorizationInput = Assert<
  Mutual<Ours.StartDeviceAuthorizationCommandInput, Official.StartDeviceAuthorizationCommandInput>
>;
export type _StartDeviceAuthorizationOutput = Assert<
  Mutual<Ours.StartDeviceAuthorizationCommandOutput, Official.StartDeviceAuthorizationCommandOutput>
>;
export type _CreateTokenInput = Assert<
  Mutual<Ours.CreateTokenCommandInput, Official.CreateTokenCommandInput>
>;
export type _CreateTokenOutput = Assert<
  Mutual<Ours.CreateTokenCommandOutput, Official.CreateTokenCommandOutput>
>;
export type _CreateTokenWithIAMInput = Assert<
  Mutual<Ours.CreateTokenWithIAMCommandInput, Official.CreateTokenWithIAMCommandInput>
>;
export type _CreateTokenWithIAMOutput = Assert<
  Mutual<Ours.CreateTokenWithIAMCommandOutput, Official.CreateTokenWithIAMCommandOutput>
>;

// Mutual assignability is weak for outputs whose members are all optional
// (CreateTokenCommandOutput and CreateTokenWithIAMCommandOutput are mutually
// assignable), so the command types are also checked for exact equality.
export type _RegisterClientInputEqual = Assert<
  Equal<Ours.RegisterClientCommandInput, Official.RegisterClientCommandInput>
>;
export type _RegisterClientOutputEqual = Assert<
  Equal<Ours.RegisterClientCommandOutput, Official.RegisterClientCommandOutput>
>;
export type _StartDeviceAuthorizationInputEqual = Assert<
  Equal<Ours.StartDeviceAuthorizationCommandInput, Official.StartDeviceAuthorizationCommandInput>
>;
export type _StartDeviceAuthorizationOutputEqual = Assert<
  Equal<Ours.StartDeviceAuthorizationCommandOutput, Official.StartDeviceAuthorizationCommandOutput>
>;
export type _CreateTokenInputEqual = Assert<
  Equal<Ours.CreateTokenCommandInput, Official.CreateTokenCommandInput>
>;
export type _CreateTokenOutputEqual = Assert<
  Equal<Ours.CreateTokenCommandOutput, Official.CreateTokenCommandOutput>
>;
export type _CreateTokenWithIAMInputEqual = Assert<
  Equal<Ours.CreateTokenWithIAMCommandInput, Official.CreateTokenWithIAMCommandInput>
>;
export type _CreateTokenWithIAMOutputEqual = Assert<
  Equal<Ours.CreateTokenWithIAMCommandOutput, Official.CreateTokenWithIAMCommandOutput>
>;

// The same shapes member for member: required stays required, optional stays optional.
export type _RegisterClientRequestEqual = Assert<
  Equal<Ours.RegisterClientRequest, Official.RegisterClientRequest>
>;
export type _RegisterClientResponseEqual = Assert<
  Equal<Ours.RegisterClientResponse, Official.RegisterClientResponse>
>;
export type _StartDeviceAuthorizationRequestEqual = Assert<
  Equal<Ours.StartDeviceAuthorizationRequest, Official.StartDeviceAuthorizationRequest>
>;
export type _StartDeviceAuthorizationResponseEqual = Assert<
  Equal<Ours.StartDeviceAuthorizationResponse, Official.StartDeviceAuthorizationResponse>
>;
export type _CreateTokenRequestEqual = Assert<
  Equal<Ours.CreateTokenRequest, Official.CreateTokenRequest>
>;
export type _CreateTokenResponseEqual = Assert<
  Equal<Ours.CreateTokenResponse, Official.CreateTokenResponse>
>;
export type _CreateTokenWithIAMRequestEqual = Assert<
  Equal<Ours.CreateTokenWithIAMRequest, Official.CreateTokenWithIAMRequest>
>;
export type _CreateTokenWithIAMResponseEqual = Assert<
  Equal<Ours.CreateTokenWithIAMResponse, Official.CreateTokenWithIAMResponse>
>;
export type _AwsAdditionalDetailsEqual = Assert<
  Equal<Ours.AwsAdditionalDetails, Official.AwsAdditionalDetails>
>;

// Unions of every input and output.
export type _ServiceInputTypes = Assert<Mutual<Ours.ServiceInputTypes, Official.ServiceInputTypes>>;
export type _ServiceOutputTypes = Assert<
  Mutual<Ours.ServiceOutputTypes, Official.ServiceOutputTypes>
>;

// Enum value objects and their union types.
export type _AccessDeniedExceptionReasonObject = Assert<
  Equal<typeof AccessDeniedExceptionReason, typeof Official.AccessDeniedExceptionReason>
>;
export type _AccessDeniedExceptionReasonUnion = Assert<
  Equal<Ours.AccessDeniedExceptionReason, Official.AccessDeniedExceptionReason>
>;
export type _InvalidRequestExceptionReasonObject = Assert<
  Equal<typeof InvalidRequestExceptionReason, typeof Official.InvalidRequestExceptionReason>
>;
export type _InvalidRequestExceptionReasonUnion = Assert<
  Equal<Ours.InvalidRequestExceptionReason, Official.InvalidRequestExceptionReason>
>;
export type _AccessDeniedExceptionReasonValues = Assert<
  Equal<Ours.AccessDeniedExceptionReason, "KMS_AccessDeniedException">
>;
export type _InvalidRequestExceptionReasonValues = Assert<
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
export type _AccessDeniedException = Assert<
  Equal<Modeled<Ours.AccessDeniedException>, Modeled<Official.AccessDeniedException>>
>;
export type _AuthorizationPendingException = Assert<
  Equal<
    Modeled<Ours.AuthorizationPendingException>,
    Modeled<Official.AuthorizationPendingException>
  >
>;
export type _ExpiredTokenException = Assert<
  Equal<Modeled<Ours.ExpiredTokenException>, Modeled<Official.ExpiredTokenException>>
>;
export type _InternalServerException = Assert<
  Equal<Modeled<Ours.InternalServerException>, Modeled<Official.InternalServerException>>
>;
export type _InvalidClientException = Assert<
  Equal<Modeled<Ours.InvalidClientException>, Modeled<Official.InvalidClientException>>
>;
export type _InvalidClientMetadataException = Assert<
  Equal<
    Modeled<Ours.InvalidClientMetadataException>,
    Modeled<Official.InvalidClientMetadataException>
  >
>;
export type _InvalidGrantException = Assert<
  Equal<Modeled<Ours.InvalidGrantException>, Modeled<Official.InvalidGrantException>>
>;
export type _InvalidRedirectUriException = Assert<
  Equal<Modeled<Ours.InvalidRedirectUriException>, Modeled<Official.InvalidRedirectUriException>>
>;
export type _InvalidRequestException = Assert<
  Equal<Modeled<Ours.InvalidRequestException>, Modeled<Official.InvalidRequestException>>
>;
export type _InvalidRequestRegionException = Assert<
  Equal<
    Modeled<Ours.InvalidRequestRegionException>,
    Modeled<Official.InvalidRequestRegionException>
  >
>;
export type _InvalidScopeException = Assert<
  Equal<Modeled<Ours.InvalidScopeException>, Modeled<Official.InvalidScopeException>>
>;
export type _SlowDownException = Assert<
  Equal<Modeled<Ours.SlowDownException>, Modeled<Official.SlowDownException>>
>;
export type _UnauthorizedClientException = Assert<
  Equal<Modeled<Ours.UnauthorizedClientException>, Modeled<Official.UnauthorizedClientException>>
>;
export type _UnsupportedGrantTypeException = Assert<
  Equal<
    Modeled<Ours.UnsupportedGrantTypeException>,
    Modeled<Official.UnsupportedGrantTypeException>
  >
>;

// Values typed with the official package flow into ours and back.
export const sendOfficialInputs = async (
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
> => [
  await client.send(new RegisterClientCommand(register)),
  await client.send(new StartDeviceAuthorizationCommand(start)),
  await client.send(new CreateTokenCommand(token)),
  await client.send(new CreateTokenWithIAMCommand(iam)),
];

export const createTokenFromOfficialInput = (
  input: Official.CreateTokenCommandInput,
): CreateTokenCommand => new CreateTokenCommand(input);

export const aggregatedClientAcceptsOfficialInput = (
  client: SSOOIDC,
  input: Official.CreateTokenCommandInput,
): Promise<Official.CreateTokenCommandOutput> => client.createToken(input);

// The input a command keeps is the one it was given, under the official type.
export const commandInputIsOfficial = (
  command: CreateTokenCommand,
): Official.CreateTokenCommandInput => command.input;
