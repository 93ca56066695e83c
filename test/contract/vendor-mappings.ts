import type { EmulatorProvider, EmulatorSeed } from '../../src/emulator/index.js';
import { createCollectionClient } from '../../src/index.js';
import { perVendor, type VendorFixture } from '../support/vendors.js';
import { type ContractWorld, objectIdFor } from './contract-world.js';

/** The one credential each contract emulator accepts. */
export const CONTRACT_CREDENTIAL = 'contract-credential-1234';
const WRONG_CREDENTIAL = 'wrong-credential-0000';
/** Tests must not sleep: retries (if any) wait 1 ms. */
const FAST = { retryDelayMs: 1, maxRetries: 1 };

export interface VendorMapping {
  provider: EmulatorProvider;
  seed: EmulatorSeed;
  collectionId(key: string): string;
  itemId(label: string): string;
  missingCollectionId: string;
  missingItemId: string;
}

/** How one vendor holds a contract world: its seed and its ids for the world's labels. */
type WorldMapping = (world: ContractWorld) => Omit<VendorMapping, 'provider'>;

const wickson: WorldMapping = (world) => {
  const itemId = (label: string) => `doc_${label}`;
  return {
    seed: { items: world.collections.flatMap((c) => c.items.map((label) => ({ id: itemId(label), collection: c.key }))) },
    collectionId: (key) => key,
    itemId,
    missingCollectionId: 'no_such_collection',
    missingItemId: 'doc_missing',
  };
};

const verifik: WorldMapping = (world) => ({
  seed: {
    collections: world.collections.map((c) => ({ _id: objectIdFor(`collection:${c.key}`), name: c.key })),
    persons: world.collections.flatMap((c) => c.items.map((label) => ({
      _id: objectIdFor(`person:${label}`), name: `Person ${label}`, collections: [objectIdFor(`collection:${c.key}`)],
    }))),
  },
  collectionId: (key) => objectIdFor(`collection:${key}`),
  itemId: (label) => objectIdFor(`person:${label}`),
  missingCollectionId: objectIdFor('collection:missing'),
  missingItemId: objectIdFor('person:missing'),
});

/** Per built-in vendor, by provider name: a new vendor adds its entry here. */
const MAPPINGS: Readonly<Record<string, WorldMapping>> = { wickson, verifik };

export function mappingFor(fixture: VendorFixture, world: ContractWorld): VendorMapping {
  return { provider: fixture.name, ...perVendor(MAPPINGS, fixture, 'contract mapping')(world) };
}

export function clientsFor(fixture: VendorFixture, baseUrl: string) {
  return {
    client: createCollectionClient({ ...fixture.clientConfig(CONTRACT_CREDENTIAL), ...FAST, baseUrl }),
    unauthorizedClient: createCollectionClient({ ...fixture.clientConfig(WRONG_CREDENTIAL), ...FAST, baseUrl }),
  };
}
