import type { IncomingMessage } from "node:http";
import { readBody } from "./read-body.js";

/** Why a page's form submission was refused, with the status the page answers. */
class FormError extends Error {
  override readonly name = "FormError";
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/**
 * Reads an HTML form post. A browser sends `Origin` with every POST; refusing foreign origins
 * keeps other sites from approving a login behind the user's back (RFC 6749 §10.12, CSRF).
 */
async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${req.headers.host}`) {
    throw new FormError(403, "This form can only be submitted from the emulator's own pages.");
  }
  const mediaType = req.headers["content-type"]?.split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/x-www-form-urlencoded") {
    throw new FormError(415, "Expected a form submission (application/x-www-form-urlencoded).");
  }
  const body = await readBody(req).catch(() => {
    throw new FormError(413, "The form submission is too large.");
  });
  return new URLSearchParams(body.toString("utf8"));
}

export { readForm, FormError };
