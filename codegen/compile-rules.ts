import { compileCall, getAttr, paren, type ImportedFunction } from "./rule-functions";
import type { Expression, EndpointRule, FunctionNode, Rule, RuleSet, Value } from "./rule-set";

/*
 * Compiles a Smithy endpoint rule set (the `smithy.rules#endpointRuleSet`
 * trait) into one TypeScript function: a rule's conditions become `if`s, an
 * assignment a `const`, a template a template literal, an error rule a
 * `throw` of the rules engine's own `EndpointError` with the rule's message.
 * It follows the evaluation order of smithy's rules engine
 * (`@smithy/core/endpoints`' `resolveEndpoint`): parameters take their
 * defaults, then rules run in order; a tree whose conditions hold must end in
 * one of its own rules, else resolution fails with "Rules evaluation failed".
 */

/** Names the generated function uses itself; a rule-set name may not take one. */
const RESERVED = new Set(["params", "EndpointError", "URL", "awsPartition", "isValidHostLabel"]);

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** What the compiled function needs from outside: the names it calls. */
interface CompiledRuleSet {
  /** The function's source, named `name`. */
  readonly source: string;
  readonly usesPartition: boolean;
  readonly usesIsValidHostLabel: boolean;
}

class RuleCompiler {
  readonly uses = new Set<ImportedFunction>();

  /** A rule-set name as a local: checked, never renamed, so the code reads as the rules. */
  static local(name: string): string {
    if (!IDENTIFIER.test(name) || RESERVED.has(name)) {
      throw new Error(
        `The endpoint rule set names a value ${JSON.stringify(name)}, which cannot be a local.`,
      );
    }
    return name;
  }

  expression(node: Expression, scope: Map<string, Value>): Value {
    if (typeof node === "string") return this.template(node, scope);
    if (typeof node === "boolean") return { code: String(node), kind: "boolean", optional: false };
    if (typeof node === "number")
      throw new Error("The endpoint rule set uses a number outside a function argument.");
    if ("ref" in node) {
      const value = scope.get(node.ref);
      if (value === undefined)
        throw new Error(`The endpoint rule set reads ${node.ref}, which is not defined there.`);
      return value;
    }
    return this.call(node, scope);
  }

  call(node: FunctionNode, scope: Map<string, Value>): Value {
    return compileCall(node, (arg) => this.expression(arg, scope), this.uses);
  }

