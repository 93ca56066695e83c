import { verifikEmulator } from './verifik/index.js';
import { wicksonEmulator } from './wickson/index.js';

/**
 * The emulators this package ships, one line each: `startEmulator` looks `provider` up here,
 * and the public `EmulatorOptions` types (provider names, seeds, credentials) derive from it.
 */
export const BUILTIN_EMULATORS = [wicksonEmulator, verifikEmulator] as const;
