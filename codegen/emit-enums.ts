import { docComment } from "./doc-comment";
import type { GeneratedFile } from "./generated-file";
import { Model } from "./model";

/**
 * `models/enums.ts`: each enum as the official package exports it, a frozen
 * value object and a union type of the same name.
 */
function emitEnums(model: Model): GeneratedFile[] {
  const body = model.enumShapes().map((id) => {
    const name = Model.local(id);
    const shape = model.shape(id);
    const entries = Object.entries(shape.members ?? {})
      .map(([key, member]) => {
        const value = model.trait<string>(member, "smithy.api#enumValue") ?? key;
        return [key, value] as const;
      })
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, value]) => `  ${key}: ${JSON.stringify(value)},`);
    return (
      `${docComment(model.documentation(shape))}const ${name} = {\n${entries.join("\n")}\n} as const;\n\n` +
      `type ${name} = (typeof ${name})[keyof typeof ${name}];\n`
    );
  });
  const names = model.enumShapes().map((id) => Model.local(id));
  const footer = `\nexport { ${names.join(", ")} };\n`;
  return [{ path: "models/enums.ts", content: body.join("\n") + footer }];
}

export { emitEnums };
