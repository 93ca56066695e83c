import type { EmulatorDescriptor } from '../emulator-descriptor.js';
import { wicksonDemoSeed } from './wickson-demo-seed.js';
import { createWicksonApp } from './wickson-emulator.js';
import { isWicksonSeed, type WicksonSeed } from './wickson-seed.js';

export type { WicksonSeed, WicksonSeedItem } from './wickson-seed.js';
export { WICKSON_DOC_EXAMPLE, wicksonDemoSeed } from './wickson-demo-seed.js';

/**
 * Keys are sent in `X-Api-Key`; omitted = any non-empty key is accepted.
 *
 * @inline
 */
export interface WicksonEmulatorCredentials {
  /** The API key accepted in `X-Api-Key`; omitted = any non-empty key. */
  apiKey?: string;
}

export const wicksonEmulator: EmulatorDescriptor<'wickson', WicksonSeed, WicksonEmulatorCredentials> = {
  provider: 'wickson',
  credentialField: 'apiKey',
  seedShape: '{ items: [...] }',
  isSeed: isWicksonSeed,
  emptySeed: () => ({ items: [] }),
  demoSeed: wicksonDemoSeed,
  // vendor-apis.md §1: 1,000 requests per hour per API key, across all endpoints.
  documentedRateLimit: { limit: 1000, windowMs: 3_600_000 },
  create: ({ seed, credentials, rateLimit, now }) => createWicksonApp({ seed, apiKey: credentials.apiKey, rateLimit, now }),
};
