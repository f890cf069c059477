import { describe, expect, it } from "vitest";
import { de_CreateTokenCommand } from "../../src/client/protocol/CreateToken";
import { de_RegisterClientCommand } from "../../src/client/protocol/RegisterClient";
import {
  AccessDeniedException,
  AuthorizationPendingException,
  InternalServerException,
  InvalidRequestRegionException,
  SSOOIDCServiceException,
} from "../../src/index";
import { response, serdeContext } from "./serde-context";

const fail = (status: number, body: string, headers: Record<string, string> = {}) =>
  de_CreateTokenCommand(response(status, body, headers), serdeContext()).catch((e: unknown) => e);

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

  it("copies the modeled reason and nothing unmodeled", async () => {
    const error = await fail(
      400,
      '{"error":"access_denied","reason":"KMS_AccessDeniedException","error_description":"KMS said no","debug":"x"}',
      { "x-amzn-errortype": "AccessDeniedException" },
    );
    expect(error).toMatchObject({ reason: "KMS_AccessDeniedException", message: "KMS said no" });
    expect(error).not.toHaveProperty("debug");
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
      'CreateToken failed with HTTP 500 and a body that is not a JSON object: "oops"',
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
