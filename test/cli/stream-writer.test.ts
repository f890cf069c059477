import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { streamWriter } from "../../src/cli/main";

/*
 * The bin writes its output to the file descriptor directly, and to the stream when a direct
 * write fails, after which everything goes to the stream so that the output keeps its order.
 */

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function recordingStream() {
  const written: string[] = [];
  let created = 0;
  const stream = () => {
    created++;
    return { write: (chunk: Uint8Array) => written.push(Buffer.from(chunk).toString("utf8")) };
  };
  return { written, created: () => created, stream: stream as unknown as () => NodeJS.WriteStream };
}

describe("the bin's output writer", () => {
  it("writes whole texts to the descriptor and never creates the stream", () => {
    const folder = mkdtempSync(join(tmpdir(), "sso-oidc-writer-"));
    folders.push(folder);
    const path = join(folder, "out");
    const fd = openSync(path, "w");
    const recorder = recordingStream();
    const write = streamWriter(fd, recorder.stream);
    write("first ✓\n");
    write("x".repeat(200_000));
    closeSync(fd);
    expect(readFileSync(path, "utf8")).toBe(`first ✓\n${"x".repeat(200_000)}`);
    expect(recorder.created()).toBe(0);
  });

  it("goes to the stream when a direct write fails, keeping the order", () => {
    const recorder = recordingStream();
    // A descriptor no process has open: the direct write fails with EBADF.
    const write = streamWriter(2 ** 30, recorder.stream);
    write("one\n");
    write("two\n");
    expect(recorder.written).toEqual(["one\n", "two\n"]);
  });
});
