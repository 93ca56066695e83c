import type { EmulatorDescriptor } from '../emulator-descriptor.js';
import { verifikDemoSeed } from './verifik-demo-seed.js';
import { createVerifikApp } from './verifik-emulator.js';
import { isVerifikSeed, type VerifikSeed } from './verifik-seed.js';
import { mintVerifikToken, VERIFIK_TOKEN_LIFETIME_MS } from './verifik-tokens.js';

export type { VerifikSeed, VerifikSeedCollection, VerifikSeedPerson } from './verifik-seed.js';
export { VERIFIK_DOC_EXAMPLE_COLLECTION, verifikDemoSeed } from './verifik-demo-seed.js';
export { mintVerifikToken, type MintVerifikTokenOptions } from './verifik-tokens.js';

/**
 * Besides these, the emulator accepts every JWT it minted (`mintVerifikToken`, or renewed through
 * `GET /v2/auth/session`) until its `exp`, on the emulator's clock (`now`). Any token whose JWT
 * `exp` has passed is answered as expired, and is not renewed.
 *
 * @inline
 */
export interface VerifikEmulatorCredentials {
  /** The bearer token accepted; omitted = any non-empty token. */
  token?: string;
  /** A token answered with Verifik's "expired" 403, to exercise that path. */
  expiredToken?: string;
}

/**
 * Where the docs name no cap, the emulator picks one (see VerifikAppOptions).
 *
 * @inline
 */
export interface VerifikEmulatorLimits {
  /** Persons one `PUT …/collections/{_id}` may list in `people` (default 1000). */
  maxPeople?: number;
}

export const verifikEmulator: EmulatorDescriptor<'verifik', VerifikSeed, VerifikEmulatorCredentials, VerifikEmulatorLimits> = {
  provider: 'verifik',
  credentialField: 'token',
  seedShape: '{ collections, persons }',
  isSeed: isVerifikSeed,
  emptySeed: () => ({ collections: [], persons: [] }),
  demoSeed: verifikDemoSeed,
  sampleCredential: (now) => mintVerifikToken({ expiresAt: now + VERIFIK_TOKEN_LIFETIME_MS, issuedAt: now }),
  create: ({ seed, credentials, limits, rateLimit, now }) => createVerifikApp({
    seed, token: credentials.token, expiredToken: credentials.expiredToken, rateLimit, now,
    ...(limits?.maxPeople !== undefined ? { maxPeople: limits.maxPeople } : {}),
  }),
};
