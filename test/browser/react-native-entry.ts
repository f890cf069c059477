/**
 * What the React Native suite runs inside a bare `vm` context: the package imported by name (the
 * `react-native` export condition picks the fetch-based build) and two flows that take strings
 * (and one callback) and return a string, so no object crosses between Node's realm and the
 * context's.
 */
import {
  CreateTokenCommand,
  CreateTokenWithIAMCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from "sso-oidc";

const START_URL = "https://d-1234567890.awsapps.com/start";

/**
 * RegisterClient (the test fails its first attempt with a 500, so the retry path runs),
 * StartDeviceAuthorization, one CreateToken before approval (a modeled error, so error
 * deserialization runs too), `approve(userCode)` (the test approves on the emulator), then
 * CreateToken again. Returns JSON: RegisterClient's attempts, the first poll's error name and
 * the access token.
 */
async function deviceLogin(endpoint: string, approve: (userCode: string) => void): Promise<string> {
  const client = new SSOOIDCClient({ endpoint, region: "us-east-1" });
  const { clientId, clientSecret, $metadata } = await client.send(
    new RegisterClientCommand({ clientName: "react-native-proof", clientType: "public" }),
  );
  const authorization = await client.send(
    new StartDeviceAuthorizationCommand({ clientId, clientSecret, startUrl: START_URL }),
  );
  const createToken = () =>
    client.send(
      new CreateTokenCommand({
        clientId,
        clientSecret,
        grantType: "urn:ietf:params:oauth:grant-type:device_code",
        deviceCode: authorization.deviceCode,
      }),
    );
  const pending = await createToken().then(
    () => "no error",
    (error: Error) => {
      if (error.name !== "AuthorizationPendingException") throw error;
      return error.name;
    },
  );
  approve(authorization.userCode ?? "");
  const token = await createToken();
  return JSON.stringify({
    registerAttempts: $metadata.attempts,
    pending,
    accessToken: token.accessToken,
  });
}

/**
 * Two SigV4-signed CreateTokenWithIAM calls (JWT bearer grant): one with `expiredAssertion`,
 * which the service answers with a modeled error (after a retried 500 the test injects), then
 * one with `assertion`. Returns JSON: the first call's error name and attempts, and the second
 * call's access token.
 */
async function signedExchange(
  endpoint: string,
  accessKeyId: string,
  secretAccessKey: string,
  clientId: string,
  expiredAssertion: string,
  assertion: string,
): Promise<string> {
  const client = new SSOOIDCClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId, secretAccessKey },
  });
  const exchange = (jwt: string) =>
    client.send(
      new CreateTokenWithIAMCommand({
        clientId,
        grantType: "urn:ietf:params:oauth:grant-type:jwt-bearer",
        assertion: jwt,
      }),
    );
  const rejected = await exchange(expiredAssertion).then(
    () => ({ name: "no error", attempts: 0 }),
    (error: Error & { $metadata?: { attempts?: number } }) => {
      if (error.name !== "InvalidGrantException") throw error;
      return { name: error.name, attempts: error.$metadata?.attempts };
    },
  );
  const token = await exchange(assertion);
  return JSON.stringify({ rejected, accessToken: token.accessToken });
}

export { deviceLogin, signedExchange };
