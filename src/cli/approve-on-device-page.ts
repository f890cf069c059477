import { CliError } from "./cli-command.js";

const ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
};

function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of tag.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)="([^"]*)"/g)) {
    found.set(
      match[1]!.toLowerCase(),
      match[2]!.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!),
    );
  }
  return found;
}

interface FormSubmission {
  action: URL;
  body: URLSearchParams;
}

/**
 * What a browser sends when the user clicks the button labelled `buttonText`: the form's
 * action, its named inputs, and the clicked button's own name=value (HTML §4.10.21.4, the
 * submitter is part of the form data set).
 */
function submissionFor(
  html: string,
  pageUrl: string,
  buttonText: string,
): FormSubmission | undefined {
  for (const form of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const [, formTag = "", inner = ""] = form;
    const button = [...inner.matchAll(/<button\b([^>]*)>\s*([^<]*?)\s*<\/button>/gi)].find(
      (candidate) => candidate[2] === buttonText,
    );
    if (!button) continue;
    const body = new URLSearchParams();
    for (const input of inner.matchAll(/<input\b([^>]*?)\/?>/gi)) {
      const attrs = attributes(input[1] ?? "");
      const name = attrs.get("name");
      if (name !== undefined) body.append(name, attrs.get("value") ?? "");
    }
    const buttonAttrs = attributes(button[1] ?? "");
    const name = buttonAttrs.get("name");
    if (name !== undefined) body.append(name, buttonAttrs.get("value") ?? "");
    const action = new URL(attributes(formTag).get("action") ?? "", pageUrl);
    return { action, body };
  }
  return undefined;
}

/**
 * Approves a device code on the service's verification page over plain HTTP, exactly as a
 * browser without JavaScript would: GET the page (RFC 8628 §3.3 verification_uri_complete),
 * then POST its form with the Approve button, from the page's own origin.
 */
async function approveOnDevicePage(pageUrl: string): Promise<{ action: URL; fields: string[] }> {
  const page = await fetch(pageUrl, { redirect: "error" });
  const html = await page.text();
  const submission = page.ok ? submissionFor(html, pageUrl, "Approve") : undefined;
  if (!submission) {
    throw new CliError(
      "DEMO_FAILED",
      `The device page ${pageUrl} answered ${page.status} without an Approve button.`,
    );
  }
  const answer = await fetch(submission.action, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: new URL(pageUrl).origin,
    },
    body: submission.body.toString(),
    redirect: "error",
  });
  await answer.text();
  if (!answer.ok) {
    throw new CliError(
      "DEMO_FAILED",
      `Approving on ${submission.action.href} failed with HTTP ${answer.status}.`,
    );
  }
  return { action: submission.action, fields: [...submission.body.keys()] };
}

export { approveOnDevicePage };
