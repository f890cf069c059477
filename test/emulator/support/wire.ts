import { SSOOIDCClient } from "@aws-sdk/client-sso-oidc";
import type { SSOOIDCServiceException } from "@aws-sdk/client-sso-oidc";

/** The official exceptions carry the body's OAuth members; the base type does not declare them. */
type ServiceException = SSOOIDCServiceException & { error?: string; error_description?: string };

interface WireResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** POSTs like the official client does, but lets a test send anything. */
async function postJson(
  baseUrl: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<WireResponse> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : "" };
}

/** The wire error the service sends: status, `x-amzn-ErrorType` and the exact JSON body. */
function serviceError(status: number, type: string, error: string, description: string) {
  return {
    status,
    errorType: `${type}:http://internal.amazon.com/coral/com.amazonaws.sso.oidc/`,
    body: { error, error_description: description },
  };
}

function wireError(response: WireResponse) {
  return {
    status: response.status,
    errorType: response.headers.get("x-amzn-errortype"),
    body: response.body,
  };
}

function officialClient(
  endpoint: string,
  extra: Partial<ConstructorParameters<typeof SSOOIDCClient>[0]> = {},
) {
  return new SSOOIDCClient({ region: "us-east-1", endpoint, ...extra });
}

/** The exception a call rejected with; fails the test if it resolved. */
async function rejection(promise: Promise<unknown>): Promise<ServiceException> {
  try {
    await promise;
  } catch (error) {
    return error as ServiceException;
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

export { postJson, serviceError, wireError, officialClient, rejection, describeException };
export type { WireResponse };
