/** RFC 8252 §7.3 loopback hosts; `localhost` too, which §8.3 discourages but tools still use. */
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]", "localhost"]);

function parse(uri: string): URL | undefined {
  try {
    return new URL(uri);
  } catch {
    return undefined;
  }
}

/**
 * A redirect URI a native app can listen on: plain http to a loopback host (RFC 8252 §7.3),
 * no fragment (RFC 6749 §3.1.2) and no userinfo.
 */
function isLoopbackRedirectUri(uri: string): boolean {
  const url = parse(uri);
  return (
    url !== undefined &&
    url.protocol === "http:" &&
    LOOPBACK_HOSTS.has(url.hostname) &&
    url.hash === "" &&
    !uri.includes("#") &&
    url.username === "" &&
    url.password === ""
  );
}

/**
 * RFC 8252 §7.3: "The authorization server MUST allow any port to be specified at the time of
 * the request for loopback IP redirect URIs", so only the port may differ from a registered URI.
 */
function matchesRegisteredRedirectUri(registered: string[], requested: string): boolean {
  const actual = parse(requested);
  if (!actual || !isLoopbackRedirectUri(requested)) return false;
  return registered.some((uri) => {
    const expected = parse(uri);
    return (
      expected !== undefined &&
      expected.protocol === actual.protocol &&
      expected.hostname === actual.hostname &&
      expected.pathname === actual.pathname &&
      expected.search === actual.search
    );
  });
}

export { isLoopbackRedirectUri, matchesRegisteredRedirectUri };
