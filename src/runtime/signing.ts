import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  HandlerExecutionContext,
  HttpAuthOption,
  HttpAuthScheme,
  HttpAuthSchemeParameters,
  HttpResponse,
  HttpSigner,
  Identity,
  IdentityProviderConfig,
  Pluggable,
  Provider,
} from "@smithy/types";
import { DefaultIdentityProviderConfig, getSmithyContext, NoAuthSigner } from "@smithy/core";
import { HttpRequest } from "@smithy/core/protocols";

/*
 * Authentication as the official client selects and applies it: smithy's
 * `httpAuthSchemeMiddleware` picks a scheme per operation from the model
 * (`aws.auth#sigv4` for CreateTokenWithIAM, `smithy.api#noAuth` for the
 * others) and resolves its identity; smithy's `httpSigningMiddleware` hands
 * the request to that scheme's signer on every attempt. What is ours is the
 * SigV4 signer, which loads its code on first use.
 */

const SIGV4 = "aws.auth#sigv4";
const NO_AUTH = "smithy.api#noAuth";

/** What the auth scheme middleware and the SigV4 signer need of a client's config. */
interface AuthConfig {
  readonly region: Provider<string>;
  readonly credentials: AwsCredentialIdentityProvider;
  systemClockOffset?: number;
}

/** The parameters the scheme provider chooses by: the operation, and the region to sign for. */
interface AuthSchemeParameters extends HttpAuthSchemeParameters {
  region: string;
}

/**
 * A correction this large means the request was signed too far off the
 * server's clock (SigV4 allows 5 minutes; the AWS SDKs retry from 4).
 */
const MATERIAL_SKEW_MS = 4 * 60 * 1000;
/** A response this late says too little of the server's clock when it was sent. */
const MAX_SAMPLE_ROUND_TRIP_MS = 15 * 60 * 1000;

/** The per-attempt notes the signer keeps in the signing properties, as the AWS SDKs do. */
const SIGNED_WITH_OFFSET = "_signedWithOffsetMs";
const SENT_AT = "_requestSentAtMs";

interface Signer {
  sign(
    request: HttpRequest,
    options: { signingDate: Date; signingRegion: string; signingService: string },
  ): Promise<unknown>;
}

type SignerLoader = (
  credentials: AwsCredentialIdentity,
  region: string,
  service: string,
) => Promise<Signer>;

/**
 * Imported on the first signed request: the three unsigned operations never
 * load SigV4 code.
 */
async function loadSigner(
  credentials: AwsCredentialIdentity,
  region: string,
  service: string,
): Promise<Signer> {
  const [{ SignatureV4 }, { Sha256 }] = await Promise.all([
    import("@smithy/signature-v4"),
    import("@smithy/core/checksum"),
  ]);
  return new SignatureV4({
    credentials,
    region,
    service,
    sha256: Sha256,
    applyChecksum: true,
    uriEscapePath: true,
  });
}

/** The SigV4 code, once a signed operation's command has provided it. */
let signerLoader: SignerLoader | undefined;

/**
 * Provides the SigV4 code to the clients' SigV4 signer. The commands of the
 * signed operations carry this plugin (it adds no middleware), so that only
 * they refer to the SigV4 code: a bundle of the unsigned operations alone
 * leaves it out, even one built without code splitting.
 */
function getSigV4Plugin(): Pluggable<any, any> {
  return {
    applyToStack: () => {
      signerLoader ??= loadSigner;
    },
  };
}

/**
 * The server's clock minus ours, from a response's `date` header, as the AWS
 * SDKs sample it: not from a cached response (an `age` header), nor from one
 * that took over 15 minutes to come back.
 */
function sampleClockOffset(response: unknown, requestSentMs: number): number | undefined {
  const headers = (response as HttpResponse | undefined)?.headers;
  if (headers === undefined || (headers.age ?? headers.Age) !== undefined) return undefined;
  const date = headers.date ?? headers.Date;
  const serverMs = typeof date === "string" ? Date.parse(date) : Number.NaN;
  const nowMs = Date.now();
  if (Number.isNaN(serverMs) || nowMs - requestSentMs > MAX_SAMPLE_ROUND_TRIP_MS) return undefined;
  return serverMs - nowMs;
}

function stringProperty(properties: Record<string, unknown>, name: string): string | undefined {
  const value = properties[name];
  return typeof value === "string" ? value : undefined;
}

function numberProperty(properties: Record<string, unknown>, name: string): number {
  const value = properties[name];
  return typeof value === "number" ? value : 0;
}

function isCredentials(identity: Identity): identity is AwsCredentialIdentity {
  const { accessKeyId, secretAccessKey } = identity as Partial<AwsCredentialIdentity>;
  return typeof accessKeyId === "string" && typeof secretAccessKey === "string";
}