  /** `"https://oidc.{Region}.{PartitionResult#dnsSuffix}"` as a template literal. */
  template(text: string, scope: Map<string, Value>): Value {
    if (!text.includes("{")) return { code: JSON.stringify(text), kind: "string", optional: false };
    if (/\{\{|\}\}/.test(text))
      throw new Error(`The endpoint rule set uses an escaped brace in ${JSON.stringify(text)}.`);
    const literal = (part: string) => part.replace(/[\\`]/g, "\\$&").replace(/\$\{/g, "\\${");
    let code = "";
    let rest = text;
    for (let open = rest.indexOf("{"); open !== -1; open = rest.indexOf("{")) {
      const close = rest.indexOf("}", open);
      if (close === -1) break;
      const [ref, attribute] = rest.slice(open + 1, close).split("#") as [
        string,
        string | undefined,
      ];
      const value =
        attribute === undefined
          ? this.expression({ ref }, scope)
          : getAttr(this.expression({ ref }, scope), attribute);
      if (value.kind !== "string")
        throw new Error(`The template ${JSON.stringify(text)} inserts a ${value.kind}.`);
      // A template that is one value is that value.
      if (open === 0 && close === rest.length - 1 && code === "" && !value.optional) return value;
      // The rules engine inserts an unset value as nothing.
      code += `${literal(rest.slice(0, open))}\${${value.optional ? `${value.code} ?? ""` : value.code}}`;
      rest = rest.slice(close + 1);
    }
    return { code: `\`${code}${literal(rest)}\``, kind: "string", optional: false };
  }

  /**
   * The statements of `rules` at `indent`, and whether they always return or
   * throw. A rule whose conditions cannot fail ends the list: the rules engine
   * never reaches the rules after it.
   */
  rules(
    rules: readonly Rule[],
    scope: Map<string, Value>,
    indent: string,
  ): { lines: string[]; ends: boolean } {
    const lines: string[] = [];
    for (const rule of rules) {
      const { lines: ruleLines, ends } = this.rule(rule, new Map(scope), indent);
      lines.push(...ruleLines);
      if (ends) return { lines, ends: true };
    }
    return { lines, ends: false };
  }

  /**
   * One rule: its conditions in order, each assignment a `const` once the
   * conditions before it hold, then its endpoint, error or subtree. Returns
   * whether the rule always ends the resolution (all its conditions always hold).
   */
  rule(rule: Rule, scope: Map<string, Value>, indent: string): { lines: string[]; ends: boolean } {
    const lines: string[] = [];
    if (rule.documentation !== undefined) {
      lines.push(...rule.documentation.split("\n").map((line) => `${indent}// ${line}`.trimEnd()));
    }
    const closers: string[] = [];
    let depth = indent;
    let guards: Value[] = [];
    /** Whether a `const` sits at the rule's own level, where its siblings would see it. */
    let declaresAtTop = false;
    const open = () => {
      if (guards.length === 0) return;
      const test = guards.length === 1 ? guards[0]!.code : guards.map((g) => paren(g)).join(" && ");
      lines.push(`${depth}if (${test}) {`);
      closers.push(`${depth}}`);
      depth += "  ";
      guards = [];
    };
    for (const condition of rule.conditions ?? []) {
      const value = this.call(condition, scope);
      let held = value;
      if (condition.assign !== undefined) {
        const name = RuleCompiler.local(condition.assign);
        if (scope.has(name))
          throw new Error(`The endpoint rule set assigns ${name} twice on one path.`);
        open();
        if (closers.length === 0) declaresAtTop = true;
        lines.push(`${depth}const ${name} = ${value.code};`);
        held = { code: name, kind: value.kind, optional: value.optional };
        scope.set(name, { ...held, optional: false });
      }
      // The rules engine takes a condition to hold unless its value is false or unset
      // (an empty string holds); a partition always holds.
      if (held.kind === "boolean") guards.push(held);
      else if (held.optional)
        guards.push({
          code: `${held.code} != null`,
          kind: "boolean",
          optional: false,
          compound: true,
        });
      // isSet(X) holds from here on: X is no longer optional in this rule.
      const [argument] = condition.argv;
      if (condition.fn === "isSet" && typeof argument === "object" && "ref" in argument) {
        const known = scope.get(argument.ref);
        if (known !== undefined) scope.set(argument.ref, { ...known, optional: false });
      }
    }
    open();
    const inner = depth;
    if (rule.type === "endpoint") {
      lines.push(...this.endpoint(rule, scope, inner));
    } else if (rule.type === "error") {
      lines.push(`${inner}throw new EndpointError(${this.message(rule.error, scope)});`);
    } else {
      const subtree = this.rules(rule.rules, scope, inner);
      lines.push(...subtree.lines);
      if (!subtree.ends) lines.push(`${inner}throw new EndpointError("Rules evaluation failed");`);
    }
    lines.push(...closers.reverse());
    const ends = closers.length === 0;
    // A rule that may not hold and declared a const before its first test gets its own block.
    if (declaresAtTop && !ends) return { lines: [`${indent}{`, ...lines, `${indent}}`], ends };
    return { lines, ends };
  }

  message(node: Expression, scope: Map<string, Value>): string {
    const value = this.expression(node, scope);
    if (value.kind !== "string" || value.optional)
      throw new Error("An error rule's message is not a string.");
    return value.code;
  }

  /** `return { url, headers, properties }`, in the order the rules engine builds them. */
  endpoint({ endpoint }: EndpointRule, scope: Map<string, Value>, indent: string): string[] {
    const url = this.expression(endpoint.url, scope);
    if (url.kind !== "string" || url.optional)
      throw new Error("An endpoint's URL is not a string.");
    const lines = [`${indent}return {`, `${indent}  url: new URL(${url.code}),`];
    if (endpoint.headers !== undefined) {
      const entries = Object.entries(endpoint.headers).map(
        ([name, values]) =>
          `${JSON.stringify(name)}: [${values.map((v) => this.message(v, scope)).join(", ")}]`,
      );
      lines.push(`${indent}  headers: {${entries.join(", ")}},`);
    }
    if (endpoint.properties !== undefined) {
      lines.push(`${indent}  properties: ${this.property(endpoint.properties, scope)},`);
    }
    lines.push(`${indent}};`);
    return lines;
  }

  /** An endpoint property: templates in strings, booleans as they are, arrays and objects through. */
  property(value: unknown, scope: Map<string, Value>): string {
    if (typeof value === "string") return this.template(value, scope).code;
    if (typeof value === "boolean") return String(value);
    if (Array.isArray(value))
      return `[${value.map((entry) => this.property(entry, scope)).join(", ")}]`;
    if (typeof value === "object" && value !== null) {
      const entries = Object.entries(value).map(
        ([key, entry]) =>
          `${IDENTIFIER.test(key) ? key : JSON.stringify(key)}: ${this.property(entry, scope)}`,
      );
      return `{${entries.join(", ")}}`;
    }
    throw new Error(
      `An endpoint property is ${JSON.stringify(value)}, which the rules engine refuses.`,
    );
  }
}

/**
 * The parameters as locals named as in the rule set, with their defaults; a
 * required parameter with neither value nor default fails as the rules engine
 * fails it.
 */
function parameterLines(ruleSet: RuleSet, scope: Map<string, Value>): string[] {
  const lines: string[] = [];
  for (const [name, parameter] of Object.entries(ruleSet.parameters)) {
    const local = RuleCompiler.local(name);
    if (parameter.type !== "string" && parameter.type !== "boolean") {
      throw new Error(
        `The endpoint parameter ${name} is a ${parameter.type}, which the generator does not compile.`,
      );
    }
    if (parameter.documentation !== undefined)
      lines.push(`  /** ${parameter.documentation.trim()} */`);
    const hasDefault = parameter.default !== undefined && parameter.default !== null;
    lines.push(
      hasDefault
        ? `  const ${local} = params.${name} ?? ${JSON.stringify(parameter.default)};`
        : `  const ${local} = params.${name};`,
    );
    if (!hasDefault && parameter.required === true) {
      lines.push(
        `  if (${local} == null) throw new EndpointError("Missing required parameter: '${name}'");`,
      );
    }
    const optional = !hasDefault && parameter.required !== true;
    scope.set(name, { code: local, kind: parameter.type, optional });
  }
  return lines;
}

/** The rule set as the source of `function name(params: EndpointParameters): EndpointV2`. */
function compileRuleSet(ruleSet: RuleSet, name: string, documentation: string): CompiledRuleSet {
  const compiler = new RuleCompiler();
  const scope = new Map<string, Value>();
  const lines = parameterLines(ruleSet, scope);
  const body = compiler.rules(ruleSet.rules, scope, "  ");
  lines.push(...body.lines);
  if (!body.ends) lines.push(`  throw new EndpointError("Rules evaluation failed");`);
  const source = `${documentation}
function ${name}(params: EndpointParameters): EndpointV2 {
${lines.join("\n")}
}
`;
  return {
    source,
    usesPartition: compiler.uses.has("awsPartition"),
    usesIsValidHostLabel: compiler.uses.has("isValidHostLabel"),
  };
}

export { compileRuleSet };
export type { CompiledRuleSet };
