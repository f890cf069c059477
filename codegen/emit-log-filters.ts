import type { GeneratedFile } from "./generated-file";
import { Model } from "./model";

/**
 * `models/log-filters.ts`: for each structure, a function that copies it with
 * every `@sensitive` member replaced by `***SensitiveInformation***`, so that
 * loggers never see a secret. Nested structures are filtered by their own
 * function.
 */
function emitLogFilters(model: Model): GeneratedFile[] {
  const types = new Set<string>();
  const names: string[] = [];
  const functions = model
    .structureShapes()
    .filter((id) => model.hasSensitive(id))
    .map((id) => {
      const name = Model.local(id);
      types.add(name);
      names.push(`${name}FilterSensitiveLog`);
      const lines = model.members(id).flatMap((m) => {
        if (m.sensitive) {
          return [`  ...(obj.${m.name} !== undefined && { ${m.name}: SENSITIVE_STRING }),`];
        }
        if (model.shape(m.target).type === "structure" && model.hasSensitive(m.target)) {
          const nested = `${Model.local(m.target)}FilterSensitiveLog`;
          return [`  ...(obj.${m.name} !== undefined && { ${m.name}: ${nested}(obj.${m.name}) }),`];
        }
        return [];
      });
      return `/** ${name} with its sensitive members hidden, for logs. */
function ${name}FilterSensitiveLog(obj: ${name}): any {
  return {
    ...obj,
${lines.map((line) => `  ${line}`).join("\n")}
  };
}
`;
    });
  const header =
    `import { SENSITIVE_STRING } from "@smithy/core/client";\n` +
    `import type { ${[...types].sort().join(", ")} } from "./models_0";\n\n`;
  const footer = `\nexport { ${names.join(", ")} };\n`;
  return [{ path: "models/log-filters.ts", content: header + functions.join("\n") + footer }];
}

export { emitLogFilters };
