import { expect } from '@jest/globals';
import type {
  BatchResult, Collection, CollectionItem, CollectionProvider, DeletedCollection, ProviderCapabilities,
} from '../../src/index.js';
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
  /** Batches: ids per request, as the client declares it (1 = one request per item). */
  chunkSize?(capabilities: ProviderCapabilities): number;
  /**
   * Independent requests the operation makes on the faulted route, each with its own retries:
   * one for a single call, one per chunk for a batch (one per item where chunks hold one).
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
const addChunk = (capabilities: ProviderCapabilities) => capabilities.maxAddBatch;
const deleteChunk = (capabilities: ProviderCapabilities) => capabilities.maxDeleteBatch;
const chunksOf = (ids: (w: VendorWorld) => string[], size: (c: ProviderCapabilities) => number) =>
  (world: VendorWorld) => Math.ceil(ids(world).length / size(world.fixture.capabilities));
/** Adding an item reads it, then writes its whole membership back: two requests per item. */
const readModifyWrite = (world: VendorWorld) => world.fixture.capabilities.membershipWrites === 'read-modify-write';
/** Where adding would create a missing collection, the core reads the target first: one request. */
const existenceCheck = (world: VendorWorld) => (world.fixture.capabilities.addCreatesCollection ? 1 : 0);

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
    ids: none, units: one,
    // Where the vendor's read has no item count, the core asks for it once the read succeeded.
    extraRequests: (world, readOk) => (readOk && world.countsItemsSeparately ? 1 : 0),
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
      if (world.fixture.capabilities.deleteCollectionReturns === 'counts') expect(deleted.deletedItems).toBe(2);
      else expect(deleted.snapshot?.id).toBe(world.doomedCollectionId);
    },
  },
  {
    key: 'addItems',
    label: (world) => (readModifyWrite(world) ? 'addItems (faults on each item\'s write)' : 'addItems'),
    opClass: 'idempotent-write', faultClass: 'idempotent-write', batch: true, mutates: true,
    call: addItems,
    ids: (world) => world.addIds,
    chunkSize: addChunk,
    units: chunksOf((world) => world.addIds, addChunk),
    // A read-modify-write reads each item before writing it, whatever the write then meets.
    extraRequests: (world) => existenceCheck(world) + (readModifyWrite(world) ? world.addIds.length : 0),
    checkSuccess: checkAdded,
  },
  {
    // The read half of a read-modify-write: an item that cannot be read is never written.
    key: 'addItems:read',
    label: () => 'addItems (faults on each item\'s read before the write)',
    appliesTo: readModifyWrite,
    opClass: 'idempotent-write', faultClass: 'read', batch: true, mutates: true,
    call: addItems,
    ids: (world) => world.addIds,
    chunkSize: addChunk,
    units: chunksOf((world) => world.addIds, addChunk),
    extraRequests: (world, readOk) => existenceCheck(world) + (readOk ? world.addIds.length : 0),
    evidenceKey: 'addItems',
    bucketOnFailure: 'failed',
    checkSuccess: checkAdded,
  },
  {
    key: 'deleteItems', label: () => 'deleteItems',
    opClass: 'idempotent-write', faultClass: 'idempotent-write', batch: true, mutates: true,
    call: (client, world) => client.deleteItems(world.deleteIds),
    ids: (world) => world.deleteIds,
    chunkSize: deleteChunk,
    units: chunksOf((world) => world.deleteIds, deleteChunk),
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
