export { startEmulator } from "./start-emulator.js";
export { EMULATOR_TEST_CREDENTIALS } from "./emulator-options.js";
export type { Emulator } from "./start-emulator.js";
export type {
  EmulatorOptions,
  EmulatorCredentials,
  RefreshTokenPolicy,
} from "./emulator-options.js";
export type { EmulatorFault, EmulatorOperation } from "./fault-injector.js";
export type { EmulatorIdKind } from "./generate-id.js";
export type { ServiceErrorName } from "./service-error.js";
