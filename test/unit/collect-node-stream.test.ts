import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { collectNodeStream } from "../../src/runtime/collect-node-stream";

describe("collectNodeStream", () => {
  it("joins a body that arrives in several chunks", async () => {
    const bytes = await collectNodeStream(Readable.from([Buffer.from('{"a":'), Buffer.from("1}")]));
    expect(Buffer.from(bytes).toString("utf8")).toBe('{"a":1}');
  });

  it("rejects with the stream's error, as when a socket is reset mid-body", async () => {
    const broken = new Readable({ read() {} });
    const collected = collectNodeStream(broken);
    broken.push(Buffer.from("{"));
    broken.destroy(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }));
    await expect(collected).rejects.toMatchObject({
      message: "socket hang up",
      code: "ECONNRESET",
    });
  });

  it("hands anything that is not a node stream to the maintained collector", async () => {
    const blob = new Blob(["from a blob"]);
    expect(Buffer.from(await collectNodeStream(blob)).toString("utf8")).toBe("from a blob");
  });
});
