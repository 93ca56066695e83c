import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { CollectionError, type BatchResult, type CollectionProvider } from '../../src/index.js';
import { type ContractHarness, type ContractTarget, STANDARD_WORLD } from './contract-world.js';

async function collect(client: CollectionProvider, collectionId: string, pageSize?: number): Promise<string[]> {
  const ids: string[] = [];
  for await (const item of client.listItems(collectionId, pageSize === undefined ? {} : { pageSize })) ids.push(item.id);
  return ids;
}

async function rejection(promise: Promise<unknown>): Promise<CollectionError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CollectionError);
    return error as CollectionError;
  }
  throw new Error('expected the call to fail');
}

/** Every requested id in exactly one bucket, nothing else, in input order. */
function expectPartition(result: BatchResult, requested: string[]): void {
  const buckets = [...result.succeeded, ...result.failed.map((f) => f.id), ...result.unknown];
  expect([...buckets].sort()).toEqual([...new Set(requested)].sort());
  expect(result.requested).toBe(new Set(requested).size);
  expect(result.ok).toBe(result.failed.length === 0 && result.unknown.length === 0);
}

/**
 * The behaviour every CollectionProvider promises, whatever the vendor. Each harness mounts the
 * same world (two collections of items) on a vendor and hands back a client.
 */
export function runContractSuite(harness: ContractHarness): void {
  describe(`contract: ${harness.name}`, () => {
    let t: ContractTarget;
    beforeEach(async () => {
      t = await harness.mount(STANDARD_WORLD);
    });
    afterEach(async () => {
      await t.close();
    });

    it('lists collections in the normalized shape', async () => {
      const collections = await t.client.listCollections();
      const alpha = collections.find((c) => c.id === t.collectionId('alpha'));
      expect(alpha).toBeDefined();
      expect(collections.map((c) => c.id)).toContain(t.collectionId('beta'));
      for (const c of collections) {
        expect(c.provider).toBe(t.client.provider);
        expect(typeof c.name).toBe('string');
        expect(typeof c.isDefault).toBe('boolean');
        expect(c.raw).toBeDefined();
        if (c.createdAt !== undefined) expect(Number.isNaN(c.createdAt.getTime())).toBe(false);
      }
      expect(alpha!.name).toBe('alpha');
      if (alpha!.itemCount !== undefined) expect(alpha!.itemCount).toBe(5);
    });

    it('gets one collection, and NOT_FOUND for a missing one', async () => {
      const beta = await t.client.getCollection(t.collectionId('beta'));
      expect([beta.id, beta.name, beta.provider]).toEqual([t.collectionId('beta'), 'beta', t.client.provider]);
      const error = await rejection(t.client.getCollection(t.missingCollectionId));
      expect([error.code, error.provider, error.status]).toEqual(['NOT_FOUND', t.client.provider, 404]);
    });

    it('lists the items of a collection across pages', async () => {
      const ids = await collect(t.client, t.collectionId('alpha'), 2);
      expect(ids.sort()).toEqual(['a1', 'a2', 'a3', 'a4', 'a5'].map((l) => t.itemId(l)).sort());
    });

    it('adds items, counting the ones already there', async () => {
      const ids = [t.itemId('a1'), t.itemId('a2'), t.itemId('b1')];
      const result = await t.client.addItems(t.collectionId('beta'), ids);
      expectPartition(result, ids);
      expect(result.succeeded).toEqual(ids);
      expect(result.ok).toBe(true);
      expect(result.alreadyInCollection).toBe(1);
      expect(result.moved).toBe(2);
      expect(await collect(t.client, t.collectionId('beta'))).toEqual(expect.arrayContaining(ids));
    });

    it('never reports a missing item as added', async () => {
      const ids = [t.itemId('a3'), t.missingItemId];
      const result = await t.client.addItems(t.collectionId('beta'), ids);
      expectPartition(result, ids);
      expect(result.ok).toBe(false);
      expect(result.succeeded).not.toContain(t.missingItemId);
      expect(result.failed.find((f) => f.id === t.missingItemId)?.code).toBe('NOT_FOUND');
    });

    it('deletes items and reports each id honestly', async () => {
      const ids = [t.itemId('a4'), t.itemId('a5'), t.missingItemId, t.itemId('a4')];
      const result = await t.client.deleteItems(ids);
      expectPartition(result, ids);
      expect(result.succeeded).toEqual([t.itemId('a4'), t.itemId('a5')]);
      expect(result.failed.map((f) => f.id)).toEqual([t.missingItemId]);
      expect(result.failed[0]!.reason.length).toBeGreaterThan(0);
      expect(await collect(t.client, t.collectionId('alpha'))).not.toEqual(expect.arrayContaining([t.itemId('a4')]));
    });

    it('deletes a collection, which is then gone', async () => {
      const deleted = await t.client.deleteCollection(t.collectionId('beta'));
      expect(deleted.collectionId).toBe(t.collectionId('beta'));
      expect(deleted.provider).toBe(t.client.provider);
      if (t.client.capabilities.deleteCollectionReturns === 'counts') expect(deleted.deletedItems).toBe(3);
      else expect(deleted.snapshot?.name).toBe('beta');
      expect((await rejection(t.client.getCollection(t.collectionId('beta')))).code).toBe('NOT_FOUND');
    });

    it('creates a collection, or says UNSUPPORTED before any request', async () => {
      const before = t.requestCount();
      if (t.client.capabilities.createCollection) {
        const created = await t.client.createCollection({ name: 'gamma', description: 'made by the contract' });
        expect(created.name).toBe('gamma');
        expect((await t.client.getCollection(created.id)).name).toBe('gamma');
      } else {
        expect((await rejection(t.client.createCollection({ name: 'gamma' }))).code).toBe('UNSUPPORTED');
        expect(t.requestCount()).toBe(before);
      }
    });

    it('refuses invalid input before any request', async () => {
      const before = t.requestCount();
      const attempts: Array<Promise<unknown>> = [
        t.client.getCollection('../etc'),
        t.client.getCollection(''),
        t.client.deleteCollection('a/b'),
        t.client.addItems(t.collectionId('alpha'), ['ok', 'bad\nid']),
        t.client.deleteItems('not-an-array' as never),
        t.client.listItems('a/b')[Symbol.asyncIterator]().next(),
      ];
      for (const attempt of attempts) expect((await rejection(attempt)).code).toBe('INVALID_INPUT');
      expect(t.requestCount()).toBe(before);
    });

    it('sends nothing for an empty batch', async () => {
      const before = t.requestCount();
      const results = [await t.client.addItems(t.collectionId('alpha'), []), await t.client.deleteItems([])];
      for (const r of results) expect([r.requested, r.ok, r.succeeded.length]).toEqual([0, true, 0]);
      expect(t.requestCount()).toBe(before);
    });

    it('maps a rejected credential to UNAUTHORIZED', async () => {
      const error = await rejection(t.unauthorizedClient.listCollections());
      expect([error.code, error.provider]).toEqual(['UNAUTHORIZED', t.client.provider]);
    });
  });
}
