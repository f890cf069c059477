import { describe, expect, it } from "vitest";
import {
  CreateTokenRequestFilterSensitiveLog,
  CreateTokenWithIAMRequestFilterSensitiveLog,
  CreateTokenWithIAMResponseFilterSensitiveLog,
  RegisterClientResponseFilterSensitiveLog,
  StartDeviceAuthorizationRequestFilterSensitiveLog,
} from "../../src/index";

const HIDDEN = "***SensitiveInformation***";

describe("log filters generated from @sensitive", () => {
  it("hide secrets that are present and leave absent ones absent", () => {
    expect(
      CreateTokenRequestFilterSensitiveLog({
        clientId: "c",
        clientSecret: "s",
        grantType: "g",
        codeVerifier: "v",
      }),
    ).toStrictEqual({
      clientId: "c",
      clientSecret: HIDDEN,
      grantType: "g",
      codeVerifier: HIDDEN,
    });
    expect(
      StartDeviceAuthorizationRequestFilterSensitiveLog({
        clientId: "c",
        clientSecret: "s",
        startUrl: "u",
      }),
    ).toStrictEqual({
      clientId: "c",
      clientSecret: HIDDEN,
      startUrl: "u",
    });
    expect(
      RegisterClientResponseFilterSensitiveLog({ clientId: "c", clientSecret: "s" }),
    ).toStrictEqual({
      clientId: "c",
      clientSecret: HIDDEN,
    });
  });

  it("cover every sensitive member of CreateTokenWithIAM both ways", () => {
    expect(
      CreateTokenWithIAMRequestFilterSensitiveLog({
        clientId: "c",
        grantType: "g",
        refreshToken: "r",
        assertion: "a",
        subjectToken: "t",
        codeVerifier: "v",
        code: "code",
      }),
    ).toStrictEqual({
      clientId: "c",
      grantType: "g",
      refreshToken: HIDDEN,
      assertion: HIDDEN,
      subjectToken: HIDDEN,
      codeVerifier: HIDDEN,
      code: "code",
    });
    expect(
      CreateTokenWithIAMResponseFilterSensitiveLog({
        accessToken: "a",
        refreshToken: "r",
        idToken: "i",
        tokenType: "Bearer",
      }),
    ).toStrictEqual({
      accessToken: HIDDEN,
      refreshToken: HIDDEN,
      idToken: HIDDEN,
      tokenType: "Bearer",
    });
  });
});
