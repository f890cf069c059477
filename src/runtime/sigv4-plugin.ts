import type {
  AwsCredentialIdentityProvider,
  FinalizeRequestMiddleware,
  HttpResponse,
  Pluggable,
  Provider,
} from "@smithy/types";
import { HttpRequest } from "@smithy/core/protocols";

interface SigningConfig {
  readonly region: Provider<string>;
  readonly defaultSigningName: string;
  readonly signingCredentials: AwsCredentialIdentityProvider;
  systemClockOffset?: number;
}

/** A clock this far from the server's gets corrected from the response `date` header. */
const SKEW_THRESHOLD_MS = 5 * 60 * 1000;

interface Signer {
  sign(
    request: HttpRequest,
    options: { signingDate: Date; signingRegion: string; signingService: string },
  ): Promise<unknown>;
}

/**
 * The signer is imported on the first signed request: the three unsigned
 * operations, and bundles that use only them, never load SigV4 code.
 */
const loadSigner = async (config: SigningConfig): Promise<Signer> => {
  const [{ SignatureV4 }, { Sha256 }] = await Promise.all([
    import("@smithy/signature-v4"),
    import("@smithy/core/checksum"),
  ]);
  return new SignatureV4({
    credentials: config.signingCredentials,
    region: config.region,
    service: config.defaultSigningName,
    sha256: Sha256,
    applyChecksum: true,
    uriEscapePath: true,
  });
};

const serverSkewMs = (response: unknown): number | undefined => {
  const headers = (response as HttpResponse | undefined)?.headers;
  const date = headers?.date ?? headers?.Date;
  if (typeof date !== "string") return undefined;
  const serverMs = Date.parse(date);
  return Number.isNaN(serverMs) ? undefined : serverMs - Date.now();
};

const sigv4Middleware = (config: SigningConfig): FinalizeRequestMiddleware<any, any> => {
  let signer: Promise<Signer> | undefined;
  const noteSkew = (response: unknown) => {
    const skew = serverSkewMs(response);
    if (skew !== undefined && Math.abs(skew) >= SKEW_THRESHOLD_MS) config.systemClockOffset = skew;
  };
  return (next) => async (args) => {
    if (!HttpRequest.isInstance(args.request)) return next(args);
    signer ??= loadSigner(config).catch((error: unknown) => {
      signer = undefined;
      throw error;
    });
    const signed = await (
      await signer
    ).sign(args.request, {
      signingDate: new Date(Date.now() + (config.systemClockOffset ?? 0)),
      signingRegion: await config.region(),
      signingService: config.defaultSigningName,
    });
    try {
      const result = await next({ ...args, request: signed });
      noteSkew(result.response);
      return result;
    } catch (error) {
      noteSkew((error as { $response?: unknown }).$response);
      throw error;
    }
  };
};

/**
 * SigV4 signing for the operations the model marks as signed, placed where
 * the official client signs: in finalizeRequest, after the retry middleware,
 * so every attempt is signed afresh.
 */
const getSigV4Plugin = (config: SigningConfig): Pluggable<any, any> => ({
  applyToStack: (stack) => {
    stack.addRelativeTo(sigv4Middleware(config), {
      name: "httpSigningMiddleware",
      relation: "after",
      toMiddleware: "retryMiddleware",
      override: true,
    });
  },
});

export { getSigV4Plugin, sigv4Middleware };
export type { SigningConfig };
