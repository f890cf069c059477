/*
 * A body that is not JSON, described for an error message by its length and
 * where parsing stopped, never by its text: a token response cut short is
 * not JSON, and quoting it would copy its tokens into messages and logs.
 * `JSON.parse`'s own message is not used either: recent engines quote the
 * text around the error (`Unexpected token … "{"accessTok"... is not valid
 * JSON`), and the wording and positions differ between engines.
 */

/** Where a scan of RFC 8259's grammar stopped, as an index into the text, and why. */
interface JsonStop {
  readonly index: number;
  readonly reason: string;
}

const INCOMPLETE = "it ends before the JSON value is complete";

function isWhitespace(code: number): boolean {
  // RFC 8259 §2: space, horizontal tab, line feed, carriage return.
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isHexDigit(char: string | undefined): boolean {
  return char !== undefined && /^[0-9a-fA-F]$/.test(char);
}

/** RFC 8259 §7: the end of the string that opens at `start`, or where it went wrong. */
function scanString(text: string, start: number): number | JsonStop {
  let i = start + 1;
  for (;;) {
    if (i >= text.length) return { index: text.length, reason: "it ends inside a string" };
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code < 0x20) return { index: i, reason: "a control character inside a string" };
    if (code !== 0x5c) {
      i += 1;
      continue;
    }
    const escaped = text[i + 1];
    if (escaped === undefined) return { index: text.length, reason: "it ends inside a string" };
    if (escaped === "u") {
      for (let k = 2; k < 6; k += 1) {
        if (i + k >= text.length) return { index: text.length, reason: "it ends inside a string" };
        if (!isHexDigit(text[i + k])) return { index: i, reason: "a malformed \\u escape" };
      }
      i += 6;
    } else if ('"\\/bfnrt'.includes(escaped)) {
      i += 2;
    } else {
      return { index: i, reason: "a malformed escape in a string" };
    }
  }
}

/** RFC 8259 §6: `-? int frac? exp?`. */
function scanNumber(text: string, start: number): number | JsonStop {
  let i = start;
  const digits = (): number | JsonStop => {
    if (i >= text.length) return { index: i, reason: INCOMPLETE };
    if (!isDigit(text.charCodeAt(i))) return { index: i, reason: "a malformed number" };
    while (i < text.length && isDigit(text.charCodeAt(i))) i += 1;
    return i;
  };
  if (text[i] === "-") i += 1;
  if (text[i] === "0") i += 1;
  else {
    const end = digits();
    if (typeof end !== "number") return end;
  }
  if (text[i] === ".") {
    i += 1;
    const end = digits();
    if (typeof end !== "number") return end;
  }
  if (text[i] === "e" || text[i] === "E") {
    i += 1;
    if (text[i] === "+" || text[i] === "-") i += 1;
    const end = digits();
    if (typeof end !== "number") return end;
  }
  return i;
}

function scanLiteral(text: string, start: number, literal: string): number | JsonStop {
  for (let k = 0; k < literal.length; k += 1) {
    if (start + k >= text.length) return { index: text.length, reason: INCOMPLETE };
    if (text[start + k] !== literal[k]) {
      return { index: start + k, reason: "an unexpected character" };
    }
  }
  return start + literal.length;
}

/** One value that starts at `i`: a scalar's end, or a container's opening (pushed on `open`). */
function scanValueStart(text: string, i: number, open: string[]): number | JsonStop {
  if (i >= text.length) return { index: i, reason: INCOMPLETE };
  const char = text[i]!;
  if (char === "{" || char === "[") {
    open.push(char);
    return i + 1;
  }
  if (char === '"') return scanString(text, i);
  if (char === "-" || isDigit(text.charCodeAt(i))) return scanNumber(text, i);
  if (char === "t") return scanLiteral(text, i, "true");
  if (char === "f") return scanLiteral(text, i, "false");
  if (char === "n") return scanLiteral(text, i, "null");
  return { index: i, reason: "an unexpected character" };
}

/**
 * Where `JSON.parse` gives up on `text`, by RFC 8259's grammar; undefined
 * when the text is valid JSON. Iterative, so deep nesting cannot overflow
 * the stack.
 */
function findJsonStop(text: string): JsonStop | undefined {
  const open: string[] = [];
  let i = 0;
  /** After a value or an opening bracket, what may come next. */
  let expect: "value" | "first" | "key" | "afterValue" = "value";
  for (;;) {
    while (i < text.length && isWhitespace(text.charCodeAt(i))) i += 1;
    const top = open[open.length - 1];
    if (expect === "afterValue") {
      if (top === undefined) {
        return i < text.length ? { index: i, reason: "more text after the JSON value" } : undefined;
      }
      if (i >= text.length) return { index: i, reason: INCOMPLETE };
      const closer = top === "{" ? "}" : "]";
      if (text[i] === closer) {
        open.pop();
        i += 1;
        continue;
      }
      if (text[i] !== ",") return { index: i, reason: "an unexpected character" };
      i += 1;
      expect = top === "{" ? "key" : "value";
      continue;
    }
    if (expect === "first" && (text[i] === "}" || text[i] === "]")) {
      if (text[i] !== (top === "{" ? "}" : "]")) {
        return { index: i, reason: "an unexpected character" };
      }
      open.pop();
      i += 1;
      expect = "afterValue";
      continue;
    }
    if (expect === "key" || (expect === "first" && top === "{")) {
      if (i >= text.length) return { index: i, reason: INCOMPLETE };
      if (text[i] !== '"') return { index: i, reason: "an unexpected character" };
      const end = scanString(text, i);
      if (typeof end !== "number") return end;
      i = end;
      while (i < text.length && isWhitespace(text.charCodeAt(i))) i += 1;
      if (i >= text.length) return { index: i, reason: INCOMPLETE };
      if (text[i] !== ":") return { index: i, reason: "an unexpected character" };
      i += 1;
      expect = "value";
      continue;
    }
    const depth = open.length;
    const end = scanValueStart(text, i, open);
    if (typeof end !== "number") return end;
    i = end;
    expect = open.length > depth ? "first" : "afterValue";
  }
}

/**
 * The UTF-8 length of `text`, as the body's bytes were before decoding. Counted, not encoded:
 * React Native has no TextEncoder, and the unsigned operations need none elsewhere.
 */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair: one code point of four bytes.
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * `57 bytes; parsing stopped at byte 57: it ends inside a string`, for a body
 * that `JSON.parse` refused.
 */
function describeInvalidJson(text: string): string {
  const stop = findJsonStop(text) ?? { index: text.length, reason: "it is not JSON" };
  const where = utf8Length(text.slice(0, stop.index));
  return `${utf8Length(text)} bytes; parsing stopped at byte ${where}: ${stop.reason}`;
}

export { describeInvalidJson, findJsonStop, utf8Length };
export type { JsonStop };
