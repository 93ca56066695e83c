import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isCollectionError, type BatchResult, type OperationPlan, type SyncResult } from '../../src/index.js';
import {
  COLLECTION_KEYS, ITEM_LABELS, WORLD_VENDORS, labelsArbitrary, worldArbitrary, type MountedWorld, type World, type WorldVendor,
} from '../support/plan-worlds.js';

// Issue #9 item 5: a dry run sends no write, and each plan's counts are what the real run then
// does on the same state: `affected` = the run's succeeded, `skipped` = its failed (same codes),
// `writeRequests` and `readRequests` = the write and read requests the vendor then counts.
// Random worlds on both emulators (over loopback) and the plug-in registered from outside.

const RUNS = Number(process.env.PLAN_RUNS ?? 12);

/** A call that may throw (before writing, or as the vendor refuses): its error code, or its value. */
async function settle<T>(call: () => Promise<T>): Promise<{ value: T } | { code: string }> {
  try {
    return { value: await call() };
  } catch (error) {
    if (!isCollectionError(error)) throw error;
    return { code: error.code };
  }
}

interface Operation<R> {
  name: string;
  args: fc.Arbitrary<unknown[]>;
  dry(t: MountedWorld, args: unknown[]): Promise<OperationPlan>;
  run(t: MountedWorld, args: unknown[]): Promise<R>;
  /** Compares what the run did with the plan, beyond the request counts. */
  matches(plan: OperationPlan, result: R): void;
}

function expectBatchMatches(plan: OperationPlan, result: BatchResult): void {
  expect(result.unknown).toEqual([]);
  expect(result.succeeded).toEqual(plan.affected);
  expect(result.failed.map((f) => [f.id, f.code])).toEqual(plan.skipped.map((s) => [s.id, s.code]));
  expect(result.requested).toBe(plan.requested);
}

const ids = (t: MountedWorld, labels: unknown) => (labels as string[]).map((label) => t.itemId(label));
const someCollection = fc.constantFrom('default', ...COLLECTION_KEYS);

const OPERATIONS: Array<Operation<any>> = [
  {
    name: 'deleteItems',
    args: fc.tuple(labelsArbitrary),
    dry: (t, [labels]) => t.client.deleteItems(ids(t, labels), { dryRun: true }),
    run: (t, [labels]) => t.client.deleteItems(ids(t, labels)),
    matches: expectBatchMatches,
  },
  {
    name: 'addItems',
    args: fc.tuple(someCollection, labelsArbitrary, fc.boolean()),
    dry: (t, [key, labels, createIfMissing]) => t.client.addItems(t.collectionId(key as string), ids(t, labels), { dryRun: true, createIfMissing: createIfMissing as boolean }),
    run: (t, [key, labels, createIfMissing]) => t.client.addItems(t.collectionId(key as string), ids(t, labels), { createIfMissing: createIfMissing as boolean }),
    matches(plan, result: BatchResult) {
      expectBatchMatches(plan, result);
      const affected = new Set(plan.affected);
      const moved = plan.changes!.add.filter((id) => affected.has(id)).length;
      expect(result.moved ?? 0).toBe(moved);
      expect(result.alreadyInCollection ?? 0).toBe(plan.affected.length - moved);
    },
  },
  {
    name: 'removeItems',
    args: fc.tuple(someCollection, labelsArbitrary),
    dry: (t, [key, labels]) => t.client.removeItems(t.collectionId(key as string), ids(t, labels), { dryRun: true }),
    run: (t, [key, labels]) => t.client.removeItems(t.collectionId(key as string), ids(t, labels)),
    matches: expectBatchMatches,
  },
  {
    name: 'deleteCollection',
    args: fc.tuple(someCollection),
    dry: (t, [key]) => t.client.deleteCollection(t.collectionId(key as string), { dryRun: true }),
    run: (t, [key]) => t.client.deleteCollection(t.collectionId(key as string)),
    matches(plan, deleted) {
      expect(plan.affected).toEqual([deleted.collectionId]);
      expect(plan.cascade?.deletesItems).toBe(deleted.deletedItems !== undefined);
      if (deleted.deletedItems !== undefined) expect(plan.cascade?.items).toBe(deleted.deletedItems);
    },
  },
  {
    name: 'syncCollection',
    args: fc.tuple(fc.constantFrom(...COLLECTION_KEYS), fc.shuffledSubarray(ITEM_LABELS), fc.subarray(['m1'])),
    dry: (t, [key, labels, missing]) => t.client.syncCollection(t.collectionId(key as string), ids(t, [...(labels as string[]), ...(missing as string[])]), { dryRun: true }),
    run: (t, [key, labels, missing]) => t.client.syncCollection(t.collectionId(key as string), ids(t, [...(labels as string[]), ...(missing as string[])])),
    matches(plan, result: SyncResult) {
      const changed = [...result.add.succeeded, ...result.remove.succeeded];
      expect([...changed].sort()).toEqual([...plan.affected].sort());
      const failed = [...result.add.failed, ...result.remove.failed].map((f) => `${f.id} ${f.code}`);
      expect(failed.sort()).toEqual(plan.skipped.map((s) => `${s.id} ${s.code}`).sort());
      expect([result.add.unknown, result.remove.unknown]).toEqual([[], []]);
      expect(result.add.requested).toBe(plan.changes!.add.length);
      expect(result.remove.requested).toBe(plan.changes!.remove.length);
      expect(result.unchanged).toBe(plan.changes!.unchanged);
    },
  },
];

async function dryThenRun(vendor: WorldVendor, world: World, operation: Operation<unknown>, args: unknown[]): Promise<void> {
  const t = await vendor.mount(world);
  try {
    const [writes0, reads0] = [t.writes(), t.reads()];
    const planned = await settle(() => operation.dry(t, args));
    const [writes1, reads1] = [t.writes(), t.reads()];
    expect(writes1 - writes0).toBe(0);
    const ran = await settle(() => operation.run(t, args));
    if ('code' in planned) {
      // A call the run ends with an error (a missing target, a protected collection) ends the dry run the same way.
      expect(ran).toEqual({ code: planned.code });
      return;
    }
    const plan = planned.value;
    expect(plan).toMatchObject({ provider: t.client.provider, dryRun: true, operation: operation.name });
    expect(reads1 - reads0).toBe(plan.readsSent);
    if ('code' in ran) throw new Error(`the plan said ${JSON.stringify(plan)} but the run failed with ${ran.code}`);
    expect(t.writes() - writes1).toBe(plan.writeRequests);
    expect(t.reads() - reads1).toBe(plan.readRequests);
    operation.matches(plan, ran.value);
  } finally {
    await t.close();
  }
}

describe.each(WORLD_VENDORS.map((vendor) => [vendor.name, vendor] as const))('dry runs on the %s', (_name, vendor) => {
  it.each(OPERATIONS.map((operation) => [operation.name, operation] as const))(
    '%s: no write sent, and the plan is what the run then does',
    async (_op, operation) => {
      await fc.assert(fc.asyncProperty(worldArbitrary(vendor), operation.args, (world, args) => dryThenRun(vendor, world, operation, args)), {
        numRuns: RUNS,
      });
    },
  );
});
