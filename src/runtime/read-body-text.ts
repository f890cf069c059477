import type { HttpResponse, SerdeContext } from "@smithy/types";
import { collectBody } from "@smithy/core/protocols";

/** The whole response body as text, whatever the handler delivered it as. */
const readBodyText = async (response: HttpResponse, context: SerdeContext): Promise<string> => {
  const bytes = await collectBody(response.body, context);
  return context.utf8Encoder(bytes);
};

export { readBodyText };
