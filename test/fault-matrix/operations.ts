import { expect } from '@jest/globals';
import type { BatchResult, Collection, CollectionItem, CollectionProvider, DeletedCollection } from '../../src/index.js';
import type { OperationKey, VendorWorld } from './vendors.js';

export type OperationClass = 'read' | 'idempotent-write' | 'non-idempotent-write';

export interface Operation {
  /** Names the route in `VendorWorld.routes`. */
  key: OperationKey;
  /** Shown in test names. */
  label(world: VendorWorld): string;
  /** Only some vendors send this request (undefined = every vendor). */
  appliesTo?(world: VendorWorld): boolean;
  /** What the whole operation does to vendor state. */
  opClass: OperationClass;
  /** The class of the faulted request, which decides its retries. */
  faultClass: OperationClass;
  /** A batch resolves with a BatchResult; anything else rejects on failure. */
  batch: boolean;
  /** May change vendor state, so its cell needs a freshly seeded emulator. */
  mutates: boolean;
  call(client: CollectionProvider, world: VendorWorld): Promise<unknown>;
  /** The ids a batch sends. */
  ids(world: VendorWorld): string[];
  /**
   * Independent requests the operation makes on the faulted route, each with its own retries:
   * one for a single call or a Wickson chunk, one per person on Verifik.
   */
  units(world: VendorWorld): number;
  /** Requests on other routes, given whether each unit's faulted request ended well. */
  extraRequests(world: VendorWorld, faultedRequestOk: boolean): number;
  /** The route whose valid 2xx a success must rest on, when not the faulted one. */
  evidenceKey?: OperationKey;
  /**
   * Where a batch's ids go when the faulted request fails, if not where its error decides: a
   * failed read before any write leaves every id certainly unchanged.
   */
  bucketOnFailure?: 'failed';
  /** Checks the value of a call that succeeded on its first or a retried attempt. */
  checkSuccess(value: unknown, world: VendorWorld): void;
}

async function collectAll(items: AsyncIterable<CollectionItem>): Promise<CollectionItem[]> {
  const out: CollectionItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const none = () => [];
const one = () => 1;
const zero = () => 0;
const perPerson = (ids: (w: VendorWorld) => string[]) => (w: VendorWorld) => (w.vendor === 'verifik' ? ids(w).length : 1);
const verifikOnly = (world: VendorWorld) => world.vendor === 'verifik';

function checkBatchSuccess(value: unknown, ids: string[]): BatchResult {
  const result = value as BatchResult;
  expect(result.succeeded).toEqual(ids);
  expect(result.ok).toBe(true);
  return result;
}

const addItems = (client: CollectionProvider, world: VendorWorld) => client.addItems(world.collectionId, world.addIds);
const checkAdded = (value: unknown, world: VendorWorld) => {
  expect(checkBatchSuccess(value, world.addIds).moved).toBe(world.addIds.length);
};

export const OPERATIONS: readonly Operation[] = [
  {
    key: 'listCollections', label: () => 'listCollections', opClass: 'read', faultClass: 'read', batch: false, mutates: false,
    call: (client) => client.listCollections(),
    ids: none, units: one, extraRequests: zero,
    checkSuccess(value, world) {
      const ids = (value as Collection[]).map((c) => c.id);
      expect(ids).toEqual(expect.arrayContaining([world.collectionId, world.doomedCollectionId]));
    },
  },
  {
    key: 'getCollection', label: () => 'getCollection', opClass: 'read', faultClass: 'read', batch: false, mutates: false,
    call: (client, world) => client.getCollection(world.collectionId),
    ids: none, units: one, extraRequests: zero,
    checkSuccess(value, world) {
      const collection = value as Collection;
      expect([collection.id, collection.name, collection.provider]).toEqual([world.collectionId, world.collectionName, world.vendor]);
    },
  },
  {
    key: 'deleteCollection', label: () => 'deleteCollection',
    opClass: 'idempotent-write', faultClass: 'idempotent-write', batch: false, mutates: true,
    call: (client, world) => client.deleteCollection(world.doomedCollectionId),
    ids: none, units: one, extraRequests: zero,
    checkSuccess(value, world) {
      const deleted = value as DeletedCollection;
      expect(deleted.collectionId).toBe(world.doomedCollectionId);
      if (world.vendor === 'wickson') expect(deleted.deletedItems).toBe(2);
      else expect(deleted.snapshot?.id).toBe(world.doomedCollectionId);
    },
  },
  {
    key: 'addItems',
    label: (world) => (world.vendor === 'verifik' ? 'addItems (faults on each person\'s PUT)' : 'addItems'),
    opClass: 'idempotent-write', faultClass: 'idempotent-write', batch: true, mutates: true,
    call: addItems,
    ids: (world) => world.addIds,
    units: perPerson((world) => world.addIds),
    // Verifik reads each person before writing it, whatever the write then meets.
    extraRequests: (world) => (world.vendor === 'verifik' ? world.addIds.length : 0),
    checkSuccess: checkAdded,
  },
  {
    // The read half of Verifik's read-modify-write: a person that cannot be read is never written.
    key: 'addItems:read',
    label: () => 'addItems (faults on each person\'s GET before the PUT)',
    appliesTo: verifikOnly,
    opClass: 'idempotent-write', faultClass: 'read', batch: true, mutates: true,
    call: addItems,
    ids: (world) => world.addIds,
    units: (world) => world.addIds.length,
    extraRequests: (world, readOk) => (readOk ? world.addIds.length : 0),
    evidenceKey: 'addItems',
    bucketOnFailure: 'failed',
    checkSuccess: checkAdded,
  },
  {
    key: 'deleteItems', label: () => 'deleteItems',
    opClass: 'idempotent-write', faultClass: 'idempotent-write', batch: true, mutates: true,
    call: (client, world) => client.deleteItems(world.deleteIds),
    ids: (world) => world.deleteIds,
    units: perPerson((world) => world.deleteIds),
    extraRequests: zero,
    checkSuccess: (value, world) => checkBatchSuccess(value, world.deleteIds),
  },
  {
    key: 'listItems', label: () => 'listItems (collect all)', opClass: 'read', faultClass: 'read', batch: false, mutates: false,
    call: (client, world) => collectAll(client.listItems(world.collectionId)),
    ids: none, units: one, extraRequests: zero,
    checkSuccess(value, world) {
      expect((value as CollectionItem[]).map((i) => i.id).sort()).toEqual([...world.collectionItemIds].sort());
    },
  },
  {
    key: 'createCollection', label: () => 'createCollection',
    opClass: 'non-idempotent-write', faultClass: 'non-idempotent-write', batch: false, mutates: true,
    call: (client, world) => client.createCollection({ name: world.createName }),
    ids: none, units: one, extraRequests: zero,
    checkSuccess(value, world) {
      expect((value as Collection).name).toBe(world.createName);
    },
  },
];
