import { docComment } from "./doc-comment";
import type { GeneratedFile } from "./generated-file";
import { Model } from "./model";

/** `models/models_0.ts`: one interface per structure that is not an error. */
function emitModels(model: Model): GeneratedFile[] {
  const imports = new Set<string>();
  const body = model.structureShapes().map((id) => {
    const members = model.members(id).map((m) => {
      const type = model.tsType(m.target);
      if (model.shape(m.target).type === "enum") imports.add(type);
      const optional = m.required ? "" : "?";
      return `${docComment(m.documentation, "  ")}  ${m.name}${optional}: ${type} | undefined;`;
    });
    const doc = docComment(model.documentation(model.shape(id)));
    return `${doc}interface ${Model.local(id)} {\n${members.join("\n")}\n}\n`;
  });
  const importLine =
    imports.size > 0 ? `import type { ${[...imports].sort().join(", ")} } from "./enums";\n\n` : "";
  const names = model.structureShapes().map((id) => Model.local(id));
  const footer = `\nexport type { ${names.join(", ")} };\n`;
  return [{ path: "models/models_0.ts", content: importLine + body.join("\n") + footer }];
}

export { emitModels };
