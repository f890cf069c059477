export { startEmulator } from "./start-emulator";
export { EMULATOR_TEST_CREDENTIALS, EmulatorOptionError } from "./options";
export { parseEmulatorAccounts } from "./accounts";
export type { Emulator } from "./start-emulator";
export type { EmulatorOptions, EmulatorCredentials, RefreshTokenPolicy } from "./options";
export type { EmulatorAccount } from "./accounts";
export type { EmulatorFault, EmulatorOperation } from "./faults";
export type { EmulatorIdKind } from "./crypto";
export type { ServiceErrorName, PortalErrorName } from "./errors";
