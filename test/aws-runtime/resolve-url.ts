import { HttpResponse } from "@smithy/core/protocols";

/*
 * Resolves a client's endpoint the way a user meets it: RegisterClient (an
 * unsigned operation) is sent through a handler that records the request and
 * answers 200 without touching the network.
 */

interface CapturedRequest {
  readonly protocol: string;
  readonly hostname: string;
  readonly port?: number;
  readonly path: string;
}

interface SentClient {
  send(command: unknown): Promise<unknown>;
  destroy(): void;
}

/** What the official package and ours have in common for these tests. */
interface ClientModule {
  readonly SSOOIDCClient: new (config: any) => SentClient;
  readonly RegisterClientCommand: new (input: {
    clientName: string;
    clientType: string;
  }) => unknown;
}

/** The endpoint a request went to, or the error instead of a request. */
type Resolution =
  | { readonly url: string }
  | { readonly error: { readonly name: string; readonly message: string }; readonly sent: number };

const OPERATION_PATH = "/client/register";

/** `protocol//hostname[:port]path`, with the operation's own path taken off the end. */
function endpointUrl(request: CapturedRequest, withOperationPath: boolean): string {
  const port = request.port === undefined ? "" : `:${request.port}`;
  const path =
    !withOperationPath && request.path.endsWith(OPERATION_PATH)
      ? request.path.slice(0, -OPERATION_PATH.length)
      : request.path;
  return `${request.protocol}//${request.hostname}${port}${path}`;
}

function failure(error: unknown, sent: number): Resolution {
  return {
    error: { name: (error as Error).name, message: (error as Error).message },
    sent,
  };
}

/**
 * Builds a client of `module` from `config`, sends RegisterClient once and
 * reports where it went: the endpoint URL, or with `withOperationPath` the
 * request's whole URL.
 */
async function resolveUrl(
  module: ClientModule,
  config: Record<string, unknown>,
  { withOperationPath = false }: { withOperationPath?: boolean } = {},
): Promise<Resolution> {
  const captured: CapturedRequest[] = [];
  const requestHandler = {
    handle: async (request: CapturedRequest) => {
      captured.push(request);
      return {
        response: new HttpResponse({ statusCode: 200, headers: {}, body: new Uint8Array() }),
      };
    },
  };
  let client: SentClient;
  try {
    client = new module.SSOOIDCClient({ ...config, maxAttempts: 1, requestHandler });
  } catch (error) {
    return failure(error, captured.length);
  }
  try {
    await client.send(new module.RegisterClientCommand({ clientName: "x", clientType: "public" }));
  } catch (error) {
    return failure(error, captured.length);
  } finally {
    client.destroy();
  }
  const [request] = captured;
  if (request === undefined || captured.length !== 1) {
    throw new Error(`expected one request, the handler received ${captured.length}`);
  }
  return { url: endpointUrl(request, withOperationPath) };
}

export { resolveUrl };
export type { ClientModule, Resolution };
