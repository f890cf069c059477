import type {
  Endpoint,
  HttpRequest as IHttpRequest,
  QueryParameterBag,
  SerdeContext,
} from "@smithy/types";
import { HttpRequest } from "@smithy/core/protocols";

/**
 * A restJson1 POST to `path` under the endpoint's own path, joined as the
 * official client joins them: `http://host/base` sends `/base/token`, and
 * `http://host/base/` sends `/base//token`, so both clients put the same
 * bytes on the wire.
 */
const buildJsonRequest = async (
  context: SerdeContext,
  path: string,
  query: QueryParameterBag | undefined,
  body: string,
): Promise<IHttpRequest> => {
  const endpoint: Endpoint = await context.endpoint();
  const basePath = endpoint.path === "/" ? "" : endpoint.path;
  return new HttpRequest({
    protocol: endpoint.protocol,
    hostname: endpoint.hostname,
    port: endpoint.port,
    method: "POST",
    path: `${basePath}${path}`,
    query: query ?? {},
    headers: { "content-type": "application/json" },
    body,
  });
};

export { buildJsonRequest };
