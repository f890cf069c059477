import { docComment } from "./doc-comment";
import { Model } from "./model";
import type { GeneratedFile } from "./generated-file";

/**
 * `models/enums.ts`: each enum as the official package exports it, a frozen
 * value object and a union type of the same name.
 */
const emitEnums = (model: Model): GeneratedFile[] => {
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
      `${docComment(model.documentation(shape))}export const ${name} = {\n${entries.join("\n")}\n} as const;\n\n` +
      `export type ${name} = (typeof ${name})[keyof typeof ${name}];\n`
    );
  });
  return [{ path: "models/enums.ts", content: body.join("\n") }];
};

export { emitEnums };
