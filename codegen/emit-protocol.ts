import type { GeneratedFile } from "./generated-file";
import { Model, type Member, type Operation } from "./model";
import { importRuntime, type RuntimeName } from "./runtime";

/** The runtime reader each simple shape type needs; structures get a generated reader. */
const READERS: Record<string, RuntimeName> = {
  string: "readString",
  enum: "readString",
  integer: "readInteger",
  long: "readLong",
  list: "readStringList",
};

/** The input check for one member; only the shapes this service's inputs use. */
function checkerFor(model: Model, op: Operation, m: Member): "checkString" | "checkStringList" {
  const shape = model.shape(m.target);
  if (shape.type === "string") return "checkString";
  if (shape.type === "list" && model.shape(shape.member!.target).type === "string") {
    return "checkStringList";
  }
  throw new Error(`${op.name}: input member ${m.name} has a shape the serializer does not handle.`);
}

function checkCall(model: Model, op: Operation, m: Member): string {
  const args = `problems, input.${m.name}, ${JSON.stringify(m.name)}, ${m.required}`;
  return `${checkerFor(model, op, m)}(${args});`;
}

/** The expression that reads one output member of the given target from `value`. */
function readExpression(model: Model, target: string, value: string, path: string): string {
  const shape = model.shape(target);
  switch (shape.type) {
    case "string":
      return `readString(${value}, site, ${path})`;
    case "enum":
      return `readString(${value}, site, ${path}) as ${Model.local(target)}`;
    case "integer":
      return `readInteger(${value}, site, ${path})`;
    case "long":
      return `readLong(${value}, site, ${path})`;
    case "list":
      if (model.shape(shape.member!.target).type === "string") {
        return `readStringList(${value}, site, ${path})`;
      }
      break;
    case "structure":
      return `read${Model.local(target)}(${value}, site, ${path})`;
  }
  throw new Error(`No output reader for ${target} (${shape.type}).`);
}

function memberReads(model: Model, id: string, pathPrefix: string): string[] {
  return model.members(id).map((m) => {
    const path = pathPrefix === "" ? JSON.stringify(m.name) : `\`\${${pathPrefix}}.${m.name}\``;
    const read = readExpression(model, m.target, `data.${m.name}`, path);
    return `  if (data.${m.name} != null) contents.${m.name} = ${read};`;
  });
}

/** Nested structures reachable from an output, each read by its own function. */
function nestedStructures(model: Model, id: string, found = new Set<string>()): Set<string> {
  for (const m of model.members(id)) {
    if (model.shape(m.target).type === "structure" && !found.has(m.target)) {
      found.add(m.target);
      nestedStructures(model, m.target, found);
    }
  }
  return found;
}

/**
 * Grant codes are bearer credentials though the model does not mark them: an authorization code
 * (RFC 6749 §10.5) or a device code (RFC 8628 §5.2) is redeemed for tokens by whoever holds it.
 */
const GRANT_CODE_SHAPES = new Set(["AuthCode", "DeviceCode"]);

/**
 * The member names of an operation's input and output, nested ones included, whose values no
 * message may show: the model's `@sensitive` members and the grant codes. The input's count too,
 * for a server that echoes the request.
 */
function sensitiveMemberNames(model: Model, op: Operation): string[] {
  const names = new Set<string>();
  const visit = (id: string, seen: Set<string>) => {
    for (const m of model.members(id)) {
      if (m.sensitive || GRANT_CODE_SHAPES.has(Model.local(m.target))) names.add(m.name);
      if (model.shape(m.target).type === "structure" && !seen.has(m.target)) {
        visit(m.target, seen.add(m.target));
      }
    }
  };
  visit(op.input, new Set());
  visit(op.output, new Set());
  return [...names].sort();
}

