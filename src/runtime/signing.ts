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
  readonly credentials: AwsCredentialIdentityProvider;
  systemClockOffset?: number;
}

/**
 * A correction this large means the request was signed too far off the
 * server's clock (SigV4 allows 5 minutes; the AWS SDKs retry from 4).
 */
const MATERIAL_SKEW_MS = 4 * 60 * 1000;
/** A response this late says too little of the server's clock when it was sent. */
const MAX_SAMPLE_ROUND_TRIP_MS = 15 * 60 * 1000;

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
async function loadSigner(config: SigningConfig): Promise<Signer> {
  const [{ SignatureV4 }, { Sha256 }] = await Promise.all([
    import("@smithy/signature-v4"),
    import("@smithy/core/checksum"),
  ]);
  return new SignatureV4({
    credentials: config.credentials,
    region: config.region,
    service: config.defaultSigningName,
    sha256: Sha256,
    applyChecksum: true,
    uriEscapePath: true,
  });
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

function sigv4Middleware(config: SigningConfig): FinalizeRequestMiddleware<any, any> {
  let signer: Promise<Signer> | undefined;
  return (next) => async (args) => {
    if (!HttpRequest.isInstance(args.request)) return next(args);
    signer ??= loadSigner(config).catch((error: unknown) => {
      signer = undefined;
      throw error;
    });
    const signedWithOffsetMs = config.systemClockOffset ?? 0;
    const signed = await (
      await signer
    ).sign(args.request, {
      signingDate: new Date(Date.now() + signedWithOffsetMs),
      signingRegion: await config.region(),
      signingService: config.defaultSigningName,
    });
    const sentMs = Date.now();
    try {
      const result = await next({ ...args, request: signed });
      const offsetMs = sampleClockOffset(result.response, sentMs);
      if (offsetMs !== undefined) config.systemClockOffset = offsetMs;
      return result;
    } catch (error) {
      const { $response, $metadata } = (error ?? {}) as {
        $response?: unknown;
        $metadata?: { clockSkewCorrected?: boolean };
      };
      const offsetMs = sampleClockOffset($response, sentMs);
      if (offsetMs !== undefined) {
        config.systemClockOffset = offsetMs;
        // Signed with a clock that far off, the request is worth another try. Unlike the
        // official client, this holds too when the correction undoes an earlier one.
        if ($metadata && Math.abs(offsetMs - signedWithOffsetMs) >= MATERIAL_SKEW_MS)
          $metadata.clockSkewCorrected = true;
      }
      throw error;
    }
  };
}

/**
 * SigV4 signing for the operations the model marks as signed, placed where
 * the official client signs: in finalizeRequest, after the retry middleware,
 * so every attempt is signed afresh.
 */
function getSigV4Plugin(config: SigningConfig): Pluggable<any, any> {
  return {
    applyToStack: (stack) => {
      stack.addRelativeTo(sigv4Middleware(config), {
        name: "httpSigningMiddleware",
        relation: "after",
        toMiddleware: "retryMiddleware",
        override: true,
      });
    },
  };
}

export { getSigV4Plugin };
export type { SigningConfig };
