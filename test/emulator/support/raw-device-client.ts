import { postJson } from "./wire.js";
import type { Emulator } from "../../../src/emulator/index.js";

/** A registered device client and a pending device code, made over the raw wire. */
async function rawDeviceClient(
  emu: Emulator,
  registration: object = { scopes: ["sso:account:access"] },
) {
  const registered = await postJson(emu.url, "/client/register", {
    clientName: "raw",
    clientType: "public",
    ...registration,
  });
  const { clientId, clientSecret } = registered.body as { clientId: string; clientSecret: string };
  const started = await postJson(emu.url, "/device_authorization", {
    clientId,
    clientSecret,
    startUrl: "https://d-1234567890.awsapps.com/start",
  });
  return { clientId, clientSecret, ...(started.body as { deviceCode: string; userCode: string }) };
}

type RawDeviceClient = Awaited<ReturnType<typeof rawDeviceClient>>;

export { rawDeviceClient };
export type { RawDeviceClient };
