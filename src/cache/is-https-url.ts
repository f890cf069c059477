/** True for a parseable URL with the https scheme, as a start URL must be. */
function isHttpsUrl(text: string): boolean {
  try {
    return new URL(text).protocol === "https:";
  } catch {
    return false;
  }
}

export { isHttpsUrl };
