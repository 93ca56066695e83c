import type { CollectionProvider } from '../spec/provider.js';

/**
 * The state every scenario starts from, in vendor-neutral labels (see {@link CONFORMANCE_WORLD}).
 * A harness maps each label to a real id of its vendor.
 */
export interface ConformanceWorld {
  /**
   * The collections to create, each holding exactly its `items`. Scenarios check that a
   * collection's name equals its `key`, so create it under that name.
   */
  collections: Array<{
    /** The collection's label and name, e.g. `'alpha'`; {@link ConformanceTarget.collectionId} maps it to an id. */
    key: string;
    /** Item labels, e.g. `'a1'`; {@link ConformanceTarget.itemId} maps each to an id. */
    items: string[];
  }>;
}

/**
 * A mounted world: clients pointed at a vendor (real, emulated or in memory) holding exactly that
 * state. Scenarios change it (they add, delete and rename), so each mount starts fresh.
 */
export interface ConformanceTarget {
  /** The client under test, with a credential the vendor accepts. */
  client: CollectionProvider;
  /** A client whose credential the vendor rejects: its calls must fail with `UNAUTHORIZED`. */
  unauthorizedClient: CollectionProvider;
  /** The vendor's id for a collection of the world. */
  collectionId(key: string): string;
  /** The vendor's id for an item of the world. */
  itemId(label: string): string;
  /** A well-formed collection id the vendor does not hold: reads of it must fail `NOT_FOUND`. */
  missingCollectionId: string;
  /** A well-formed item id the vendor does not hold: batches must report it failed `NOT_FOUND`. */
  missingItemId: string;
  /**
   * Requests the vendor has received so far from either client (proves "before any request"
   * and "a dry run sends only the reads it reports"), e.g. an emulator's `stats.total`.
   */
  requestCount(): number;
  /** Releases the world (stops an emulator, deletes test data); called after every scenario. */
  close(): Promise<void>;
}

/** How to mount a fresh world for each scenario: what a vendor supplies to be tested. */
export interface ConformanceHarness {
  /** Names the harness in the report (`ConformanceReport.harness`). */
  name: string;
  /** Builds the world on the vendor and returns clients pointed at it; called once per scenario. */
  mount(world: ConformanceWorld): Promise<ConformanceTarget>;
}

/** One promise every client keeps, checked against a mounted world. */
export interface ConformanceScenario {
  /** What the scenario proves, as a sentence (usable as a test name, and in `only`). */
  name: string;
  /** Throws (an AssertionError, or the client's error) when the target breaks the promise. */
  run(target: ConformanceTarget): Promise<void>;
}

/** What {@link runConformance} found: each scenario it ran is in `passed` or `failed`. */
export interface ConformanceReport {
  /** The harness's `name`. */
  harness: string;
  /** True when no scenario failed. */
  ok: boolean;
  /** Names of the scenarios that passed, in run order. */
  passed: string[];
  /** The scenarios that failed, in run order. */
  failed: Array<{
    /** The scenario's name. */
    scenario: string;
    /** Why: the assertion's message, or the error the client threw. */
    message: string;
  }>;
}

/** The world every scenario starts from: `alpha` with items `a1`–`a5`, `beta` with `b1`–`b3`. */
export const CONFORMANCE_WORLD: ConformanceWorld = {
  collections: [
    { key: 'alpha', items: ['a1', 'a2', 'a3', 'a4', 'a5'] },
    { key: 'beta', items: ['b1', 'b2', 'b3'] },
  ],
};
