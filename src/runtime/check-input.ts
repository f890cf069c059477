/*
 * Input checks called by the generated serializers. Each pushes a readable
 * problem and never throws, so one error can name every offending member.
 */

const describe = (value: unknown): string => {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
};

const isAbsent = (value: unknown): boolean => value === undefined || value === null;

const checkString = (
  problems: string[],
  value: unknown,
  member: string,
  required: boolean,
): void => {
  if (isAbsent(value)) {
    if (required) problems.push(`${member} is required`);
  } else if (typeof value !== "string") {
    problems.push(`${member} must be a string, not ${describe(value)}`);
  }
};

const checkStringList = (
  problems: string[],
  value: unknown,
  member: string,
  required: boolean,
): void => {
  if (isAbsent(value)) {
    if (required) problems.push(`${member} is required`);
  } else if (!Array.isArray(value)) {
    problems.push(`${member} must be an array of strings, not ${describe(value)}`);
  } else {
    const index = value.findIndex((item) => typeof item !== "string");
    if (index !== -1) {
      problems.push(`${member}[${index}] must be a string, not ${describe(value[index])}`);
    }
  }
};

const checkInputObject = (problems: string[], input: unknown): input is Record<string, unknown> => {
  if (typeof input === "object" && input !== null && !Array.isArray(input)) return true;
  problems.push(`the input must be an object, not ${describe(input)}`);
  return false;
};

export { checkInputObject, checkString, checkStringList };
