import { UnexpectedResponseError } from "./unexpected-response-error";

/** A response member the flow needs: a non-empty string or a finite number. */
function requireMember<T extends object, K extends keyof T & string>(
  output: T,
  member: K,
  operation: string,
): NonNullable<T[K]> {
  const value = output[member];
  const usable =
    (typeof value === "string" && value !== "") ||
    (typeof value === "number" && Number.isFinite(value));
  if (!usable) throw new UnexpectedResponseError(operation, member);
  return value as NonNullable<T[K]>;
}

export { requireMember };