/**
 * SigV4 for `aws.auth#sigv4`: signs with the identity the auth scheme
 * middleware resolved, on the clock corrected by the offset the last
 * response's `date` showed, and keeps that offset in `config.systemClockOffset`.
 * smithy's signing middleware calls the two handlers as plain functions,
 * so they close over the config rather than use `this`.
 */
function createSigV4Signer(config: AuthConfig): HttpSigner {
  async function sign(
    request: HttpRequest,
    identity: Identity,
    properties: Record<string, unknown>,
  ): Promise<HttpRequest> {
    const region =
      stringProperty(properties, "signingRegion") ?? stringProperty(properties, "region");
    const service = stringProperty(properties, "signingName") ?? stringProperty(properties, "name");
    if (region === undefined || service === undefined || !isCredentials(identity)) {
      throw new Error("SigV4 needs a region, a signing name and AWS credentials to sign with.");
    }
    if (signerLoader === undefined) {
      throw new Error("SigV4 is used only by the commands of signed operations, which provide it.");
    }
    const signer = await signerLoader(identity, region, service);
    const offsetMs = config.systemClockOffset ?? 0;
    properties[SIGNED_WITH_OFFSET] = offsetMs;
    const signed = await signer.sign(request, {
      signingDate: new Date(Date.now() + offsetMs),
      signingRegion: region,
      signingService: service,
    });
    properties[SENT_AT] = Date.now();
    if (!HttpRequest.isInstance(signed)) throw new Error("SigV4 returned no request.");
    return signed;
  }

  function successHandler(response: unknown, properties: Record<string, unknown>): void {
    const offsetMs = sampleClockOffset(response, numberProperty(properties, SENT_AT));
    if (offsetMs !== undefined) config.systemClockOffset = offsetMs;
  }

  function errorHandler(properties: Record<string, unknown>) {
    return (error: Error): never => {
      const { $response, $metadata } = error as {
        $response?: unknown;
        $metadata?: { clockSkewCorrected?: boolean };
      };
      const offsetMs = sampleClockOffset($response, numberProperty(properties, SENT_AT));
      if (offsetMs !== undefined) {
        config.systemClockOffset = offsetMs;
        // Signed with a clock that far off, the request is worth another try. Unlike the
        // official client, this holds too when the correction undoes an earlier one.
        const signedWithOffsetMs = numberProperty(properties, SIGNED_WITH_OFFSET);
        if ($metadata && Math.abs(offsetMs - signedWithOffsetMs) >= MATERIAL_SKEW_MS)
          $metadata.clockSkewCorrected = true;
      }
      throw error;
    };
  }

  return { sign, successHandler, errorHandler };
}

/** The schemes a client can sign with, as the official client lists them. */
function createHttpAuthSchemes(config: AuthConfig): HttpAuthScheme[] {
  return [
    {
      schemeId: SIGV4,
      identityProvider: (identities) => identities.getIdentityProvider(SIGV4),
      signer: createSigV4Signer(config),
    },
    {
      schemeId: NO_AUTH,
      identityProvider: (identities) =>
        identities.getIdentityProvider(NO_AUTH) ?? (async () => ({})),
      signer: new NoAuthSigner(),
    },
  ];
}

/**
 * `aws.auth#sigv4` for `signingName` in the request's region; the config and
 * the handler context join the signing properties, as in the official client,
 * for a signer that reads them (`@aws-sdk/core`'s, given as `httpAuthSchemes`).
 */
function sigV4AuthOption(signingName: string, parameters: AuthSchemeParameters): HttpAuthOption {
  return {
    schemeId: SIGV4,
    signingProperties: { name: signingName, region: parameters.region },
    propertiesExtractor: (config, context) => ({ signingProperties: { config, context } }),
  };
}

/** `smithy.api#noAuth`: the request goes out as built. */
function noAuthOption(): HttpAuthOption {
  return { schemeId: NO_AUTH };
}

/** The operation being sent and the client's region, read per request as the official client does. */
async function httpAuthSchemeParametersProvider(
  config: AuthConfig,
  context: HandlerExecutionContext,
): Promise<AuthSchemeParameters> {
  const operation = getSmithyContext(context).operation;
  return {
    operation: typeof operation === "string" ? operation : undefined,
    region: await config.region(),
  };
}

/**
 * Where each scheme finds its identity: SigV4 the client's credentials,
 * resolved only when an operation is signed.
 */
async function identityProviderConfigProvider(config: AuthConfig): Promise<IdentityProviderConfig> {
  return new DefaultIdentityProviderConfig({ [SIGV4]: config.credentials });
}

export {
  createHttpAuthSchemes,
  getSigV4Plugin,
  httpAuthSchemeParametersProvider,
  identityProviderConfigProvider,
  noAuthOption,
  sigV4AuthOption,
};
export type { AuthConfig, AuthSchemeParameters };
