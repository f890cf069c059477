/*
 * Secrets kept out of the text of messages. Error messages are built from other errors' messages
 * (a flow wraps the client's error, the CLI prints a flow's), and a message that quotes a response
 * body may quote tokens. It loads nothing from Node, so the browser build's refresh can use it.
 */

const REDACTED = "<redacted>";

/**
 * The members the model marks `@sensitive` (AccessToken, RefreshToken, IdToken, ClientSecret,
 * CodeVerifier, Assertion, SubjectToken), the grants' codes (RFC 6749 §4.1.2 `code`, RFC 8628
 * §3.2 `device_code`), and their OAuth spellings, as a body or a query string may carry them.
 */
const SENSITIVE_NAMES = [
  "accessToken",
  "refreshToken",
  "idToken",
  "clientSecret",
  "codeVerifier",
  "assertion",
  "subjectToken",
  "code",
  "deviceCode",
  "access_token",
  "refresh_token",
  "id_token",
  "client_secret",
  "code_verifier",
  "subject_token",
  "device_code",
];

/**
 * A sensitive member's name, quoted, its colon and the opening quote of its value: in JSON, and
 * in JSON that was quoted again (`\"accessToken\":\"...`), as a message quoting a body has it.
 */
const QUOTED_MEMBER = new RegExp(
  `(\\\\*)"(?:${SENSITIVE_NAMES.join("|")})\\\\*"\\s*:\\s*(\\\\*)"`,
  "g",
);
/** The same names as query or form parameters: `?code=...&state=...`. */
const PARAMETER = new RegExp(`([?&](?:${SENSITIVE_NAMES.join("|")})=)[^&#\\s"']*`, "g");

/**
 * Where the string value that starts at `start` ends: at the first quote escaped as its opening
 * quote was (`backslashes` of them) or less (the quoted text around it ended), or at the end of
 * the text when it was cut short. A quote escaped more is inside the value.
 */
function valueEnd(text: string, start: number, backslashes: number): number {
  for (let i = start; i < text.length; i += 1) {
    if (text[i] !== '"') continue;
    let before = 0;
    while (before < i - start && text[i - 1 - before] === "\\") before += 1;
    if (before <= backslashes) return i - before;
  }
  return text.length;
}

/**
 * `text` with the values of sensitive members (complete or cut short) and every `known` secret
 * replaced by `<redacted>`. Values shorter than 4 characters are left alone: they cannot be
 * told from ordinary words, and a secret that short would protect nothing.
 */
function redactSecrets(text: string, known: readonly (string | undefined)[] = []): string {
  let out = "";
  let from = 0;
  for (const match of text.matchAll(QUOTED_MEMBER)) {
    if (match.index < from) continue;
    const valueStart = match.index + match[0].length;
    const end = valueEnd(text, valueStart, match[2]!.length);
    out += text.slice(from, valueStart) + REDACTED;
    from = end;
  }
  out = (out + text.slice(from)).replace(PARAMETER, `$1${REDACTED}`);
  const secrets = known
    .filter((secret): secret is string => secret !== undefined && secret.length >= 4)
    .flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)])
    .sort((a, b) => b.length - a.length);
  for (const secret of secrets) out = out.split(secret).join(REDACTED);
  return out;
}

/** `name: message` of an error, with its secrets redacted, for the message of one that wraps it. */
function describeError(error: unknown, known: readonly (string | undefined)[] = []): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return redactSecrets(text, known);
}

export { describeError, redactSecrets };
