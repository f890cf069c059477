import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Ours from "../../src/index";
import { RecordingServer } from "../support/recording-server";
import {
  regionalEndpoint,
  s3Destinations,
  sendRegisterClient,
  type SsoOidcModule,
} from "./s3-destination";

/*
 * `@aws-sdk/client-s3` and this client in one process (this file loads no
 * official SSO OIDC client; `coexistence-official.test.ts` does).
 */

const ours = Ours as SsoOidcModule;
const server = new RecordingServer();

beforeAll(async () => {
  await server.start();
  server.respondWith({ status: 200, body: '{"clientId":"c1","clientSecret":"s1"}' });
});
afterAll(async () => {
  await server.close();
});

describe("@aws-sdk/client-s3 beside our client", () => {
  it("resolves a plain bucket and an access point ARN the same before and after our client sends", async () => {
    const before = await s3Destinations();
    expect(before.actual).toEqual(before.expected);

    expect(await sendRegisterClient(ours, server.url)).toBe("c1");
    expect(regionalEndpoint(ours, "eu-west-1")).toBe("https://oidc.eu-west-1.amazonaws.com/");

    const after = await s3Destinations();
    expect(after.actual).toEqual(after.expected);
  });
});
