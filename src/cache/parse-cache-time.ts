/**
 * Times as the tools that share the cache write them: the AWS CLI's `2025-01-01T00:00:00Z`,
 * the JS SDK's `toISOString()` with milliseconds, an explicit offset (`+00:00`), and botocore's
 * `%Z` rendering of UTC (`2025-01-01T00:00:00UTC`). Anything else is undefined, not a guess.
 */
const CACHE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|UTC|[+-]\d{2}:\d{2})$/;

function parseCacheTime(value: unknown): Date | undefined {
  if (typeof value !== "string" || !CACHE_TIME.test(value)) return undefined;
  const ms = Date.parse(value.replace(/UTC$/, "Z"));
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

export { parseCacheTime };
