import type { CollectionProvider } from '../spec/provider.js';

/** The state every scenario starts from, in vendor-neutral labels. */
export interface ConformanceWorld {
  collections: Array<{ key: string; items: string[] }>;
}

/** A mounted world: clients pointed at a vendor (real, emulated or in memory) holding exactly that state. */
export interface ConformanceTarget {
  client: CollectionProvider;
  /** A client whose credential the vendor rejects. */
  unauthorizedClient: CollectionProvider;
  /** The vendor's id for a collection of the world. */
  collectionId(key: string): string;
  /** The vendor's id for an item of the world. */
  itemId(label: string): string;
  missingCollectionId: string;
  missingItemId: string;
  /** Requests the vendor has received so far (proves "before any request"). */
  requestCount(): number;
  close(): Promise<void>;
}

/** How to mount a fresh world for each scenario. */
export interface ConformanceHarness {
  name: string;
  mount(world: ConformanceWorld): Promise<ConformanceTarget>;
}

export interface ConformanceScenario {
  name: string;
  /** Throws (an AssertionError, or the client's error) when the target breaks the promise. */
  run(target: ConformanceTarget): Promise<void>;
}

export interface ConformanceReport {
  harness: string;
  ok: boolean;
  passed: string[];
  failed: Array<{ scenario: string; message: string }>;
}

/** The world every scenario starts from. */
export const CONFORMANCE_WORLD: ConformanceWorld = {
  collections: [
    { key: 'alpha', items: ['a1', 'a2', 'a3', 'a4', 'a5'] },
    { key: 'beta', items: ['b1', 'b2', 'b3'] },
  ],
};
