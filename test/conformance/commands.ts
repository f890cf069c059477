import * as Official from "@aws-sdk/client-sso-oidc";
import type { HttpHandlerOptions } from "@smithy/types";
import * as Ours from "../../src/index";

type OperationName =
  "RegisterClient" | "StartDeviceAuthorization" | "CreateToken" | "CreateTokenWithIAM";

type Input = Record<string, unknown>;

type AnyCommand = new (input: Input) => never;

const officialCommands = {
  RegisterClient: Official.RegisterClientCommand,
  StartDeviceAuthorization: Official.StartDeviceAuthorizationCommand,
  CreateToken: Official.CreateTokenCommand,
  CreateTokenWithIAM: Official.CreateTokenWithIAMCommand,
} as const;

const ourCommands = {
  RegisterClient: Ours.RegisterClientCommand,
  StartDeviceAuthorization: Ours.StartDeviceAuthorizationCommand,
  CreateToken: Ours.CreateTokenCommand,
  CreateTokenWithIAM: Ours.CreateTokenWithIAMCommand,
} as const;

/** The operation's command class in each package, typed loosely so one input serves both. */
function commandsFor(operation: OperationName) {
  return {
    OfficialCommand: officialCommands[operation] as unknown as AnyCommand,
    OurCommand: ourCommands[operation] as unknown as AnyCommand,
  };
}

/**
 * `client.send(command, options)` on either package's client: one of the
 * loosely typed commands above, with no callback.
 */
function sendWith(
  client: Official.SSOOIDCClient | Ours.SSOOIDCClient,
  command: never,
  options?: HttpHandlerOptions,
): Promise<unknown> {
  return client instanceof Official.SSOOIDCClient
    ? client.send(command, options)
    : client.send(command, options);
}

export { commandsFor, sendWith };
export type { Input, OperationName };
