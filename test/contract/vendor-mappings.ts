import { createCollectionClient } from '../../src/index.js';
import type { VerifikSeed, WicksonSeed } from '../../src/emulator/types.js';
import { type ContractWorld, objectIdFor } from './contract-world.js';

export const WICKSON_KEY = 'contract-wickson-key-1234';
export const VERIFIK_TOKEN = 'contract-verifik-token-1234';
/** Tests must not sleep: retries (if any) wait 1 ms. */
const FAST = { retryDelayMs: 1, maxRetries: 1 };

export interface VendorMapping {
  provider: 'wickson' | 'verifik';
  seed: WicksonSeed | VerifikSeed;
  collectionId(key: string): string;
  itemId(label: string): string;
  missingCollectionId: string;
  missingItemId: string;
}

export function wicksonMapping(world: ContractWorld): VendorMapping {
  const itemId = (label: string) => `doc_${label}`;
  return {
    provider: 'wickson',
    seed: { items: world.collections.flatMap((c) => c.items.map((label) => ({ id: itemId(label), collection: c.key }))) },
    collectionId: (key) => key,
    itemId,
    missingCollectionId: 'no_such_collection',
    missingItemId: 'doc_missing',
  };
}

export function verifikMapping(world: ContractWorld): VendorMapping {
  return {
    provider: 'verifik',
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
  };
}

export function clientsFor(mapping: VendorMapping, baseUrl: string) {
  const config = mapping.provider === 'wickson'
    ? { provider: 'wickson', apiKey: WICKSON_KEY }
    : { provider: 'verifik', token: VERIFIK_TOKEN };
  const wrong = mapping.provider === 'wickson' ? { apiKey: 'wrong-credential-0000' } : { token: 'wrong-credential-0000' };
  return {
    client: createCollectionClient({ ...config, ...FAST, baseUrl }),
    unauthorizedClient: createCollectionClient({ ...config, ...wrong, ...FAST, baseUrl }),
  };
}

