import { docComment } from "./doc-comment";
import { Model, NAMESPACE } from "./model";
import type { GeneratedFile } from "./generated-file";

const baseException = (): GeneratedFile => ({
  path: "models/SSOOIDCServiceException.ts",
  content: `import { ServiceException, type ServiceExceptionOptions } from "@smithy/core/client";

/** The base of every exception this client throws for a service error. */
export class SSOOIDCServiceException extends ServiceException {
  static override readonly shapeId: string = "smithy.ts.sdk.synthetic.${NAMESPACE}#SSOOIDCServiceException";

  constructor(options: ServiceExceptionOptions) {
    super(options);
    Object.setPrototypeOf(this, SSOOIDCServiceException.prototype);
  }
}
`,
});

/** `models/errors.ts`: one class per modeled error, with its members and fault. */
const emitErrors = (model: Model): GeneratedFile[] => {
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
    return `${docComment(model.documentation(shape))}export class ${name} extends __BaseException {
  static override readonly shapeId: string = ${JSON.stringify(id)};
  override readonly name = ${JSON.stringify(name)} as const;
  override readonly $fault = ${JSON.stringify(fault)} as const;
${fields.join("\n")}

  constructor(opts: __ExceptionOptionType<${name}, __BaseException>) {
    super({ name: ${JSON.stringify(name)}, $fault: ${JSON.stringify(fault)}, ...opts });
    Object.setPrototypeOf(this, ${name}.prototype);
${copies.join("\n")}
  }
}
`;
  });
  const header =
    `import type { ExceptionOptionType as __ExceptionOptionType } from "@smithy/core/client";\n` +
    (enumImports.size > 0
      ? `import type { ${[...enumImports].sort().join(", ")} } from "./enums";\n`
      : "") +
    `import { SSOOIDCServiceException as __BaseException } from "./SSOOIDCServiceException";\n\n`;
  return [baseException(), { path: "models/errors.ts", content: header + classes.join("\n") }];
};

export { emitErrors };
