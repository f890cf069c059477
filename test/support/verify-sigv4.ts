import { createHash, createHmac } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

/**
 * An independent SigV4 check written from the specification (AWS Signature
 * Version 4: canonical request, string to sign, derived key), for tests. It
 * recomputes the signature of a request as a server received it.
 */
interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Verdict {
  valid: boolean;
  accessKeyId: string;
  scope: string;
  signedHeaders: string[];
  expected: string;
  actual: string;
}

function sha256Hex(data: string) {
  return createHash("sha256").update(data, "utf8").digest("hex");
}
function hmac(key: Buffer | string, data: string) {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

function encode(text: string) {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function canonicalQuery(search: string): string {
  return [...new URLSearchParams(search)]
    .map(([k, v]) => [encode(k), encode(v)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
}

function verifySigV4(request: ReceivedRequest, secretAccessKey: string): Verdict {
  const authorization = String(request.headers.authorization ?? "");
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      authorization,
    );
  if (match === null) throw new Error(`Not a SigV4 authorization header: ${authorization}`);
  const [, accessKeyId, scope, signedHeaderList, actual] = match as unknown as string[];
  const [date, region, service] = scope!.split("/");
  const signedHeaders = signedHeaderList!.split(";");
  const url = new URL(request.url, "http://placeholder");
  const canonicalHeaders = signedHeaders
    .map(
      (name) =>
        `${name}:${String(request.headers[name] ?? "")
          .trim()
          .replace(/\s+/g, " ")}\n`,
    )
    .join("");
  const payloadHash = sha256Hex(request.body);
  const canonicalRequest = [
    request.method,
    url.pathname,
    canonicalQuery(url.search),
    canonicalHeaders,
    signedHeaderList,
    payloadHash,
  ].join("\n");
  const amzDate = String(request.headers["x-amz-date"]);
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
  const key = ["aws4_request"].reduce(
    (k, part) => hmac(k, part),
    hmac(hmac(hmac(`AWS4${secretAccessKey}`, date!), region!), service!),
  );
  const expected = createHmac("sha256", key).update(stringToSign, "utf8").digest("hex");
  return {
    valid: expected === actual,
    accessKeyId: accessKeyId!,
    scope: scope!,
    signedHeaders,
    expected,
    actual: actual!,
  };
}

export { verifySigV4 };
export type { ReceivedRequest, Verdict };
