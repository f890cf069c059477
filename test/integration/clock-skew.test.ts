import { describe, expect, it } from "vitest";
import * as official from "@aws-sdk/client-sso-oidc";
import { startTestEmulator } from "../emulator/support/test-emulator";
import { CreateTokenWithIAMCommand, SSOOIDCClient } from "../../src/index";
import type { EmulatorCredentials } from "../../src/emulator/index";

const MINUTE_MS = 60_000;

/** A JWT-bearer grant the emulator accepts once the signature does. */
function jwtBearerInput() {
  return {
    clientId: "arn:aws:sso::123456789012:application/ssoins-111111111111/apl-222222222222",
    grantType: "urn:ietf:params:oauth:grant-type:jwt-bearer",
    assertion: `eyJhbGciOiJub25lIn0.${Buffer.from(JSON.stringify({ exp: 4_102_444_800 })).toString("base64url")}.c2ln`,
  };
}

/** Each package's client and its own CreateTokenWithIAM command. */
const packages = {
  ours: (endpoint: string, credentials: EmulatorCredentials) => {
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint, credentials });
    const send = () => client.send(new CreateTokenWithIAMCommand(jwtBearerInput()));
    return { client, send };
  },
  official: (endpoint: string, credentials: EmulatorCredentials) => {
    const client = new official.SSOOIDCClient({ region: "us-east-1", endpoint, credentials });
    const send = () => client.send(new official.CreateTokenWithIAMCommand(jwtBearerInput()));
    return { client, send };
  },
};
type Subject = ReturnType<(typeof packages)[keyof typeof packages]>;

/** Attempts of one signed call, and the client's clock offset after it, in whole minutes. */
async function signedCall({ client, send }: Subject) {
  const output = await send();
  return { attempts: output.$metadata.attempts, offsetMinutes: offsetMinutes(client) };
}

function offsetMinutes(client: Subject["client"]) {
  return (
    Math.round(
      ((client.config as { systemClockOffset?: number }).systemClockOffset ?? 0) / MINUTE_MS,
    ) || 0
  );
}

/** An emulator whose clock runs `aheadMs` ahead of this machine's; `aheadMs` can change. */
async function skewedEmulator(clock: { aheadMs: number }) {
  return startTestEmulator({ now: () => Date.now() + clock.aheadMs });
}

describe("clock skew on CreateTokenWithIAM, against the emulator's SigV4 check", () => {
  for (const [name, create] of Object.entries(packages)) {
    it(`${name}: a server 10 minutes ahead refuses the first signature; the retry is signed on its clock, and so are later calls`, async () => {
      const emu = await skewedEmulator({ aheadMs: 10 * MINUTE_MS });
      const subject = create(emu.url, emu.credentials);
      expect(await signedCall(subject)).toEqual({ attempts: 2, offsetMinutes: 10 });
      expect(await signedCall(subject)).toEqual({ attempts: 1, offsetMinutes: 10 });
      subject.client.destroy();
    });

    it(`${name}: a skew of 3 minutes is followed without a retry`, async () => {
      const emu = await skewedEmulator({ aheadMs: 3 * MINUTE_MS });
      const subject = create(emu.url, emu.credentials);
      expect(await signedCall(subject)).toEqual({ attempts: 1, offsetMinutes: 3 });
      subject.client.destroy();
    });
  }

  it("ours: when the clocks agree again, the refused signature is retried with the offset undone", async () => {
    const clock = { aheadMs: 10 * MINUTE_MS };
    const emu = await skewedEmulator(clock);
    const ours = packages.ours(emu.url, emu.credentials);
    const theirs = packages.official(emu.url, emu.credentials);
    await signedCall(ours);
    await signedCall(theirs);

    clock.aheadMs = 0;
    expect(await signedCall(ours)).toEqual({ attempts: 2, offsetMinutes: 0 });
    // The official client resets its offset too, but does not retry the call it refused.
    const refused = await theirs.send().then(
      () => undefined,
      (error: Error & { $metadata: { attempts?: number } }) => error,
    );
    expect([refused?.name, refused?.$metadata.attempts, offsetMinutes(theirs.client)]).toEqual([
      "InvalidSignatureException",
      1,
      0,
    ]);
    ours.client.destroy();
    theirs.client.destroy();
  });
});
