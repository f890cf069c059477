import * as Official from "@aws-sdk/client-sso-oidc";
import { HttpResponse } from "@smithy/core/protocols";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import * as Ours from "../../src/index";

/*
 * Run by config.test.ts in a child process with a clean environment:
 *   node --import tsx config-probe.ts '{"config":{...},"network":false}'
 * Builds our client and the official one from the same constructor options,
 * sends RegisterClient through each and prints, as one JSON line, what each
 * resolved. With `network: true` the request really goes out (to the test's
 * loopback server); otherwise a capturing handler answers it.
 */

interface ProbeInput {
  readonly config: Record<string, unknown>;
  readonly network: boolean;
}

/** A value the client resolved, or the message of the error resolving it threw. */
type Outcome<T> = T | { readonly error: string };

interface ProbeResult {
  region: Outcome<string>;
  useFipsEndpoint: Outcome<boolean>;
  useDualstackEndpoint: Outcome<boolean>;
  maxAttempts: Outcome<number>;
  retryStrategy: Outcome<string>;
  send: Outcome<{ clientId: string | null }>;
  url: string | null;
  amzSdkRequest: string | null;
}

interface CapturedRequest {
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  headers: Record<string, string>;
}

interface ProbeClient {
  readonly config: {
    region(): Promise<string>;
    useFipsEndpoint(): Promise<boolean>;
    useDualstackEndpoint(): Promise<boolean>;
    maxAttempts(): Promise<number>;
    retryStrategy(): Promise<object>;
  };
  send(command: unknown): Promise<{ clientId?: string }>;
  destroy(): void;
}

interface ClientModule {
  readonly SSOOIDCClient: new (config: any) => ProbeClient;
  readonly RegisterClientCommand: new (input: {
    clientName: string;
    clientType: string;
  }) => unknown;
}

async function outcome<T>(read: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return await read();
  } catch (error) {
    return { error: (error as Error).message };
  }
}

async function probe(
  module: ClientModule,
  input: ProbeInput,
): Promise<ProbeResult | { construct: string }> {
  const captured: CapturedRequest[] = [];
  const network = new NodeHttpHandler();
  const requestHandler = {
    handle: async (request: CapturedRequest) => {
      captured.push(request);
      if (input.network) return network.handle(request as never);
      return {
        response: new HttpResponse({ statusCode: 200, headers: {}, body: new Uint8Array() }),
      };
    },
  };
  let client: ProbeClient;
  try {
    client = new module.SSOOIDCClient({ ...input.config, requestHandler });
  } catch (error) {
    return { construct: (error as Error).message };
  }
  const send = await outcome(async () => {
    const output = await client.send(
      new module.RegisterClientCommand({ clientName: "x", clientType: "public" }),
    );
    return { clientId: output.clientId ?? null };
  });
  const request = captured[0];
  const result: ProbeResult = {
    region: await outcome(() => client.config.region()),
    useFipsEndpoint: await outcome(() => client.config.useFipsEndpoint()),
    useDualstackEndpoint: await outcome(() => client.config.useDualstackEndpoint()),
    maxAttempts: await outcome(() => client.config.maxAttempts()),
    retryStrategy: await outcome(
      async () => (await client.config.retryStrategy()).constructor.name,
    ),
    send,
    url:
      request === undefined
        ? null
        : `${request.protocol}//${request.hostname}${request.port === undefined ? "" : `:${request.port}`}${request.path}`,
    amzSdkRequest: request?.headers["amz-sdk-request"] ?? null,
  };
  client.destroy();
  network.destroy();
  return result;
}

const input = JSON.parse(process.argv[2] ?? "{}") as ProbeInput;
const ours = await probe(Ours as unknown as ClientModule, input);
const official = await probe(Official as unknown as ClientModule, input);
process.stdout.write(`${JSON.stringify({ ours, official })}\n`);
