import { NoAuthSigner } from "@smithy/core";
import { normalizeProvider } from "@smithy/core/client";
import { HttpRequest, HttpResponse } from "@smithy/core/protocols";
import type {
  AuthScheme,
  AwsCredentialIdentityProvider,
  Checksum,
  ChecksumConstructor,
  HashConstructor,
  HttpAuthOption,
  HttpAuthScheme,
  HttpSigner,
  Provider,
  RequestSigner,
  SourceData,
} from "@smithy/types";
import type { SSOOIDCHttpAuthSchemeProvider } from "./config-types";

/*
 * The auth members of the config, as the official client has them: the
 * model's auth per operation (`httpAuthSchemeProvider`), the two schemes with
 * their signers (`httpAuthSchemes`), the SigV4 signer factory (`signer`) and
 * the hash it uses (`sha256`). SigV4 code is imported on the first signature
 * only: the unsigned operations, and browser bundles that use only them,
 * never load it.
 */

const SIGV4 = "aws.auth#sigv4";
const NO_AUTH = "smithy.api#noAuth";

/** The model's auth: none for the operations it marks `@auth([])`, SigV4 for the rest. */
function createHttpAuthSchemeProvider(
  unsignedOperations: readonly string[],
  signingName: string,
): SSOOIDCHttpAuthSchemeProvider {
  return (parameters) => {
    const unsigned = unsignedOperations.includes(parameters.operation ?? "");
    const option: HttpAuthOption = unsigned
      ? { schemeId: NO_AUTH }
      : {
          schemeId: SIGV4,
          signingProperties: { name: signingName, region: parameters.region },
          propertiesExtractor: (config, context) => ({ signingProperties: { config, context } }),
        };
    return [option];
  };
}

/**
 * `sha256` for the config: a hash constructor whose implementation (the
 * maintained one of `@smithy/core/checksum`) is imported on the first digest,
 * so that holding it costs a bundle nothing until something signs.
 */
class Sha256 implements Checksum {
  private chunks: SourceData[] = [];
  constructor(private readonly secret?: SourceData) {}

  update(data: Uint8Array): void {
    this.chunks.push(data);
  }

  async digest(): Promise<Uint8Array> {
    const { Sha256: Implementation } = await import("@smithy/core/checksum");
    const hash = new Implementation(this.secret);
    for (const chunk of this.chunks) hash.update(chunk as Uint8Array);
    return hash.digest();
  }

  reset(): void {
    this.chunks = [];
  }
}

/** What the SigV4 signer factory reads of the config. */
/** Loads the SigV4 signer class: the runtime config's, so that a browser bundle can go without it. */
type SignatureV4Loader = () => Promise<new (options: any) => RequestSigner>;

interface SignerConfig {
  credentials: AwsCredentialIdentityProvider;
  region: string | Provider<string>;
  sha256: ChecksumConstructor | HashConstructor;
  signingEscapePath: boolean;
  defaultSigningName?: string;
  serviceId: string;
  signingName?: string;
  signingRegion?: string;
  signer?: RequestSigner | ((authScheme?: AuthScheme) => Promise<RequestSigner>);
  signerConstructor?: new (options: any) => RequestSigner;
}

/**
 * `config.signer`: the official client's factory (`resolveAwsSdkSigV4Config`),
 * a SigV4 signer for the auth scheme the endpoint names, with the config's
 * credentials, region and hash; the first call notes the signing region and
 * name on the config, as there.
 */
function createSigner(
  config: SignerConfig,
  loadSignatureV4: SignatureV4Loader,
): (authScheme?: AuthScheme) => Promise<RequestSigner> {
  if (config.signer) return normalizeProvider(config.signer);
  return async (authScheme) => {
    const scheme = {
      name: "sigv4",
      signingName: config.signingName || config.defaultSigningName,
      signingRegion: await normalizeProvider(config.region)(),
      properties: {},
      ...authScheme,
    };
    config.signingRegion = config.signingRegion || scheme.signingRegion;
    config.signingName = config.signingName || scheme.signingName || config.serviceId;
    const SignerConstructor = config.signerConstructor ?? (await loadSignatureV4());
    return new SignerConstructor({
      ...config,
      credentials: config.credentials,
      region: config.signingRegion,
      service: config.signingName,
      sha256: config.sha256,
      uriEscapePath: config.signingEscapePath,
    });
  };
}

