import type { EmulatorDescriptor } from '../emulator-descriptor.js';
import { verifikDemoSeed } from './verifik-demo-seed.js';
import { createVerifikApp } from './verifik-emulator.js';
import { isVerifikSeed, type VerifikSeed } from './verifik-seed.js';

export type { VerifikSeed, VerifikSeedCollection, VerifikSeedPerson } from './verifik-seed.js';
export { VERIFIK_DOC_EXAMPLE_COLLECTION, verifikDemoSeed } from './verifik-demo-seed.js';

export interface VerifikEmulatorCredentials {
  /** The bearer token accepted; omitted = any non-empty token. */
  token?: string;
  /** A token answered with Verifik's "expired" 403, to exercise that path. */
  expiredToken?: string;
}

export const verifikEmulator: EmulatorDescriptor<'verifik', VerifikSeed, VerifikEmulatorCredentials> = {
  provider: 'verifik',
  credentialField: 'token',
  seedShape: '{ collections, persons }',
  isSeed: isVerifikSeed,
  emptySeed: () => ({ collections: [], persons: [] }),
  demoSeed: verifikDemoSeed,
  create: ({ seed, credentials, rateLimit, now }) => createVerifikApp({
    seed, token: credentials.token, expiredToken: credentials.expiredToken, rateLimit, now,
  }),
};
