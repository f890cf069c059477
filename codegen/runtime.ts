import { dirname, posix } from "node:path";

/**
 * Every entry point of `src/runtime/` the generated code imports: its name,
 * the module that exports it, and whether it is a type. Emitters ask for
 * names; a runtime module's path is written here and nowhere else.
 */
const RUNTIME_ENTRY_POINTS = {
  SSOOIDCClientConfig: { module: "config", type: true },
  SSOOIDCClientResolvedConfig: { module: "config", type: true },
  resolveClientConfig: { module: "config", type: false },
  applyRuntimeExtensions: { module: "extensions", type: false },
  getUserAgentPlugin: { module: "user-agent", type: false },
  getHostHeaderPlugin: { module: "middleware", type: false },
  getLoggerPlugin: { module: "middleware", type: false },
  sendCommand: { module: "send", type: false },
  getCommandSerdePlugin: { module: "middleware", type: false },
  getRecursionDetectionPlugin: { module: "recursion-detection", type: false },
  getSigV4Plugin: { module: "signing", type: false },
  EndpointParameters: { module: "config", type: true },
  AuthConfig: { module: "signing", type: true },
  AuthSchemeParameters: { module: "signing", type: true },
  createHttpAuthSchemes: { module: "signing", type: false },
  httpAuthSchemeParametersProvider: { module: "signing", type: false },
  identityProviderConfigProvider: { module: "signing", type: false },
  noAuthOption: { module: "signing", type: false },
  sigV4AuthOption: { module: "signing", type: false },
  createEndpointResolver: { module: "endpoint", type: false },
  findPartition: { module: "endpoint", type: false },
  Partition: { module: "endpoint", type: true },
  PartitionOutputs: { module: "endpoint", type: true },
  InvalidInputError: { module: "errors", type: false },
  buildJsonRequest: { module: "serialize", type: false },
  checkInputObject: { module: "serialize", type: false },
  checkString: { module: "serialize", type: false },
  checkStringList: { module: "serialize", type: false },
  readInteger: { module: "deserialize", type: false },
  readLong: { module: "deserialize", type: false },
  readObject: { module: "deserialize", type: false },
  readOutputObject: { module: "deserialize", type: false },
  readString: { module: "deserialize", type: false },
  readStringList: { module: "deserialize", type: false },
  throwServiceError: { module: "deserialize", type: false },
  ExceptionClass: { module: "deserialize", type: true },
  OutputSite: { module: "deserialize", type: true },
} as const;

type RuntimeName = keyof typeof RUNTIME_ENTRY_POINTS;

/** A runtime name, or a name with the local alias it takes where it would clash. */
type RuntimeImport = RuntimeName | { readonly name: RuntimeName; readonly as: string };

/**
 * The import statements a generated file needs for `names`, one per runtime
 * module, sorted by module, with the path relative to `file` (a path under
 * `src/client/`).
 */
function importRuntime(file: string, names: readonly RuntimeImport[]): string {
  const byModule = new Map<string, { name: RuntimeName; as?: string }[]>();
  for (const entry of names) {
    const item = typeof entry === "string" ? { name: entry } : entry;
    const { module } = RUNTIME_ENTRY_POINTS[item.name];
    byModule.set(module, [...(byModule.get(module) ?? []), item]);
  }
  const from = posix.join("src/client", dirname(file));
  return [...byModule]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([module, items]) => {
      const path = posix.relative(from, posix.join("src/runtime", module));
      const allTypes = items.every(({ name }) => RUNTIME_ENTRY_POINTS[name].type);
      const specifiers = items
        .sort((a, b) => a.name.localeCompare(b.name))
        .map(({ name, as }) => {
          const typePrefix = !allTypes && RUNTIME_ENTRY_POINTS[name].type ? "type " : "";
          return `${typePrefix}${name}${as === undefined ? "" : ` as ${as}`}`;
        });
      return `import ${allTypes ? "type " : ""}{ ${specifiers.join(", ")} } from "${path}";\n`;
    })
    .join("");
}

export { importRuntime };
export type { RuntimeImport, RuntimeName };
