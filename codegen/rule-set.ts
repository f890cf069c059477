/*
 * The parts of a Smithy endpoint rule set (the `smithy.rules#endpointRuleSet`
 * trait) the generator reads, and what it knows of a value while compiling.
 */

type Expression = string | boolean | number | ReferenceNode | FunctionNode;

interface ReferenceNode {
  ref: string;
}

interface FunctionNode {
  fn: string;
  argv: Expression[];
}

interface Condition extends FunctionNode {
  assign?: string;
}

interface RuleBase {
  conditions?: Condition[];
  documentation?: string;
}

interface EndpointRule extends RuleBase {
  type: "endpoint";
  endpoint: {
    url: Expression;
    properties?: Record<string, unknown>;
    headers?: Record<string, Expression[]>;
  };
}

interface ErrorRule extends RuleBase {
  type: "error";
  error: Expression;
}

interface TreeRule extends RuleBase {
  type: "tree";
  rules: Rule[];
}

type Rule = EndpointRule | ErrorRule | TreeRule;

interface RuleSetParameter {
  type: string;
  builtIn?: string;
  required?: boolean;
  default?: unknown;
  documentation?: string;
}

interface RuleSet {
  parameters: Record<string, RuleSetParameter>;
  rules: Rule[];
}

/** A value's static type: `partition` is what `aws.partition` returns. */
type ValueKind = "string" | "boolean" | "partition";

interface Value {
  readonly code: string;
  readonly kind: ValueKind;
  /** May be `undefined` (an unset parameter) at this point of the rules. */
  readonly optional: boolean;
  /** Needs parentheses as an operand of `!` or `&&`. */
  readonly compound?: boolean;
}

export type {
  Condition,
  EndpointRule,
  ErrorRule,
  Expression,
  FunctionNode,
  Rule,
  RuleSet,
  RuleSetParameter,
  TreeRule,
  Value,
  ValueKind,
};
