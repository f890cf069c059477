import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { FinalizeRequestMiddleware } from "@smithy/types";

/*
 * Where `@aws-sdk/client-s3` would send a request, found without sending it.
 * The `@smithy/core` endpoint registry (`customEndpointFunctions`) is shared
 * by every client in a process; S3's rules call `aws.parseArn` and
 * `aws.isVirtualHostableS3Bucket` from it, so a client that replaced or
 * shrank the `aws` table there would break every S3 call made after it did.
 */

/** Scheme, host, port and path of a request as it is about to be sent. */
interface S3Destination {
  readonly protocol: string;
  readonly hostname: string;
  readonly port: number | undefined;
  readonly path: string;
}

/**
 * Resolves S3's endpoint for `GetObject` without sending: a middleware placed
 * last in `finalizeRequest` (after signing) records the request and answers
 * in the network's place, so nothing leaves the process.
 */
async function s3Destination(bucket: string): Promise<S3Destination | { error: string }> {
  const client = new S3Client({
    region: "us-west-2",
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
    maxAttempts: 1,
  });
  let captured: S3Destination | undefined;
  const capture: FinalizeRequestMiddleware<any, any> = () => async (args) => {
    const request = args.request as S3Destination;
    captured = {
      protocol: request.protocol,
      hostname: request.hostname,
      port: request.port,
      path: request.path,
    };
    return { output: { $metadata: {} }, response: {} };
  };
  client.middlewareStack.add(capture, {
    step: "finalizeRequest",
    priority: "low",
    name: "captureRequest",
  });
  try {
    await client.send(new GetObjectCommand({ Bucket: bucket, Key: "dir/file.txt" }));
  } catch (error) {
    return { error: (error as Error).message };
  } finally {
    client.destroy();
  }
  if (captured === undefined) throw new Error("GetObject reached no request.");
  return captured;
}

/**
 * S3 caches resolved endpoints by their parameters (the bucket among them), so
 * each look-up names buckets never used before: a cached answer would hide a
 * rule that can no longer run.
 */
let lookups = 0;

/** S3's destinations for a plain bucket and an access point ARN, and what they must be. */
async function s3Destinations() {
  lookups += 1;
  const bucket = `my-bucket-${lookups}`;
  const accessPoint = `my-access-point-${lookups}`;
  return {
    actual: {
      plain: await s3Destination(bucket),
      accessPoint: await s3Destination(
        `arn:aws:s3:us-west-2:123456789012:accesspoint/${accessPoint}`,
      ),
    },
    expected: {
      plain: {
        protocol: "https:",
        hostname: `${bucket}.s3.us-west-2.amazonaws.com`,
        port: undefined,
        path: "/dir/file.txt",
      },
      accessPoint: {
        protocol: "https:",
        hostname: `${accessPoint}-123456789012.s3-accesspoint.us-west-2.amazonaws.com`,
        port: undefined,
        path: "/dir/file.txt",
      },
    },
  };
}

/** What the official SSO OIDC package and ours have in common for these tests. */
interface SsoOidcModule {
  readonly SSOOIDCClient: new (config: Record<string, unknown>) => {
    send(command: unknown): Promise<{ clientId?: string }>;
    destroy(): void;
    readonly config: {
      endpointProvider(params: Record<string, unknown>): { url: URL };
    };
  };
  readonly RegisterClientCommand: new (input: {
    clientName: string;
    clientType: string;
  }) => unknown;
}

/** One RegisterClient through a client of `module` to `endpoint`; returns the client id. */
async function sendRegisterClient(module: SsoOidcModule, endpoint: string): Promise<string> {
  const client = new module.SSOOIDCClient({ region: "us-east-1", endpoint, maxAttempts: 1 });
  try {
    const output = await client.send(
      new module.RegisterClientCommand({ clientName: "app", clientType: "public" }),
    );
    return output.clientId ?? "";
  } finally {
    client.destroy();
  }
}

/** The regional endpoint a client of `module` resolves, through its rules and `aws.partition`. */
function regionalEndpoint(module: SsoOidcModule, region: string): string {
  const client = new module.SSOOIDCClient({ region });
  try {
    return client.config.endpointProvider({ Region: region, UseFIPS: false, UseDualStack: false })
      .url.href;
  } finally {
    client.destroy();
  }
}

export { regionalEndpoint, s3Destinations, sendRegisterClient };
export type { SsoOidcModule };
