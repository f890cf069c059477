import { getEndpointFromInstructions } from "@smithy/core/endpoints";
import { CreateTokenCommand } from "../client/index";
import type { SSOOIDCClient } from "../client/index";

/**
 * The base URL the client sends to, without a trailing slash: its `endpoint`, an
 * `AWS_ENDPOINT_URL_SSO_OIDC` setting, or the rule set's regional endpoint, resolved the same way
 * the endpoint middleware resolves it for a request.
 */
async function resolveOidcEndpoint(client: SSOOIDCClient): Promise<string> {
  const endpoint = await getEndpointFromInstructions(
    {},
    CreateTokenCommand as unknown as Parameters<typeof getEndpointFromInstructions>[1],
    client.config as unknown as Parameters<typeof getEndpointFromInstructions>[2],
  );
  return endpoint.url.href.replace(/\/+$/, "");
}

export { resolveOidcEndpoint };
