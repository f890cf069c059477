import { officialClient } from "./wire";
import type { Emulator, EmulatorCredentials } from "../../../src/emulator/index";

interface SignedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * The official client with SigV4 credentials, plus a copy of every request as it leaves the
 * client (signed: the deserialize step runs after signing), so tests can replay or tamper.
 */
function iamClient(
  emu: Emulator,
  credentials: EmulatorCredentials = emu.credentials,
  tamper?: (headers: Record<string, string>) => void,
) {
  const client = officialClient(emu.url, { credentials });
  const sent: SignedRequest[] = [];
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as SignedRequest;
      tamper?.(request.headers);
      const body = request.body as unknown;
      sent.push({
        ...request,
        headers: { ...request.headers },
        body: typeof body === "string" ? body : new TextDecoder().decode(body as Uint8Array),
      });
      return next(args);
    },
    { step: "deserialize", name: "captureSignedRequest" },
  );
  return { client, sent };
}

/** Sends a captured request again with fetch; host and content-length are fetch's to set. */
async function replay(
  emu: Emulator,
  request: SignedRequest,
  change: { headers?: Record<string, string | undefined>; body?: string } = {},
) {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...request.headers, ...change.headers })) {
    if (value !== undefined && name !== "host" && name !== "content-length") headers[name] = value;
  }
  const response = await fetch(`${emu.url}${request.path}?aws_iam=t`, {
    method: request.method,
    headers,
    body: change.body ?? request.body,
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** Changes one character of the Signature in an Authorization header. */
function tamperSignature(authorization: string): string {
  return authorization.replace(
    /Signature=([0-9a-f]*)([0-9a-f])$/,
    (_, head: string, last: string) => `Signature=${head}${last === "0" ? "1" : "0"}`,
  );
}

export { iamClient, replay, tamperSignature };
export type { SignedRequest };
