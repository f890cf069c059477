import { readFileSync } from "node:fs";

/** The subset of the Smithy JSON AST the generator reads. */
interface MemberNode {
  target: string;
  traits?: Record<string, unknown>;
}

interface ShapeNode {
  type: string;
  traits?: Record<string, unknown>;
  members?: Record<string, MemberNode>;
  member?: MemberNode;
  input?: { target: string };
  output?: { target: string };
  errors?: { target: string }[];
  operations?: { target: string }[];
  version?: string;
}

interface Member {
  name: string;
  target: string;
  required: boolean;
  sensitive: boolean;
  documentation?: string;
}

interface Operation {
  name: string;
  input: string;
  output: string;
  errors: string[];
  method: string;
  path: string;
  query: Record<string, string>;
  signed: boolean;
  documentation?: string;
}

const NAMESPACE = "com.amazonaws.ssooidc";

class Model {
  readonly shapes: Record<string, ShapeNode>;

  constructor(path: string) {
    const ast = JSON.parse(readFileSync(path, "utf8")) as { shapes: Record<string, ShapeNode> };
    this.shapes = ast.shapes;
  }

  shape(id: string): ShapeNode {
    const shape = this.shapes[id];
    if (shape === undefined) throw new Error(`The model has no shape ${id}.`);
    return shape;
  }

  /** `com.amazonaws.ssooidc#CreateTokenRequest` → `CreateTokenRequest`. */
  static local(id: string): string {
    return id.slice(id.indexOf("#") + 1);
  }

  service(): { id: string; shape: ShapeNode } {
    const entry = Object.entries(this.shapes).find(([, shape]) => shape.type === "service");
    if (entry === undefined) throw new Error("The model has no service shape.");
    return { id: entry[0], shape: entry[1] };
  }

  trait<T>(node: { traits?: Record<string, unknown> }, name: string): T | undefined {
    return node.traits?.[name] as T | undefined;
  }

  documentation(node: { traits?: Record<string, unknown> }): string | undefined {
    return this.trait<string>(node, "smithy.api#documentation");
  }

  isSensitive(target: string): boolean {
    const shape = this.shapes[target];
    return shape !== undefined && this.trait(shape, "smithy.api#sensitive") !== undefined;
  }

  members(id: string): Member[] {
    const shape = this.shape(id);
    return Object.entries(shape.members ?? {}).map(([name, node]) => ({
      name,
      target: node.target,
      required: this.trait(node, "smithy.api#required") !== undefined,
      sensitive: this.isSensitive(node.target),
      documentation: this.documentation(node),
    }));
  }

  operations(): Operation[] {
    const { shape } = this.service();
    return (shape.operations ?? [])
      .map(({ target }) => {
        const op = this.shape(target);
        const http = this.trait<{ method: string; uri: string }>(op, "smithy.api#http");
        if (http === undefined || op.input === undefined || op.output === undefined) {
          throw new Error(`Operation ${target} needs input, output and an http trait.`);
        }
        const [path, queryText = ""] = http.uri.split("?");
        const query = Object.fromEntries(new URLSearchParams(queryText));
        const auth = this.trait<string[]>(op, "smithy.api#auth");
        return {
          name: Model.local(target),
          input: op.input.target,
          output: op.output.target,
          errors: (op.errors ?? []).map((e) => e.target),
          method: http.method,
          path: path ?? "/",
          query,
          signed: auth === undefined || auth.length > 0,
          documentation: this.documentation(op),
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  errorShapes(): string[] {
    return Object.keys(this.shapes)
      .filter((id) => this.trait(this.shapes[id]!, "smithy.api#error") !== undefined)
      .sort();
  }

  enumShapes(): string[] {
    return Object.keys(this.shapes)
      .filter((id) => this.shapes[id]!.type === "enum")
      .sort();
  }

  /** Structures that are neither errors nor operation inputs or outputs. */
  structureShapes(): string[] {
    return Object.keys(this.shapes)
      .filter((id) => this.shapes[id]!.type === "structure")
      .filter((id) => this.trait(this.shapes[id]!, "smithy.api#error") === undefined)
      .sort();
  }

  /** The TypeScript type of a member's target. */
  tsType(target: string): string {
    if (target === "smithy.api#String") return "string";
    const shape = this.shape(target);
    switch (shape.type) {
      case "string":
        return "string";
      case "integer":
      case "long":
        return "number";
      case "boolean":
        return "boolean";
      case "enum":
      case "structure":
        return Model.local(target);
      case "list":
        return `${this.tsType(shape.member!.target)}[]`;
      default:
        throw new Error(`No TypeScript type for ${target} (${shape.type}).`);
    }
  }

  /** True when a structure holds a sensitive member, directly or nested. */
  hasSensitive(id: string): boolean {
    return this.members(id).some(
      (m) =>
        m.sensitive || (this.shape(m.target).type === "structure" && this.hasSensitive(m.target)),
    );
  }
}

export { Model, NAMESPACE };
export type { Member, Operation, ShapeNode };