function emitOperation(model: Model, op: Operation): GeneratedFile {
  const command = `${op.name}Command`;
  const file = `protocol/${op.name}.ts`;
  const inputMembers = model.members(op.input);
  const checks = inputMembers.map((m) => `    ${checkCall(model, op, m)}`);
  const copies = inputMembers.map(
    (m) => `  if (input.${m.name} != null) body.${m.name} = input.${m.name};`,
  );
  const checkers = new Set(inputMembers.map((m) => checkerFor(model, op, m)));
  const nested = [...nestedStructures(model, op.output)].sort();
  const readers = new Set<RuntimeName>(["readOutputObject"]);
  const collect = (id: string) =>
    model.members(id).forEach((m) => {
      const reader = READERS[model.shape(m.target).type];
      if (reader !== undefined) readers.add(reader);
    });
  collect(op.output);
  nested.forEach(collect);
  if (nested.length > 0) readers.add("readObject");
  const modelTypes = nested.map((id) => Model.local(id));
  const nestedReaders = nested.map((id) => {
    const name = Model.local(id);
    return `function read${name}(value: unknown, site: OutputSite, path: string): ${name} {
  const data = readObject(value, site, path);
  const contents: ${name} = {};
${memberReads(model, id, "path").join("\n")}
  return contents;
}
`;
  });
  const query =
    Object.keys(op.query).length === 0
      ? "undefined"
      : JSON.stringify(op.query).replace(/"(\w+)":/g, "$1: ");
  const content = `import type { HttpRequest, HttpResponse, SerdeContext } from "@smithy/types";
${importRuntime(file, [
  "buildJsonRequest",
  "checkInputObject",
  ...checkers,
  "InvalidInputError",
  ...readers,
  ...(nested.length > 0 ? (["OutputSite"] as const) : []),
  "throwServiceError",
])}import type { ${command}Input, ${command}Output } from "../commands/${command}";
${modelTypes.length > 0 ? `import type { ${modelTypes.join(", ")} } from "../models/models_0";\n` : ""}import { SSOOIDCServiceException } from "../models/SSOOIDCServiceException";
import { serviceExceptions, serviceSensitiveMembers } from "./exceptions";

const OPERATION = ${JSON.stringify(op.name)};

/** Members whose values error messages never show: the model's \`@sensitive\` ones and grant codes. */
const SENSITIVE_MEMBERS: ReadonlySet<string> = new Set(${JSON.stringify(sensitiveMemberNames(model, op))});

/**
 * ${op.name}: ${op.method} ${op.path}${Object.keys(op.query).length ? `?${new URLSearchParams(op.query)}` : ""} with the input's members as a JSON body.
 * Input that breaks the model is not sent: the error names every offending member.
 */
async function se_${command}(
  input: ${command}Input,
  context: SerdeContext,
): Promise<HttpRequest> {
  const problems: string[] = [];
  if (checkInputObject(problems, input)) {
${checks.join("\n")}
  }
  if (problems.length > 0) throw new InvalidInputError(OPERATION, problems);
  const body: Record<string, unknown> = {};
${copies.join("\n")}
  return buildJsonRequest(context, ${JSON.stringify(op.path)}, ${query}, JSON.stringify(body));
}

${nestedReaders.join("\n")}
/** Reads ${op.name}'s response: the output on success, else the modeled exception. */
async function de_${command}(
  output: HttpResponse,
  context: SerdeContext,
): Promise<${command}Output> {
  if (output.statusCode < 200 || output.statusCode >= 300) {
    return throwServiceError(
      output,
      context,
      OPERATION,
      serviceExceptions,
      SSOOIDCServiceException,
      serviceSensitiveMembers,
    );
  }
  const { data, site } = await readOutputObject(output, context, OPERATION, SENSITIVE_MEMBERS);
  const contents: ${command}Output = { $metadata: site.$metadata };
${memberReads(model, op.output, "").join("\n")}
  return contents;
}

export { de_${command}, se_${command} };
`;
  return { path: file, content };
}

/**
 * `protocol/exceptions.ts`: every modeled error by its type name, and the
 * members no error may carry: those sensitive in any operation.
 */
function emitExceptionTable(model: Model): GeneratedFile {
  const path = "protocol/exceptions.ts";
  const names = model.errorShapes().map((id) => Model.local(id));
  const sensitive = [
    ...new Set(model.operations().flatMap((op) => sensitiveMemberNames(model, op))),
  ].sort();
  return {
    path,
    content: `${importRuntime(path, ["ExceptionClass"])}import { ${names.join(", ")} } from "../models/errors";

/** The service's modeled errors by the type name sent in \`x-amzn-errortype\`, \`code\` or \`__type\`. */
const serviceExceptions: Readonly<Record<string, ExceptionClass>> = {
${names.map((n) => `  ${n},`).join("\n")}
};

/**
 * Members an error body may have that are not copied onto the error: the model's
 * \`@sensitive\` ones and grant codes, in any operation (a token in an error response).
 */
const serviceSensitiveMembers: ReadonlySet<string> = new Set(${JSON.stringify(sensitive)});

export { serviceExceptions, serviceSensitiveMembers };
`,
  };
}

/** `protocol/*.ts`: a restJson1 serializer and deserializer per operation. */
function emitProtocol(model: Model): GeneratedFile[] {
  return [emitExceptionTable(model), ...model.operations().map((op) => emitOperation(model, op))];
}

export { emitProtocol };
