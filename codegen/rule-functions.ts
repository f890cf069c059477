import type { Expression, FunctionNode, Value, ValueKind } from "./rule-set";

/*
 * The rules' functions as TypeScript expressions. Each is direct code with the
 * rules engine's semantics (`@smithy/core/endpoints`' function library):
 * `isSet` is `!= null`, the equalities are `===`, `getAttr` a property read,
 * `aws.partition` a look-up in the generated partitions table. Only what a
 * rule set of this model calls is compiled; any other function makes codegen
 * fail with its name, so a model update that needs one is noticed then, not
 * at run time.
 */

/** The functions compiled code imports, by the name it calls them. */
type ImportedFunction = "awsPartition" | "isValidHostLabel";

/** The attributes of a partition the rules may read (`{PartitionResult#dnsSuffix}`, `getAttr`). */
const PARTITION_ATTRIBUTES: Record<string, ValueKind> = {
  name: "string",
  dnsSuffix: "string",
  dualStackDnsSuffix: "string",
  implicitGlobalRegion: "string",
  supportsFIPS: "boolean",
  supportsDualStack: "boolean",
};

/** `getAttr(PartitionResult, "dnsSuffix")` and `{PartitionResult#dnsSuffix}`: a property read. */
function getAttr(target: Value, path: string): Value {
  const kind = target.kind === "partition" ? PARTITION_ATTRIBUTES[path] : undefined;
  if (kind === undefined || target.optional) {
    throw new Error(
      `The endpoint rule set reads ${path} of a ${target.kind}, which the generator does not compile.`,
    );
  }
  return { code: `${target.code}.${path}`, kind, optional: false };
}

/** A function call of the rules, its arguments compiled by `evaluate`. */
function compileCall(
  { fn, argv }: FunctionNode,
  evaluate: (node: Expression) => Value,
  uses: Set<ImportedFunction>,
): Value {
  const args = () => argv.map(evaluate);
  switch (fn) {
    case "isSet": {
      const [value] = args() as [Value];
      return { code: `${value.code} != null`, kind: "boolean", optional: false, compound: true };
    }
    case "not": {
      const [value] = args() as [Value];
      return { code: `!${paren(value)}`, kind: "boolean", optional: false };
    }
    case "booleanEquals":
      return equals(...(args() as [Value, Value]));
    case "stringEquals": {
      const [left, right] = args() as [Value, Value];
      return {
        code: `${left.code} === ${right.code}`,
        kind: "boolean",
        optional: false,
        compound: true,
      };
    }
    case "getAttr": {
      const [target, path] = argv as [Expression, unknown];
      if (typeof path !== "string")
        throw new Error("getAttr with a computed path is not compiled.");
      return getAttr(evaluate(target), path);
    }
    case "aws.partition": {
      const [region] = args() as [Value];
      if (region.kind !== "string" || region.optional) {
        throw new Error("aws.partition is called on a value that may be unset.");
      }
      uses.add("awsPartition");
      return { code: `awsPartition(${region.code})`, kind: "partition", optional: false };
    }
    // Smithy's own check, which `@smithy/core/endpoints` re-exports from its transport
    // module: importing it brings no part of the rules engine.
    case "isValidHostLabel": {
      const [value, allowSubDomains] = argv as [Expression, unknown];
      const label = evaluate(value);
      uses.add("isValidHostLabel");
      const extra = allowSubDomains === undefined ? "" : `, ${JSON.stringify(allowSubDomains)}`;
      return {
        code: `isValidHostLabel(${label.code}${extra})`,
        kind: "boolean",
        optional: false,
      };
    }
    default:
      throw new Error(
        `The endpoint rule set calls ${fn}, which the generator does not compile yet.`,
      );
  }
}

function paren(value: Value, needed = true): string {
  return value.compound && needed ? `(${value.code})` : value.code;
}

/** `booleanEquals`: a known boolean compared with a literal reads as itself or its negation. */
function equals(left: Value, right: Value): Value {
  const [literal, other] =
    right.code === "true" || right.code === "false" ? [right, left] : [left, right];
  if (
    (literal.code === "true" || literal.code === "false") &&
    other.kind === "boolean" &&
    !other.optional
  ) {
    return literal.code === "true"
      ? other
      : { code: `!${paren(other)}`, kind: "boolean", optional: false };
  }
  return {
    code: `${left.code} === ${right.code}`,
    kind: "boolean",
    optional: false,
    compound: true,
  };
}

export { compileCall, getAttr, paren };
export type { ImportedFunction };
