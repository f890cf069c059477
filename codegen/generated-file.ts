/** One output file, its path relative to `src/client/`. */
interface GeneratedFile {
  path: string;
  content: string;
}

export type { GeneratedFile };
