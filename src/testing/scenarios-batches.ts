import assert from 'node:assert/strict';
import type { ConformanceScenario } from './conformance-types.js';
import { assertPartition, collectIds, rejection } from './expectations.js';

export const batchScenarios: ConformanceScenario[] = [
  {
    name: 'adds items, counting the ones already there',
    async run(t) {
      const ids = [t.itemId('a1'), t.itemId('a2'), t.itemId('b1')];
      const result = await t.client.addItems(t.collectionId('beta'), ids);
      assertPartition(result, ids);
      assert.deepEqual(result.succeeded, ids);
      assert.equal(result.alreadyInCollection, 1);
      assert.equal(result.moved, 2);
      const members = await collectIds(t.client, t.collectionId('beta'));
      for (const id of ids) assert.ok(members.includes(id), `${id} is in beta afterwards`);
    },
  },
  {
    name: 'never reports a missing item as added',
    async run(t) {
      const ids = [t.itemId('a3'), t.missingItemId];
      const result = await t.client.addItems(t.collectionId('beta'), ids);
      assertPartition(result, ids);
      assert.equal(result.ok, false);
      assert.ok(!result.succeeded.includes(t.missingItemId));
      assert.equal(result.failed.find((f) => f.id === t.missingItemId)?.code, 'NOT_FOUND');
    },
  },
  {
    name: 'never reports items added to a collection that does not exist, and does not create it by accident',
    async run(t) {
      const ids = [t.itemId('a1')];
      let failedIds: string[] = [];
      try {
        const result = await t.client.addItems(t.missingCollectionId, ids);
        assertPartition(result, ids);
        assert.deepEqual(result.succeeded, []);
        failedIds = result.failed.map((f) => f.id);
      } catch (error) {
        assert.equal((error as { code?: unknown }).code, 'NOT_FOUND');
        failedIds = ids;
      }
      assert.deepEqual(failedIds, ids);
      assert.equal((await rejection(t.client.getCollection(t.missingCollectionId))).code, 'NOT_FOUND');
      assert.ok((await collectIds(t.client, t.collectionId('alpha'))).includes(t.itemId('a1')), 'the item did not move');
    },
  },
  {
    name: 'removes members from a collection without deleting them, or says UNSUPPORTED before any request',
    async run(t) {
      const ids = [t.itemId('a1'), t.itemId('b1')];
      if (t.client.capabilities.removeItems === false) {
        const before = t.requestCount();
        assert.equal((await rejection(t.client.removeItems(t.collectionId('alpha'), ids))).code, 'UNSUPPORTED');
        assert.equal(t.requestCount(), before);
        return;
      }
      const result = await t.client.removeItems(t.collectionId('alpha'), ids);
      assertPartition(result, ids);
      assert.deepEqual(result.succeeded, [t.itemId('a1')]);
      assert.deepEqual(result.failed.map((f) => f.id), [t.itemId('b1')], 'a non-member is failed');
      assert.ok(!(await collectIds(t.client, t.collectionId('alpha'))).includes(t.itemId('a1')));
      assert.equal((await t.client.getItem(t.itemId('a1'))).id, t.itemId('a1'), 'the removed item still exists');
      assert.ok((await collectIds(t.client, t.collectionId('beta'))).includes(t.itemId('b1')), 'the non-member was not touched');
    },
  },
  {
    name: 'deletes items and reports each id honestly',
    async run(t) {
      const ids = [t.itemId('a4'), t.itemId('a5'), t.missingItemId, t.itemId('a4')];
      const result = await t.client.deleteItems(ids);
      assertPartition(result, ids);
      assert.deepEqual(result.succeeded, [t.itemId('a4'), t.itemId('a5')]);
      assert.deepEqual(result.failed.map((f) => f.id), [t.missingItemId]);
      assert.ok(result.failed[0]!.reason.length > 0, 'a failure has a reason');
      assert.ok(!(await collectIds(t.client, t.collectionId('alpha'))).includes(t.itemId('a4')));
    },
  },
  {
    name: 'sends nothing for an empty batch',
    async run(t) {
      const before = t.requestCount();
      const results = [await t.client.addItems(t.collectionId('alpha'), []), await t.client.deleteItems([])];
      for (const r of results) assert.deepEqual([r.requested, r.ok, r.succeeded.length], [0, true, 0]);
      assert.equal(t.requestCount(), before);
    },
  },
  {
    name: 'an already-aborted signal sends nothing: batch ids end failed ABORTED, a listing rejects ABORTED',
    async run(t) {
      const controller = new AbortController();
      controller.abort();
      const before = t.requestCount();
      const ids = [t.itemId('a1'), t.itemId('a2')];
      const result = await t.client.deleteItems(ids, { signal: controller.signal });
      assertPartition(result, ids);
      assert.deepEqual(result.failed.map((f) => f.code), ['ABORTED', 'ABORTED']);
      const listing = t.client.listItems(t.collectionId('alpha'), { signal: controller.signal });
      assert.equal((await rejection(listing[Symbol.asyncIterator]().next())).code, 'ABORTED');
      assert.equal(t.requestCount(), before);
    },
  },
];