/** What the SigV4 HttpSigner reads of its signing properties' config. */
interface SigningPropertiesConfig {
  signer: (authScheme?: AuthScheme) => Promise<RequestSigner>;
  systemClockOffset: number;
  disableClockSkewCorrection?: Provider<boolean>;
}

/** What smithy's httpSigningMiddleware passes: the auth option's properties, config and context. */
type SigningProperties = {
  config: SigningPropertiesConfig;
  context: { endpointV2?: { properties?: { authSchemes?: AuthScheme[] } } };
  signingRegion?: string;
  signingName?: string;
  _sentAtMs?: number;
  _noSkewCorrection?: boolean;
};

/** The server's clock minus ours, from a `date` header; none from a cached response. */
function clockOffset(response: unknown, sentAtMs: number | undefined, currentMs: number): number {
  if (!HttpResponse.isInstance(response)) return currentMs;
  const { headers } = response;
  if ((headers.age ?? headers.Age) !== undefined) return currentMs;
  const serverMs = Date.parse(headers.date ?? headers.Date ?? "");
  const nowMs = Date.now();
  if (Number.isNaN(serverMs) || (sentAtMs !== undefined && nowMs - sentAtMs > 900_000)) {
    return currentMs;
  }
  return serverMs - nowMs;
}

/**
 * The SigV4 scheme's HttpSigner (`@aws-sdk/core`'s AwsSdkSigV4Signer, minus
 * SigV4a and event streams, which this service has none of): signs with the
 * config's signer at the skew-corrected time, and samples the server's clock
 * from every response, as smithy's httpSigningMiddleware asks it to.
 */
const sigV4HttpSigner: HttpSigner = {
  async sign(request, _identity, properties) {
    if (!HttpRequest.isInstance(request)) {
      throw new Error("The request is not an instance of `HttpRequest` and cannot be signed");
    }
    const signing = properties as SigningProperties;
    const { config } = signing;
    const signer = await config.signer(signing.context.endpointV2?.properties?.authSchemes?.[0]);
    const noSkewCorrection = (await config.disableClockSkewCorrection?.()) === true;
    signing._noSkewCorrection = noSkewCorrection;
    signing._sentAtMs = Date.now();
    return signer.sign(request, {
      signingDate: new Date(Date.now() + (noSkewCorrection ? 0 : config.systemClockOffset)),
      signingRegion: signing.signingRegion,
      signingService: signing.signingName,
    });
  },
  successHandler(response, properties) {
    const signing = properties as SigningProperties;
    if (signing._noSkewCorrection) return;
    const { config } = signing;
    config.systemClockOffset = clockOffset(response, signing._sentAtMs, config.systemClockOffset);
  },
  errorHandler(properties) {
    return (error) => {
      const signing = properties as SigningProperties;
      if (!signing._noSkewCorrection) {
        const { config } = signing;
        const failed = error as {
          $response?: unknown;
          $metadata?: { clockSkewCorrected?: boolean };
        };
        const before = config.systemClockOffset;
        config.systemClockOffset = clockOffset(failed.$response, signing._sentAtMs, before);
        // A correction this large means the request was signed too far off the server's clock.
        if (config.systemClockOffset !== before && Math.abs(config.systemClockOffset) >= 240_000) {
          if (failed.$metadata) failed.$metadata.clockSkewCorrected = true;
        }
      }
      throw error;
    };
  },
};

/** The config's `httpAuthSchemes`: SigV4 with the config's credentials, and no auth. */
function createHttpAuthSchemes(): HttpAuthScheme[] {
  return [
    {
      schemeId: SIGV4,
      identityProvider: (config) => config.getIdentityProvider(SIGV4),
      signer: sigV4HttpSigner,
    },
    {
      schemeId: NO_AUTH,
      identityProvider: (config) => config.getIdentityProvider(NO_AUTH) || (async () => ({})),
      signer: new NoAuthSigner(),
    },
  ];
}

export { createHttpAuthSchemeProvider, createHttpAuthSchemes, createSigner, Sha256 };
export type { SignatureV4Loader };
