import type { HttpResponse, ResponseMetadata } from "@smithy/types";

const header = (response: HttpResponse, name: string): string | undefined => {
  const value = response.headers[name];
  return typeof value === "string" ? value : undefined;
};

/**
 * The `$metadata` of an output or exception. Header names arrive lower-cased
 * from both the node and the fetch handler. `attempts` and `totalRetryDelay`
 * are filled in later by the retry middleware.
 */
const responseMetadata = (response: HttpResponse): ResponseMetadata => ({
  httpStatusCode: response.statusCode,
  requestId:
    header(response, "x-amzn-requestid") ??
    header(response, "x-amzn-request-id") ??
    header(response, "x-amz-request-id"),
  extendedRequestId: header(response, "x-amz-id-2"),
  cfId: header(response, "x-amz-cf-id"),
});

export { responseMetadata };
