import type { Emulator } from "../../../src/emulator/index.js";

/** Posts a form as the emulator's own pages do (same Origin), without following redirects. */
function postForm(
  emu: Emulator,
  path: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return fetch(`${emu.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: emu.url, ...headers },
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

export { postForm, alertText };
