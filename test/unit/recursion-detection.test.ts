import { constructStack } from "@smithy/core/client";
import { HttpRequest } from "@smithy/core/protocols";
import { describe, expect, it } from "vitest";
import * as browser from "../../src/runtime/recursion-detection.browser";
import * as node from "../../src/runtime/recursion-detection";

/** The stack a plugin makes, and the request headers its middleware sends on. */
async function applied(plugin: ReturnType<typeof node.getRecursionDetectionPlugin>) {
  const stack = constructStack<any, any>();
  stack.use(plugin);
  let sent: Record<string, string> = {};
  const handler = stack.resolve(async (args: any) => {
    sent = { ...args.request.headers };
    return { response: undefined };
  }, {});
  const args: any = {
    input: {},
    request: new HttpRequest({ headers: { Traceparent: "00-x-01" } }),
  };
  await handler(args);
  return { list: stack.identify(), sent };
}

describe("recursion detection in browser and React Native builds", () => {
  it("has the Node module's names", () => {
    expect(Object.keys(browser).sort()).toStrictEqual(Object.keys(node).sort());
  });

  it("takes the same place under the same name, and passes requests through unchanged", async () => {
    const inBrowser = await applied(browser.getRecursionDetectionPlugin());
    const inNode = await applied(node.getRecursionDetectionPlugin());
    expect(inBrowser.list).toStrictEqual(["recursionDetectionMiddleware - build"]);
    expect(inBrowser.list).toStrictEqual(inNode.list);
    expect(inBrowser.sent).toStrictEqual({ Traceparent: "00-x-01" });
    expect(inNode.sent).toStrictEqual({ traceparent: "00-x-01" });
  });
});
