// Child process for the parallel-writers test: writes one token file `count` times.
import { writeJsonAtomic } from "../../src/cache/json-files";

const [path, writer, count] = process.argv.slice(2) as [string, string, string];
for (let i = 0; i < Number(count); i += 1) {
  await writeJsonAtomic(path, {
    startUrl: "https://d-123.awsapps.com/start",
    region: "us-east-1",
    accessToken: `writer-${writer}-write-${i}-${"x".repeat(4096)}`,
    expiresAt: "2026-03-01T13:00:00Z",
  });
}
