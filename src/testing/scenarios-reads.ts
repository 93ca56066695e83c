import assert from 'node:assert/strict';
import type { ConformanceScenario } from './conformance-types.js';
import { collectIds, rejection, sorted } from './expectations.js';

export const readScenarios: ConformanceScenario[] = [
  {
    name: 'lists collections in the normalized shape',
    async run(t) {
      const collections = await t.client.listCollections();
      const alpha = collections.find((c) => c.id === t.collectionId('alpha'));
      assert.ok(alpha, 'alpha is listed');
      assert.ok(collections.some((c) => c.id === t.collectionId('beta')), 'beta is listed');
      for (const c of collections) {
        assert.equal(c.provider, t.client.provider);
        assert.equal(typeof c.name, 'string');
        assert.equal(typeof c.isDefault, 'boolean');
        assert.notEqual(c.raw, undefined);
        if (c.createdAt !== undefined) assert.ok(!Number.isNaN(c.createdAt.getTime()), 'createdAt is a valid Date');
      }
      assert.equal(alpha.name, 'alpha');
      if (alpha.itemCount !== undefined) assert.equal(alpha.itemCount, 5);
    },
  },
  {
    name: 'gets one collection with its item count when known, and NOT_FOUND for a missing one',
    async run(t) {
      const beta = await t.client.getCollection(t.collectionId('beta'));
      assert.deepEqual([beta.id, beta.name, beta.provider], [t.collectionId('beta'), 'beta', t.client.provider]);
      if (beta.itemCount !== undefined) assert.equal(beta.itemCount, 3);
      const error = await rejection(t.client.getCollection(t.missingCollectionId));
      assert.deepEqual([error.code, error.provider, error.status], ['NOT_FOUND', t.client.provider, 404]);
    },
  },
  {
    name: 'lists the items of a collection across pages',
    async run(t) {
      const ids = await collectIds(t.client, t.collectionId('alpha'), 2);
      assert.deepEqual(sorted(ids), sorted(['a1', 'a2', 'a3', 'a4', 'a5'].map((l) => t.itemId(l))));
    },
  },
  {
    name: 'gets one item with its collection, NOT_FOUND for a missing one, or UNSUPPORTED before any request',
    async run(t) {
      if (!t.client.capabilities.getItem) {
        const before = t.requestCount();
        assert.equal((await rejection(t.client.getItem(t.itemId('a1')))).code, 'UNSUPPORTED');
        assert.equal(t.requestCount(), before);
        return;
      }
      const item = await t.client.getItem(t.itemId('a1'));
      assert.deepEqual([item.id, item.provider], [t.itemId('a1'), t.client.provider]);
      if (item.collectionIds !== undefined) assert.ok(item.collectionIds.includes(t.collectionId('alpha')));
      assert.equal((await rejection(t.client.getItem(t.missingItemId))).code, 'NOT_FOUND');
    },
  },
  {
    name: 'maps a rejected credential to UNAUTHORIZED',
    async run(t) {
      const error = await rejection(t.unauthorizedClient.listCollections());
      assert.deepEqual([error.code, error.provider], ['UNAUTHORIZED', t.client.provider]);
    },
  },
];
