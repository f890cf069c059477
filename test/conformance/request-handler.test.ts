import * as Official from "@aws-sdk/client-sso-oidc";
import { HttpRequest } from "@smithy/core/protocols";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { HttpHandlerOptions, HttpRequest as IHttpRequest } from "@smithy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Ours from "../../src/index";
import { RecordingServer } from "../support/recording-server";
import { commandsFor, sendWith, type Input, type OperationName } from "./commands";

/*
 * A request handler of the caller's (`requestHandler: { handle() }`, here one
 * that notes what it gets and passes it to a NodeHttpHandler) receives from
 * our client what it receives from the official one: an HttpRequest with the
 * same members, a body of the same bytes in a Uint8Array, and the same
 * handler options.
 */

const CREDENTIALS = { accessKeyId: "AKID", secretAccessKey: "SECRET" };

const INPUTS: Record<OperationName, Input> = {
  RegisterClient: { clientName: "n", clientType: "public", scopes: ["a", "b"] },
  StartDeviceAuthorization: { clientId: "c", clientSecret: "s", startUrl: "https://x" },
  CreateToken: { clientId: "c", clientSecret: "s", grantType: "refresh_token", refreshToken: "r" },
  CreateTokenWithIAM: { clientId: "arn", grantType: "refresh_token", refreshToken: "r" },
};

/** What may differ per call or per package: ids, product names and signing times. */
const VARYING = new Set([
  "amz-sdk-invocation-id",
  "user-agent",
  "x-amz-user-agent",
  "x-amz-date",
  "authorization",
]);

const server = new RecordingServer();
const transport = new NodeHttpHandler();
beforeAll(() => server.start());
afterAll(async () => {
  transport.destroy();
  await server.close();
});

interface Handed {
  readonly request: IHttpRequest;
  readonly options: HttpHandlerOptions | undefined;
}

async function handedOver(
  subject: "official" | "ours",
  operation: OperationName,
  options?: HttpHandlerOptions,
): Promise<Handed> {
  const handed: Handed[] = [];
  const requestHandler = {
    handle(request: IHttpRequest, handlerOptions?: HttpHandlerOptions) {
      handed.push({ request, options: handlerOptions });
      return transport.handle(request as HttpRequest, handlerOptions);
    },
  };
  const config = {
    region: "us-east-1",
    endpoint: server.url,
    credentials: CREDENTIALS,
    requestHandler,
  };
  const client =
    subject === "official" ? new Official.SSOOIDCClient(config) : new Ours.SSOOIDCClient(config);
  const { OfficialCommand, OurCommand } = commandsFor(operation);
  const input = structuredClone(INPUTS[operation]);
  const command = subject === "official" ? new OfficialCommand(input) : new OurCommand(input);
  await sendWith(client, command, options);
  expect(handed).toHaveLength(1);
  return handed[0]!;
}

function shape({ request, options }: Handed) {
  const { body, headers, ...members } = request;
  return {
    isHttpRequest: HttpRequest.isInstance(request),
    keys: Object.keys(request),
    members,
    headers: Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [
        name,
        VARYING.has(name) ? typeof value : value,
      ]),
    ),
    bodyIsUint8Array: body instanceof Uint8Array,
    bytes: [...Buffer.from(body.buffer, body.byteOffset, body.byteLength)],
    options,
  };
}

const OPERATIONS = Object.keys(INPUTS) as OperationName[];

describe("what a caller's request handler receives", () => {
  it.each(OPERATIONS)(
    "%s: the same request and options as from the official client",
    async (operation) => {
      const official = shape(await handedOver("official", operation));
      const ours = shape(await handedOver("ours", operation));
      expect(ours).toStrictEqual(official);
      expect(ours.bodyIsUint8Array).toBe(true);
      expect(ours.options).toStrictEqual({});
    },
  );

  it.each(OPERATIONS)(
    "%s: the call's options are handed over as the official client hands them",
    async (operation) => {
      const abortSignal = new AbortController().signal;
      const options = { abortSignal, requestTimeout: 5_000 };
      const official = shape(await handedOver("official", operation, options));
      const ours = shape(await handedOver("ours", operation, options));
      expect(ours).toStrictEqual(official);
      expect(ours.options).toStrictEqual({ abortSignal, requestTimeout: 5_000 });
      expect(ours.options!.abortSignal).toBe(abortSignal);
    },
  );
});
