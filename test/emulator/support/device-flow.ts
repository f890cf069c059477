import {
  CreateTokenCommand,
  RegisterClientCommand,
  StartDeviceAuthorizationCommand,
} from "@aws-sdk/client-sso-oidc";
import type { SSOOIDCClient } from "@aws-sdk/client-sso-oidc";
import type { Emulator } from "../../../src/emulator/index";

const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

/** RegisterClient + StartDeviceAuthorization, the AWS CLI's device login up to the prompt. */
async function startDeviceLogin(client: SSOOIDCClient, scopes: string[] = ["sso:account:access"]) {
  const registration = await client.send(
    new RegisterClientCommand({ clientName: "test-cli", clientType: "public", scopes }),
  );
  const clientId = registration.clientId ?? "";
  const clientSecret = registration.clientSecret ?? "";
  const authorization = await client.send(
    new StartDeviceAuthorizationCommand({
      clientId,
      clientSecret,
      startUrl: "https://d-1234567890.awsapps.com/start",
    }),
  );
  const deviceCode = authorization.deviceCode ?? "";
  const userCode = authorization.userCode ?? "";
  const poll = () =>
    client.send(
      new CreateTokenCommand({ clientId, clientSecret, grantType: DEVICE_CODE_GRANT, deviceCode }),
    );
  return { registration, authorization, clientId, clientSecret, deviceCode, userCode, poll };
}

/** A device login approved at once: returns the tokens and the client that got them. */
async function deviceLogin(emulator: Emulator, client: SSOOIDCClient, scopes?: string[]) {
  const login = await startDeviceLogin(client, scopes);
  emulator.approve(login.userCode);
  return { ...login, tokens: await login.poll() };
}

export { startDeviceLogin, deviceLogin, DEVICE_CODE_GRANT };
