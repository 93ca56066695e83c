import type { CollectionProvider } from '../../src/index.js';

/** The state a contract test starts from, in vendor-neutral labels. */
export interface ContractWorld {
  collections: Array<{ key: string; items: string[] }>;
}

/** A mounted world: a client pointed at a vendor (emulated) that holds exactly that state. */
export interface ContractTarget {
  client: CollectionProvider;
  /** A client whose credential the vendor rejects. */
  unauthorizedClient: CollectionProvider;
  collectionId(key: string): string;
  itemId(label: string): string;
  missingCollectionId: string;
  missingItemId: string;
  /** Requests the vendor has received so far. */
  requestCount(): number;
  close(): Promise<void>;
}

export interface ContractHarness {
  name: string;
  mount(world: ContractWorld): Promise<ContractTarget>;
}

/** The world every contract test starts from. */
export const STANDARD_WORLD: ContractWorld = {
  collections: [
    { key: 'alpha', items: ['a1', 'a2', 'a3', 'a4', 'a5'] },
    { key: 'beta', items: ['b1', 'b2', 'b3'] },
  ],
};

/** Deterministic 24-hex ids, shaped like Verifik's Mongo ObjectIds. */
export function objectIdFor(label: string): string {
  let hash = 0x811c9dc5;
  for (const char of label) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return `65b9${hash.toString(16).padStart(8, '0')}${'0'.repeat(12)}`.slice(0, 24);
}
