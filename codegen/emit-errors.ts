import { docComment } from "./doc-comment";
import type { GeneratedFile } from "./generated-file";
import { Model, NAMESPACE } from "./model";

function baseException(): GeneratedFile {
  return {
    path: "models/SSOOIDCServiceException.ts",
    content: `import { ServiceException, type ServiceExceptionOptions } from "@smithy/core/client";

/** The base of every exception this client throws for a service error. */
class SSOOIDCServiceException extends ServiceException {
  static override readonly shapeId: string = "smithy.ts.sdk.synthetic.${NAMESPACE}#SSOOIDCServiceException";

  constructor(options: ServiceExceptionOptions) {
    super(options);
    // \`new.target\`, not the class's own name: a class that names itself in its
    // body is emitted by bundlers (esbuild) as \`class _X\`, and its \`name\` is then wrong.
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

export { SSOOIDCServiceException };
`,
  };
}

/** `models/errors.ts`: one class per modeled error, with its members and fault. */
function emitErrors(model: Model): GeneratedFile[] {
  const enumImports = new Set<string>();
  const classes = model.errorShapes().map((id) => {
    const name = Model.local(id);
    const shape = model.shape(id);
    const fault = model.trait<string>(shape, "smithy.api#error");
    const members = model.members(id);
    const fields = members.map((m) => {
      const type = model.tsType(m.target);
      if (model.shape(m.target).type === "enum") enumImports.add(type);
      return `${docComment(m.documentation, "  ")}  ${m.name}?: ${type} | undefined;`;
    });
    const copies = members.map((m) => `    this.${m.name} = opts.${m.name};`);
    return `${docComment(model.documentation(shape))}class ${name} extends SSOOIDCServiceException {
  static override readonly shapeId: string = ${JSON.stringify(id)};
  override readonly name = ${JSON.stringify(name)} as const;
  override readonly $fault = ${JSON.stringify(fault)} as const;
${fields.join("\n")}

  constructor(opts: ExceptionOptionType<${name}, SSOOIDCServiceException>) {
    super({ name: ${JSON.stringify(name)}, $fault: ${JSON.stringify(fault)}, ...opts });
    Object.setPrototypeOf(this, new.target.prototype);
${copies.join("\n")}
  }
}
`;
  });
  const names = model.errorShapes().map((id) => Model.local(id));
  const header =
    `import type { ExceptionOptionType } from "@smithy/core/client";\n` +
    (enumImports.size > 0
      ? `import type { ${[...enumImports].sort().join(", ")} } from "./enums";\n`
      : "") +
    `import { SSOOIDCServiceException } from "./SSOOIDCServiceException";\n\n`;
  const footer = `\nexport { ${names.join(", ")} };\n`;
  return [
    baseException(),
    { path: "models/errors.ts", content: header + classes.join("\n") + footer },
  ];
}

export { emitErrors };
