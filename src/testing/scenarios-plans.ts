import assert from 'node:assert/strict';
import type { BatchResult } from '../spec/models.js';
import type { OperationPlan } from '../spec/plan.js';
import type { ConformanceScenario, ConformanceTarget } from './conformance-types.js';
import { assertPartition, assertRefusedBeforeRequest, collectIds, rejection, sorted } from './expectations.js';

// Dry runs and desired-state sync: every plug-in gets them from the core, and keeps them.

/**
 * Runs a dry run and proves it sent only the reads it reports (no write: every request it made
 * is one of its `readsSent`) and changed nothing the listings show.
 */
async function dryRun(t: ConformanceTarget, plan: () => Promise<OperationPlan>): Promise<OperationPlan> {
  const keys = ['alpha', 'beta'] as const;
  const before = await Promise.all(keys.map((key) => collectIds(t.client, t.collectionId(key))));
  const requests = t.requestCount();
  const planned = await plan();
  assert.equal(t.requestCount() - requests, planned.readsSent, 'a dry run sends only the reads it reports');
  assert.equal(planned.dryRun, true);
  assert.equal(planned.provider, t.client.provider);
  const after = await Promise.all(keys.map((key) => collectIds(t.client, t.collectionId(key))));
  assert.deepEqual(after, before, 'a dry run changes nothing');
  return planned;
}

/** The run did what the plan said: its succeeded are the plan's affected, its failed the plan's skipped (same codes). */
function assertRunMatches(plan: OperationPlan, result: BatchResult, requested: readonly string[]): void {
  assertPartition(result, requested);
  assert.deepEqual(result.unknown, []);
  assert.deepEqual(sorted(result.succeeded), sorted(plan.affected), 'the run succeeds exactly on the plan\'s affected ids');
  const failures = (list: Array<{ id: string; code?: string | undefined }>) => sorted(list.map((f) => `${f.id} ${f.code ?? ''}`));
  assert.deepEqual(failures(result.failed), failures(plan.skipped), 'the run fails exactly the plan\'s skipped ids, with their codes');
  assert.equal(plan.requested, new Set(requested).size);
}

export const planScenarios: ConformanceScenario[] = [
  {
    name: 'a dry run of deleteItems sends no write, and its plan is what the run then does',
    async run(t) {
      const ids = [t.itemId('a4'), t.missingItemId, t.itemId('a5')];
      const plan = await dryRun(t, () => t.client.deleteItems(ids, { dryRun: true }));
      assert.deepEqual(plan.skipped.map((s) => [s.id, s.code]), [[t.missingItemId, 'NOT_FOUND']]);
      assert.equal(plan.writeRequests, Math.ceil(ids.length / t.client.capabilities.maxDeleteBatch));
      assertRunMatches(plan, await t.client.deleteItems(ids), ids);
    },
  },
  {
    name: 'a dry run of addItems sends no write, and its plan is what the run then does',
    async run(t) {
      const ids = [t.itemId('a1'), t.itemId('b1'), t.itemId('a2')];
      const plan = await dryRun(t, () => t.client.addItems(t.collectionId('beta'), ids, { dryRun: true }));
      assert.deepEqual(plan.changes, { add: [t.itemId('a1'), t.itemId('a2')], remove: [], unchanged: 1 });
      const result = await t.client.addItems(t.collectionId('beta'), ids);
      assertRunMatches(plan, result, ids);
      assert.deepEqual([result.moved, result.alreadyInCollection], [2, 1]);
      // A missing item: whatever the vendor does with the rest of its request, the plan says it.
      const withMissing = [t.itemId('a3'), t.missingItemId];
      const planned = await dryRun(t, () => t.client.addItems(t.collectionId('beta'), withMissing, { dryRun: true }));
      assert.ok(planned.skipped.some((s) => s.id === t.missingItemId && s.code === 'NOT_FOUND'));
      assertRunMatches(planned, await t.client.addItems(t.collectionId('beta'), withMissing), withMissing);
    },
  },
  {
    name: 'a dry run of removeItems sends no write and its plan is what the run does, or it is UNSUPPORTED before any request',
    async run(t) {
      const ids = [t.itemId('a1'), t.itemId('b1'), t.missingItemId];
      if (t.client.capabilities.removeItems === false) {
        await assertRefusedBeforeRequest(t, () => t.client.removeItems(t.collectionId('alpha'), ids, { dryRun: true }), 'UNSUPPORTED');
        return;
      }
      const plan = await dryRun(t, () => t.client.removeItems(t.collectionId('alpha'), ids, { dryRun: true }));
      assert.deepEqual(plan.affected, [t.itemId('a1')]);
      assertRunMatches(plan, await t.client.removeItems(t.collectionId('alpha'), ids), ids);
    },
  },
  {
    name: 'a dry run of deleteCollection sends no write and says what cascades; a protected collection is refused before any request',
    async run(t) {
      const { deleteCascadesItems, protectedCollectionId } = t.client.capabilities;
      if (protectedCollectionId !== undefined) {
        await assertRefusedBeforeRequest(t, () => t.client.deleteCollection(protectedCollectionId, { dryRun: true }), 'PROTECTED_COLLECTION');
      }
      const plan = await dryRun(t, () => t.client.deleteCollection(t.collectionId('beta'), { dryRun: true }));
      assert.deepEqual([plan.affected, plan.writeRequests], [[t.collectionId('beta')], 1]);
      assert.equal(plan.cascade?.deletesItems, deleteCascadesItems);
      if (plan.cascade?.items !== undefined) assert.equal(plan.cascade.items, 3);
      const deleted = await t.client.deleteCollection(t.collectionId('beta'));
      if (deleted.deletedItems !== undefined) assert.equal(deleted.deletedItems, plan.cascade?.items);
    },
  },
  {
    name: 'syncCollection makes the membership exactly the desired set, as its dry run said, or is UNSUPPORTED before any request',
    async run(t) {
      const desired = [t.itemId('a1'), t.itemId('a2'), t.itemId('b1')];
      if (t.client.capabilities.removeItems === false) {
        await assertRefusedBeforeRequest(t, () => t.client.syncCollection(t.collectionId('alpha'), desired), 'UNSUPPORTED');
        await assertRefusedBeforeRequest(t, () => t.client.syncCollection(t.collectionId('alpha'), desired, { dryRun: true }), 'UNSUPPORTED');
        return;
      }
      const plan = await dryRun(t, () => t.client.syncCollection(t.collectionId('alpha'), desired, { dryRun: true }));
      const extras = ['a3', 'a4', 'a5'].map((label) => t.itemId(label));
      assert.deepEqual(plan.changes?.add, [t.itemId('b1')]);
      assert.deepEqual(sorted(plan.changes?.remove ?? []), sorted(extras));
      assert.equal(plan.changes?.unchanged, 2);
      const result = await t.client.syncCollection(t.collectionId('alpha'), desired);
      assert.deepEqual([result.ok, result.added, result.removed, result.unchanged], [true, 1, 3, 2]);
      assertPartition(result.add, [t.itemId('b1')]);
      assertPartition(result.remove, extras);
      assert.deepEqual(sorted([...result.add.succeeded, ...result.remove.succeeded]), sorted(plan.affected));
      assert.deepEqual(sorted(await collectIds(t.client, t.collectionId('alpha'))), sorted(desired));
      for (const id of extras) assert.equal((await t.client.getItem(id)).id, id, 'an item taken out still exists');
      assert.equal((await rejection(t.client.syncCollection(t.collectionId('alpha'), ['bad\nid']))).code, 'INVALID_INPUT');
    },
  },
];
