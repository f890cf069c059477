import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { de_CreateTokenCommand } from "../../src/client/protocol/CreateToken";
import { de_CreateTokenWithIAMCommand } from "../../src/client/protocol/CreateTokenWithIAM";
import { de_RegisterClientCommand } from "../../src/client/protocol/RegisterClient";
import {
  AccessDeniedException,
  AuthorizationPendingException,
  InternalServerException,
  InvalidRequestRegionException,
  SSOOIDCServiceException,
} from "../../src/index";
import { collectNodeStream } from "../../src/runtime/node-handler";
import { ResponseParseError } from "../../src/runtime/errors";
import { response, serdeContext } from "./serde-context";

/* The response side of the generated protocol and the runtime it calls (src/runtime/deserialize.ts). */

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
    // A sensitive member's value is never shown, whatever its type.
    ['{"accessToken":7}', "member accessToken should be a string but is a number"],
    ['{"tokenType":7}', "member tokenType should be a string but is number 7"],
    ['{"expiresIn":1.5}', "member expiresIn should be a 32-bit integer but is number 1.5"],
    [
      '{"expiresIn":4294967296}',
      "member expiresIn should be a 32-bit integer but is number 4294967296",
    ],
    ["[1,2]", "the body is an array, not a JSON object"],
    ['"text"', "the body is a string of 4 characters, not a JSON object"],
    [
      "<html>",
      "the body is not valid JSON (6 bytes; parsing stopped at byte 0: an unexpected character)",
    ],
    [
      '{"accessToken":"abc',
      "the body is not valid JSON (19 bytes; parsing stopped at byte 19: it ends inside a string)",
    ],
    [
      '{"a":1,}',
      "the body is not valid JSON (8 bytes; parsing stopped at byte 7: an unexpected character)",
    ],
    [
      '{"é":tru',
      "the body is not valid JSON (9 bytes; parsing stopped at byte 9: it ends before the JSON value is complete)",
    ],
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

  it("shows at most the first 120 characters of a string of the wrong type", async () => {
    const long = "x".repeat(300);
    const error = await de_CreateTokenCommand(
      response(200, JSON.stringify({ expiresIn: long })),
      serdeContext(),
    ).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      `CreateToken returned HTTP 200 with a body that does not match the model: member expiresIn should be a 32-bit integer but is string "${"x".repeat(120)}"… (300 characters).`,
    );
  });
});

function fail(status: number, body: string, headers: Record<string, string> = {}) {
  return de_CreateTokenCommand(response(status, body, headers), serdeContext()).catch(
    (e: unknown) => e,
  );
}

const pending =
  '{"error":"authorization_pending","error_description":"Authorization is still pending"}';

describe("error type resolution", () => {
  it("takes the type from the header, without the :suffix", async () => {
    const error = await fail(400, pending, {
      "x-amzn-errortype":
        "AuthorizationPendingException:http://internal.amazon.com/coral/com.amazonaws.sso.oidc/",
    });
    expect(error).toBeInstanceOf(AuthorizationPendingException);
    expect(error).toMatchObject({
      name: "AuthorizationPendingException",
      $fault: "client",
      error: "authorization_pending",
      error_description: "Authorization is still pending",
      message: "Authorization is still pending",
    });
  });

  it("prefers the header over the body's code and __type", async () => {
    const error = await fail(
      400,
      '{"code":"SlowDownException","__type":"x#ExpiredTokenException"}',
      {
        "x-amzn-errortype": "AccessDeniedException",
      },
    );
    expect(error).toBeInstanceOf(AccessDeniedException);
  });

  it("then the body's code, then __type without its namespace", async () => {
    expect(
      await fail(
        400,
        '{"code":"AuthorizationPendingException","__type":"x#AccessDeniedException"}',
      ),
    ).toBeInstanceOf(AuthorizationPendingException);
    expect(
      await fail(400, '{"__type":"com.amazonaws.ssooidc#AccessDeniedException:extra"}'),
    ).toBeInstanceOf(AccessDeniedException);
  });

  it("maps any modeled error of the service, even one the operation does not list", async () => {
    const error = await de_RegisterClientCommand(
      response(
        400,
        '{"error":"invalid_request","error_description":"Wrong region","endpoint":"https://oidc.eu-west-1.amazonaws.com","region":"eu-west-1"}',
        {
          "x-amzn-errortype": "InvalidRequestRegionException",
        },
      ),
      serdeContext(),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestRegionException);
    expect(error).toMatchObject({
      endpoint: "https://oidc.eu-west-1.amazonaws.com",
      region: "eu-west-1",
    });
  });

  it("copies the modeled reason, and the members the model does not name as the official does", async () => {
    const error = await fail(
      400,
      '{"error":"access_denied","reason":"KMS_AccessDeniedException","error_description":"KMS said no","debug":"x","__type":"AccessDeniedException"}',
      { "x-amzn-errortype": "AccessDeniedException" },
    );
    expect(error).toMatchObject({
      reason: "KMS_AccessDeniedException",
      message: "KMS said no",
      debug: "x",
      __type: "AccessDeniedException",
    });
    expect(Object.getOwnPropertyDescriptor(error, "message")?.enumerable).toBe(true);
  });

  it("uses message or Message when there is no error_description, else the type", async () => {
    expect(
      await fail(500, '{"message":"m1"}', { "x-amzn-errortype": "InternalServerException" }),
    ).toMatchObject({
      message: "m1",
    });
    expect(
      await fail(500, '{"Message":"m2"}', { "x-amzn-errortype": "InternalServerException" }),
    ).toMatchObject({
      message: "m2",
    });
    const bare = await fail(500, "{}", { "x-amzn-errortype": "InternalServerException" });
    expect(bare).toBeInstanceOf(InternalServerException);
    expect(bare).toMatchObject({ message: "InternalServerException", $fault: "server" });
  });

  it("an unknown 5xx type is a server fault of the base class, named after the type", async () => {
    const error = await fail(503, '{"message":"later"}', {
      "x-amzn-errortype": "ServiceUnavailableException",
    });
    expect(error).toBeInstanceOf(SSOOIDCServiceException);
    expect(error).toMatchObject({
      name: "ServiceUnavailableException",
      $fault: "server",
      message: "later",
    });
  });

  it("a modeled type with a body that is not a JSON object still maps, and says what the body was", async () => {
    const error = await fail(500, "oops", { "x-amzn-errortype": "InternalServerException" });
    expect(error).toBeInstanceOf(InternalServerException);
    expect((error as Error).message).toBe(
      "CreateToken failed with HTTP 500 and a body that is not valid JSON (4 bytes; parsing stopped at byte 0: an unexpected character)",
    );
    const array = await fail(500, "[1]", { "x-amzn-errortype": "InternalServerException" });
    expect((array as Error).message).toBe(
      "CreateToken failed with HTTP 500 and a body that is an array, not a JSON object",
    );
    const blank = await fail(500, " \n ".repeat(100));
    expect((blank as Error).message).toBe(
      "CreateToken failed with HTTP 500 and a body of 300 whitespace characters",
    );
  });

  it("a JSON error without a type or description is named Unknown and says so", async () => {
    expect(await fail(400, '{"other":1}')).toMatchObject({
      name: "Unknown",
      $fault: "client",
      message: "CreateToken failed with HTTP 400 and no error type",
    });
  });
});

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
