import { Model } from "./model";
import type { GeneratedFile } from "./generated-file";

/**
 * `models/log-filters.ts`: for each structure, a function that copies it with
 * every `@sensitive` member replaced by `***SensitiveInformation***`, so that
 * loggers never see a secret. Nested structures are filtered by their own
 * function.
 */
const emitLogFilters = (model: Model): GeneratedFile[] => {
  const types = new Set<string>();
  const functions = model
    .structureShapes()
    .filter((id) => model.hasSensitive(id))
    .map((id) => {
      const name = Model.local(id);
      types.add(name);
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
export const ${name}FilterSensitiveLog = (obj: ${name}): any => ({
  ...obj,
${lines.join("\n")}
});
`;
    });
  const header =
    `import { SENSITIVE_STRING } from "@smithy/core/client";\n` +
    `import type { ${[...types].sort().join(", ")} } from "./models_0";\n\n`;
  return [{ path: "models/log-filters.ts", content: header + functions.join("\n") }];
};

export { emitLogFilters };
