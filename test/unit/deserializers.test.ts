import { describe, expect, it } from "vitest";
import { de_CreateTokenCommand } from "../../src/client/protocol/CreateToken";
import { de_CreateTokenWithIAMCommand } from "../../src/client/protocol/CreateTokenWithIAM";
import { de_RegisterClientCommand } from "../../src/client/protocol/RegisterClient";
import { ResponseParseError } from "../../src/runtime/errors";
import { response, serdeContext } from "./serde-context";

const metadata = {
  httpStatusCode: 200,
  requestId: "rid",
  extendedRequestId: "id2",
  cfId: "cf",
};
const headers = { "x-amzn-requestid": "rid", "x-amz-id-2": "id2", "x-amz-cf-id": "cf" };

describe("generated deserializers", () => {
  it("reads the modeled members and the metadata headers, and ignores the rest", async () => {
    const out = await de_CreateTokenCommand(
      response(
        200,
        '{"accessToken":"a","tokenType":"Bearer","expiresIn":28800,"idToken":"i","other":true}',
        headers,
      ),
      serdeContext(),
    );
    expect(out).toStrictEqual({
      $metadata: metadata,
      accessToken: "a",
      tokenType: "Bearer",
      expiresIn: 28800,
      idToken: "i",
    });
  });

  it("reads an empty body as an empty output", async () => {
    const out = await de_CreateTokenCommand(response(200, "", headers), serdeContext());
    expect(out).toStrictEqual({ $metadata: metadata });
  });

  it("reads epoch-second longs", async () => {
    const out = await de_RegisterClientCommand(
      response(200, '{"clientIdIssuedAt":1700000000,"clientSecretExpiresAt":1707776000}'),
      serdeContext(),
    );
    expect(out.clientIdIssuedAt).toBe(1700000000);
    expect(out.clientSecretExpiresAt).toBe(1707776000);
  });

  it.each([
    ['{"accessToken":7}', "member accessToken should be a string but is number 7"],
    ['{"expiresIn":1.5}', "member expiresIn should be a 32-bit integer but is number 1.5"],
    [
      '{"expiresIn":4294967296}',
      "member expiresIn should be a 32-bit integer but is number 4294967296",
    ],
    ["[1,2]", "the body is an array, not a JSON object"],
    ['"text"', 'the body is string "text", not a JSON object'],
    ["<html>", 'the body is not valid JSON: "<html>"'],
  ])("rejects %s", async (body, detail) => {
    const error = await de_CreateTokenCommand(response(200, body), serdeContext()).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ResponseParseError);
    expect((error as Error).message).toBe(
      `CreateToken returned HTTP 200 with a body that does not match the model: ${detail}.`,
    );
  });

  it("names the path of a nested member and a list item", async () => {
    const nested = await de_CreateTokenWithIAMCommand(
      response(200, '{"awsAdditionalDetails":{"identityContext":false}}'),
      serdeContext(),
    ).catch((e: unknown) => e);
    expect((nested as Error).message).toMatch(
      /member awsAdditionalDetails\.identityContext should be a string but is boolean false\.$/,
    );
    const list = await de_CreateTokenWithIAMCommand(
      response(200, '{"scope":["a",null]}'),
      serdeContext(),
    ).catch((e: unknown) => e);
    expect((list as Error).message).toMatch(/member scope\[1\] should be a string but is null\.$/);
  });

  it("quotes at most the first 120 characters of a bad body", async () => {
    const long = `<html>${"x".repeat(300)}`;
    const error = await de_CreateTokenCommand(response(200, long), serdeContext()).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toContain(`"${long.slice(0, 120)}…"`);
    expect((error as Error).message).not.toContain(long.slice(0, 121));
  });
});
