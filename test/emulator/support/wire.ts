import { expect, it } from "vitest";
import { SSOOIDCClient } from "@aws-sdk/client-sso-oidc";
import { startTestEmulator } from "./test-emulator";
import type { SSOOIDCServiceException } from "@aws-sdk/client-sso-oidc";
import type { Emulator } from "../../../src/emulator/index";

/** The official exceptions carry the body's OAuth members; the base type does not declare them. */
type ServiceException = SSOOIDCServiceException & { error?: string; error_description?: string };

interface WireResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** Sends anything, and reads the answer as a test compares it: status, headers, parsed body. */
async function send(url: string, init: RequestInit): Promise<WireResponse> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : "" };
}

/** POSTs like the official client does, but lets a test send anything. */
function postJson(
  baseUrl: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<WireResponse> {
  return send(`${baseUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** A registered device client and a pending device code, made over the raw wire. */
async function rawDeviceClient(
  emu: Emulator,
  registration: object = { scopes: ["sso:account:access"] },
) {
  const registered = await postJson(emu.url, "/client/register", {
    clientName: "raw",
    clientType: "public",
    ...registration,
  });
  const { clientId, clientSecret } = registered.body as { clientId: string; clientSecret: string };
  const started = await postJson(emu.url, "/device_authorization", {
    clientId,
    clientSecret,
    startUrl: "https://d-1234567890.awsapps.com/start",
  });
  return { clientId, clientSecret, ...(started.body as { deviceCode: string; userCode: string }) };
}

type RawDeviceClient = Awaited<ReturnType<typeof rawDeviceClient>>;

/** The wire error the service sends: status, `x-amzn-ErrorType` and the exact JSON body. */
function serviceError(status: number, type: string, error: string, description: string) {
  return {
    status,
    errorType: `${type}:http://internal.amazon.com/coral/com.amazonaws.sso.oidc/`,
    body: { error, error_description: description },
  };
}

type ServiceErrorOnWire = ReturnType<typeof serviceError>;

function invalidRequest(description: string, status = 400): ServiceErrorOnWire {
  return serviceError(status, "InvalidRequestException", "invalid_request", description);
}

function wireError(response: WireResponse) {
  return {
    status: response.status,
    errorType: response.headers.get("x-amzn-errortype"),
    body: response.body,
  };
}

/** The exact error, sent as JSON with a request id, as the service answers every error. */
function expectWireError(response: WireResponse, expected: ServiceErrorOnWire): void {
  expect(wireError(response)).toEqual(expected);
  expect(response.headers.get("content-type")).toBe("application/json");
  expect(response.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
}

type WireErrorCase = [
  name: string,
  path: string,
  input: (client: RawDeviceClient) => unknown,
  expected: ServiceErrorOnWire,
];

/** One test per case: a new emulator and device client, the case's input posted raw. */
function testWireErrors(cases: WireErrorCase[]): void {
  it.each(cases)("%s", async (_name, path, input, expected) => {
    const emu = await startTestEmulator();
    expectWireError(await postJson(emu.url, path, input(await rawDeviceClient(emu))), expected);
  });
}

function officialClient(
  endpoint: string,
  extra: Partial<ConstructorParameters<typeof SSOOIDCClient>[0]> = {},
) {
  return new SSOOIDCClient({ region: "us-east-1", endpoint, ...extra });
}

/** The exception a call rejected with; fails the test if it resolved. */
async function rejection<E = ServiceException>(promise: Promise<unknown>): Promise<E> {
  try {
    await promise;
  } catch (error) {
    return error as E;
  }
  throw new Error("expected the call to fail, but it succeeded");
}

/** What a test compares for an official-client exception. */
function describeException(error: ServiceException) {
  return {
    name: error.name,
    status: error.$metadata.httpStatusCode,
    error: error.error,
    error_description: error.error_description,
  };
}

/** The expected `describeException` of a service error. */
function serviceException(name: string, status: number, error: string, description: string) {
  return { name, status, error, error_description: description };
}

export {
  send,
  postJson,
  rawDeviceClient,
  serviceError,
  invalidRequest,
  wireError,
  expectWireError,
  testWireErrors,
  officialClient,
  rejection,
  describeException,
  serviceException,
};
export type { WireResponse, RawDeviceClient, WireErrorCase };
