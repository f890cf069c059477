import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/*
 * One dialect across the repository, checked on every file the formatter sees:
 * - relative imports in TypeScript carry no extension (`from "./errors"`); `.mjs` files keep
 *   theirs, because Node resolves them without a bundler;
 * - a named top-level function is a `function` declaration, not a `const` bound to an arrow.
 */

const ROOT = join(__dirname, "..", "..");
const FOLDERS = ["src", "test", "codegen", "bench", "examples"];
const ROOT_FILES = ["tsup.config.ts", "vitest.config.ts"];
const SOURCE = /\.(ts|mts|mjs)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

/** Every file the check reads; this file is left out, since its samples are findings on purpose. */
const files = [
  ...FOLDERS.flatMap((folder) => sourceFiles(join(ROOT, folder))),
  ...ROOT_FILES.map((name) => join(ROOT, name)),
].filter((file) => file !== __filename);

const RELATIVE_JS_IMPORT = /(?:from\s+|import\s*\(\s*)["'](\.{1,2}\/[^"']*\.js)["']/g;
const ARROW_DECLARATION =
  /^(?:export\s+)?const\s+([A-Za-z_$][\w$]*)\s*=\s*(?:async\s+)?(?:<[^>]*>\s*)?(?:\([^)]*\)(?:\s*:\s*[^=]+?)?\s*=>|\(\s*$|[A-Za-z_$][\w$]*\s*=>)/gm;

/** `file:line: text` for every match of a pattern. */
function findings(pattern: RegExp, onlyTypeScript: boolean): string[] {
  return files
    .filter((file) => !onlyTypeScript || /\.m?ts$/.test(file))
    .flatMap((file) => {
      const text = readFileSync(file, "utf8");
      return [...text.matchAll(pattern)].map((match) => {
        const line = text.slice(0, match.index).split("\n").length;
        return `${relative(ROOT, file)}:${line}: ${match[0].split("\n")[0]}`;
      });
    });
}

describe("the repository's dialect", () => {
  it("reads a real tree", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((file) => file.endsWith(join("src", "index.ts")))).toBe(true);
  });

  it("recognises both kinds of finding", () => {
    const imports =
      'import { a } from "./a.js";\nconst b = await import("../b/c.js");\nimport d from "e.js";';
    expect([...imports.matchAll(RELATIVE_JS_IMPORT)].map((m) => m[1])).toEqual([
      "./a.js",
      "../b/c.js",
    ]);
    const declarations = [
      "const f = (a: number): string => `${a}`;",
      "export const g = async () => {};",
      "const h = <T>(value: T) => value;",
      "const i = (",
      "const j = k => k;",
      "const value = compute(1);",
      "  const inner = () => 1;",
      "const list = [1].map((n) => n);",
    ].join("\n");
    expect([...declarations.matchAll(ARROW_DECLARATION)].map((m) => m[1])).toEqual([
      "f",
      "g",
      "h",
      "i",
      "j",
    ]);
  });

  it("imports relative TypeScript modules without an extension", () => {
    expect(findings(RELATIVE_JS_IMPORT, true)).toEqual([]);
  });

  it("declares named top-level functions with `function`", () => {
    expect(findings(ARROW_DECLARATION, false)).toEqual([]);
  });
});
