import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { SignatureError } from "./errors";
import type { IncomingMessage } from "node:http";
import type { EmulatorCredentials } from "./options";

/** The model's `aws.auth#sigv4` name: requests are signed for `sso-oauth`, not `oidc`. */
const SIGNING_SERVICE = "sso-oauth";
/** AWS rejects signatures more than 5 minutes from its clock. */
const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const INVALID_TOKEN = "The security token included in the request is invalid.";

function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data).digest();
}

/** RFC 3986 unreserved characters stay; everything else is %XX with upper-case hex. */
function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** A malformed escape is signed as received rather than rejected; the signature then decides. */
function decodeComponent(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function canonicalQuery(rawQuery: string): string {
  return rawQuery
    .split("&")
    .filter((pair) => pair !== "")
    .map((pair) => {
      const at = pair.indexOf("=");
      const [key, value] = at < 0 ? [pair, ""] : [pair.slice(0, at), pair.slice(at + 1)];
      return [encodeRfc3986(decodeComponent(key)), encodeRfc3986(decodeComponent(value))];
    })
    .sort(([a = "", b = ""], [c = "", d = ""]) => (a < c ? -1 : a > c ? 1 : b < d ? -1 : 1))
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
}

/** Values as received (rawHeaders keeps repeats), trimmed, inner spaces collapsed, joined by ",". */
function canonicalHeaderValue(req: IncomingMessage, name: string): string {
  const values: string[] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i]?.toLowerCase() === name) {
      values.push((req.rawHeaders[i + 1] ?? "").trim().replace(/\s+/g, " "));
    }
  }
  return values.join(",");
}

function parseAuthorization(header: string) {
  const [algorithm, ...rest] = header.trim().split(/\s+/);
  if (algorithm !== "AWS4-HMAC-SHA256") {
    throw new SignatureError(
      "IncompleteSignatureException",
      `Unsupported AWS 'algorithm': '${algorithm}'.`,
    );
  }
  const fields = new Map<string, string>();
  for (const part of rest.join("").split(",")) {
    const at = part.indexOf("=");
    if (at > 0) fields.set(part.slice(0, at), part.slice(at + 1));
  }
  for (const name of ["Credential", "SignedHeaders", "Signature"]) {
    if (!fields.get(name)) {
      throw new SignatureError(
        "IncompleteSignatureException",
        `Authorization header requires '${name}' parameter.`,
      );
    }
  }
  const scope = (fields.get("Credential") ?? "").split("/");
  if (scope.length !== 5 || scope[4] !== "aws4_request" || !/^\d{8}$/.test(scope[1] ?? "")) {
    throw new SignatureError(
      "IncompleteSignatureException",
      "Credential must have the form <access key id>/<yyyymmdd>/<region>/<service>/aws4_request.",
    );
  }
  const [accessKeyId = "", date = "", region = "", service = ""] = scope;
  const signedHeaders = (fields.get("SignedHeaders") ?? "").split(";");
  return { accessKeyId, date, region, service, signedHeaders, signature: fields.get("Signature") };
}

function amzDateMs(amzDate: string): number {
  const [, y, mo, d, h, mi, s] = AMZ_DATE.exec(amzDate) ?? [];
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
}

function toAmzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** AWS's wording for a request outside the allowed clock skew. */
function checkClockSkew(amzDate: string, nowMs: number): void {
  const requestMs = amzDateMs(amzDate);
  if (requestMs < nowMs - MAX_CLOCK_SKEW_MS) {
    const limit = toAmzDate(nowMs - MAX_CLOCK_SKEW_MS);
    throw new SignatureError(
      "InvalidSignatureException",
      `Signature expired: ${amzDate} is now earlier than ${limit} (${toAmzDate(nowMs)} - 5 min.)`,
    );
  }
  if (requestMs > nowMs + MAX_CLOCK_SKEW_MS) {
    const limit = toAmzDate(nowMs + MAX_CLOCK_SKEW_MS);
    throw new SignatureError(
      "InvalidSignatureException",
      `Signature not yet current: ${amzDate} is still later than ${limit} (${toAmzDate(nowMs)} + 5 min.)`,
    );
  }
}

/**
 * AWS Signature Version 4, server side: rebuild the canonical request from what was received,
 * derive the signing key from the emulator's secret and compare signatures. Throws the error
 * an AWS endpoint would answer with; returns nothing on success.
 */
function verifySigV4(
  req: IncomingMessage,
  body: Buffer,
  credentials: EmulatorCredentials,
  nowMs: number,
): void {
  const authorization = req.headers.authorization;
  if (!authorization) {
    throw new SignatureError("MissingAuthenticationTokenException", "Missing Authentication Token");
  }
  const auth = parseAuthorization(authorization);
  const amzDate = canonicalHeaderValue(req, "x-amz-date");
  if (!AMZ_DATE.test(amzDate)) {
    throw new SignatureError(
      "IncompleteSignatureException",
      "Authorization header requires existence of a valid 'X-Amz-Date' header.",
    );
  }
  if (!auth.signedHeaders.includes("host")) {
    throw new SignatureError(
      "IncompleteSignatureException",
      "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    );
  }
  if (auth.date !== amzDate.slice(0, 8)) {
    throw new SignatureError(
      "InvalidSignatureException",
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  if (auth.service !== SIGNING_SERVICE) {
    throw new SignatureError(
      "InvalidSignatureException",
      `Credential should be scoped to correct service: '${SIGNING_SERVICE}'.`,
    );
  }
  if (auth.accessKeyId !== credentials.accessKeyId) {
    throw new SignatureError("UnrecognizedClientException", INVALID_TOKEN);
  }
  if ((req.headers["x-amz-security-token"] ?? undefined) !== credentials.sessionToken) {
    throw new SignatureError("UnrecognizedClientException", INVALID_TOKEN);
  }
  checkClockSkew(amzDate, nowMs);

  const url = req.url ?? "/";
  const queryAt = url.indexOf("?");
  const rawPath = queryAt < 0 ? url : url.slice(0, queryAt);
  const rawQuery = queryAt < 0 ? "" : url.slice(queryAt + 1);
  const canonicalRequest = [
    req.method ?? "",
    // Non-S3 services sign the path URI-encoded once more (double encoding).
    rawPath.split("/").map(encodeRfc3986).join("/"),
    canonicalQuery(rawQuery),
    ...auth.signedHeaders.map((name) => `${name}:${canonicalHeaderValue(req, name)}`),
    "",
    auth.signedHeaders.join(";"),
    sha256Hex(body),
  ].join("\n");
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
  let key = hmac(`AWS4${credentials.secretAccessKey}`, auth.date);
  for (const part of [auth.region, auth.service, "aws4_request"]) key = hmac(key, part);
  const expected = Buffer.from(hmac(key, stringToSign).toString("hex"));
  const received = Buffer.from(auth.signature ?? "");
  if (expected.length !== received.length || !timingSafeEqual(expected, received)) {
    throw new SignatureError(
      "InvalidSignatureException",
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
    );
  }
}

export { verifySigV4 };
