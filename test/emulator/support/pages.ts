/** Posts a form as the emulator's own pages do (same Origin), without following redirects. */
function postForm(
  baseUrl: string,
  path: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: baseUrl, ...headers },
    body: new URLSearchParams(form).toString(),
    redirect: "manual",
  });
}

const ENTITIES: Record<string, string> = {
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
  "&amp;": "&",
};

/** The alert paragraph of an error page, as the user reads it. */
async function alertText(response: Response): Promise<string> {
  const raw = /<p class="error" role="alert">([^<]*)<\/p>/.exec(await response.text())?.[1] ?? "";
  return raw.replace(/&(lt|gt|quot|#39|amp);/g, (entity) => ENTITIES[entity] ?? entity);
}

/** Reads the consent form's hidden id the way a browser would submit it back. */
function consentIdFrom(html: string): string {
  const match = /name="consent_id" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error(`no consent form in page:\n${html}`);
  return match[1];
}

/** Submits the consent form as a browser does, without following the redirect. */
function submitConsent(baseUrl: string, consentId: string, decision: "approve" | "deny") {
  return postForm(baseUrl, "/authorize", { consent_id: consentId, decision });
}

export { postForm, alertText, consentIdFrom, submitConsent };
