import type { HttpResponse, ResponseMetadata, SerdeContext } from "@smithy/types";
import { ResponseParseError } from "./errors";
import { readBodyText } from "./read-body-text";
import { responseMetadata } from "./response-metadata";

/** Where a value being read came from, for error messages. */
interface OutputSite {
  readonly operation: string;
  readonly $metadata: ResponseMetadata;
}

type JsonObject = Record<string, unknown>;

const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const describe = (value: unknown): string => {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${JSON.stringify(value)}`;
};

const QUOTE_LIMIT = 120;

/** The start of a body, for messages: enough to recognise an HTML page or a proxy error. */
const quoteStart = (text: string): string =>
  JSON.stringify(text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT)}…` : text);

/**
 * Reads a successful response's JSON object. An empty body is an empty
 * object (restJson1 allows it); anything else that is not a JSON object is
 * a ResponseParseError naming the operation and the status.
 */
const readOutputObject = async (
  response: HttpResponse,
  context: SerdeContext,
  operation: string,
): Promise<{ data: JsonObject; site: OutputSite }> => {
  const site: OutputSite = { operation, $metadata: responseMetadata(response) };
  const text = await readBodyText(response, context);
  if (text.trim() === "") return { data: {}, site };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new ResponseParseError(
      operation,
      `the body is not valid JSON: ${quoteStart(text)}`,
      site.$metadata,
      cause,
    );
  }
  if (!isJsonObject(parsed)) {
    throw new ResponseParseError(
      operation,
      `the body is ${describe(parsed)}, not a JSON object`,
      site.$metadata,
    );
  }
  return { data: parsed, site };
};

const wrongType = (site: OutputSite, member: string, expected: string, value: unknown) =>
  new ResponseParseError(
    site.operation,
    `member ${member} should be ${expected} but is ${describe(value)}`,
    site.$metadata,
  );

const readString = (value: unknown, site: OutputSite, member: string): string => {
  if (typeof value === "string") return value;
  throw wrongType(site, member, "a string", value);
};

const INT32_MAX = 2 ** 31 - 1;

const readInteger = (value: unknown, site: OutputSite, member: string): number => {
  if (typeof value === "number" && Number.isInteger(value) && Math.abs(value) <= INT32_MAX) {
    return value;
  }
  throw wrongType(site, member, "a 32-bit integer", value);
};

const readLong = (value: unknown, site: OutputSite, member: string): number => {
  if (typeof value === "number" && Number.isSafeInteger(value)) return value;
  throw wrongType(site, member, "an integer", value);
};

const readStringList = (value: unknown, site: OutputSite, member: string): string[] => {
  if (Array.isArray(value)) {
    const index = value.findIndex((item) => typeof item !== "string");
    if (index === -1) return value as string[];
    throw wrongType(site, `${member}[${index}]`, "a string", value[index]);
  }
  throw wrongType(site, member, "an array of strings", value);
};

const readObject = (value: unknown, site: OutputSite, member: string): JsonObject => {
  if (isJsonObject(value)) return value;
  throw wrongType(site, member, "an object", value);
};

export {
  isJsonObject,
  quoteStart,
  readInteger,
  readLong,
  readObject,
  readOutputObject,
  readString,
  readStringList,
};
export type { JsonObject, OutputSite };
