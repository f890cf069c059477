import { normalizeProvider } from "@smithy/core/client";
import type {
  AuthScheme,
  AwsCredentialIdentityProvider,
  Checksum,
  ChecksumConstructor,
  HashConstructor,
  Provider,
  RequestSigner,
  SourceData,
} from "@smithy/types";

/*
 * The SigV4 members of the config, as the official client has them
 * (`@aws-sdk/core`'s resolveAwsSdkSigV4Config): the signer factory
 * (`signer`) and the hash it uses (`sha256`). Their code is imported on
 * first use: holding them costs a client, and a bundle, nothing. The client's
 * own signing is the SigV4 auth scheme's (signing.ts).
 */

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

export { createSigner, Sha256 };
export type { SignatureV4Loader };
