/**
 * `YYYY-MM-DDTHH:MM:SSZ`, the AWS CLI's `%Y-%m-%dT%H:%M:%SZ`. Milliseconds are dropped
 * (rounding down), so a cached expiry is never later than the real one.
 */
function formatCacheTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export { formatCacheTime };
