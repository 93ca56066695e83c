import assert from 'node:assert/strict';
import type { ConformanceScenario } from './conformance-types.js';
import { assertRefusedBeforeRequest, rejection } from './expectations.js';

export const lifecycleScenarios: ConformanceScenario[] = [
  {
    name: 'deletes a collection, which is then gone',
    async run(t) {
      const deleted = await t.client.deleteCollection(t.collectionId('beta'));
      assert.equal(deleted.collectionId, t.collectionId('beta'));
      assert.equal(deleted.provider, t.client.provider);
      if (t.client.capabilities.deleteCollectionReturns === 'counts') assert.equal(deleted.deletedItems, 3);
      else assert.equal(deleted.snapshot?.name, 'beta');
      assert.equal((await rejection(t.client.getCollection(t.collectionId('beta')))).code, 'NOT_FOUND');
    },
  },
  {
    name: 'creates a collection, or says UNSUPPORTED before any request',
    async run(t) {
      if (!t.client.capabilities.createCollection) {
        await assertRefusedBeforeRequest(t, () => t.client.createCollection({ name: 'gamma' }), 'UNSUPPORTED');
        return;
      }
      const created = await t.client.createCollection({ name: 'gamma', description: 'made by the conformance kit' });
      assert.equal(created.name, 'gamma');
      assert.equal((await t.client.getCollection(created.id)).name, 'gamma');
    },
  },
  {
    name: 'updates a collection, or says UNSUPPORTED before any request',
    async run(t) {
      const id = t.collectionId('alpha');
      if (!t.client.capabilities.updateCollection) {
        await assertRefusedBeforeRequest(t, () => t.client.updateCollection(id, { name: 'renamed' }), 'UNSUPPORTED');
        return;
      }
      const described = await t.client.updateCollection(id, { description: 'described by the kit' });
      assert.deepEqual([described.id, described.name], [id, 'alpha'], 'a description change keeps the name');
      const renamed = await t.client.updateCollection(id, { name: 'alpha-renamed' });
      assert.equal(renamed.name, 'alpha-renamed');
      assert.equal((await t.client.getCollection(id)).name, 'alpha-renamed');
    },
  },
  {
    name: 'refuses invalid input before any request',
    async run(t) {
      const before = t.requestCount();
      const attempts: Array<Promise<unknown>> = [
        t.client.getCollection('../etc'),
        t.client.getCollection(''),
        t.client.deleteCollection('a/b'),
        t.client.addItems(t.collectionId('alpha'), ['ok', 'bad\nid']),
        t.client.deleteItems('not-an-array' as never),
        t.client.deleteItems(new Array<string>(2)),
        t.client.removeItems(t.collectionId('alpha'), [' padded']),
        t.client.getItem('a/b'),
        t.client.listItems('a/b')[Symbol.asyncIterator]().next(),
      ];
      for (const attempt of attempts) {
        const code = (await rejection(attempt)).code;
        // An operation the adapter lacks may say so first: no input could make it work.
        assert.ok(code === 'INVALID_INPUT' || code === 'UNSUPPORTED', `expected INVALID_INPUT, got ${code}`);
      }
      assert.equal(t.requestCount(), before);
    },
  },
];
