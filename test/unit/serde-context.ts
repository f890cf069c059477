import { Readable } from "node:stream";
import { streamCollector } from "@smithy/node-http-handler";
import { HttpResponse, parseUrl } from "@smithy/core/protocols";
import { fromBase64, fromUtf8, toBase64, toUtf8 } from "@smithy/core/serde";
import type { SerdeContext } from "@smithy/types";

/** The serde context the client hands its serializers, for an endpoint URL. */
function serdeContext(endpoint = "https://oidc.us-east-1.amazonaws.com"): SerdeContext {
  return {
    endpoint: async () => parseUrl(endpoint),
    base64Decoder: fromBase64,
    base64Encoder: toBase64,
    utf8Decoder: fromUtf8,
    utf8Encoder: toUtf8,
    streamCollector,
    requestHandler: { handle: () => Promise.reject(new Error("not used")) },
    disableHostPrefix: false,
  };
}

/** A response whose body arrives as a stream, as from the node handler. */
function response(statusCode: number, body: string, headers: Record<string, string> = {}) {
  return new HttpResponse({ statusCode, headers, body: Readable.from([Buffer.from(body)]) });
}

export { response, serdeContext };
