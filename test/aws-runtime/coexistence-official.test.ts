import * as Official from "@aws-sdk/client-sso-oidc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Ours from "../../src/index";
import { RecordingServer } from "../support/recording-server";
import {
  regionalEndpoint,
  s3Destinations,
  sendRegisterClient,
  type SsoOidcModule,
} from "./s3-destination";

/* `@aws-sdk/client-s3`, the official SSO OIDC client and this one, all in one process. */

const ours = Ours as SsoOidcModule;
const official = Official as unknown as SsoOidcModule;
const server = new RecordingServer();

beforeAll(async () => {
  await server.start();
  server.respondWith({ status: 200, body: '{"clientId":"c1","clientSecret":"s1"}' });
});
afterAll(async () => {
  await server.close();
});

describe("@aws-sdk/client-s3 and the official SSO OIDC client beside our client", () => {
  it("resolve their endpoints the same before and after our client sends", async () => {
    const s3Before = await s3Destinations();
    expect(s3Before.actual).toEqual(s3Before.expected);
    expect(await sendRegisterClient(official, server.url)).toBe("c1");
    expect(regionalEndpoint(official, "cn-north-1")).toBe(
      "https://oidc.cn-north-1.amazonaws.com.cn/",
    );

    expect(await sendRegisterClient(ours, server.url)).toBe("c1");
    expect(regionalEndpoint(ours, "cn-north-1")).toBe("https://oidc.cn-north-1.amazonaws.com.cn/");

    expect(await sendRegisterClient(official, server.url)).toBe("c1");
    // A region the official client's endpoint cache has not seen, so its rules run again.
    expect(regionalEndpoint(official, "us-gov-west-1")).toBe(
      "https://oidc.us-gov-west-1.amazonaws.com/",
    );
    const s3After = await s3Destinations();
    expect(s3After.actual).toEqual(s3After.expected);
  });
});
