import { afterEach, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createCollectionClient, registerProvider, type BatchProgress, type BatchResult } from '../../src/index.js';
import { mountJobWorld, whereIs, type JobWorld } from '../jobs/job-world.js';
import { InMemoryAdapter, inMemoryConfigSchema } from '../support/in-memory-provider.js';
import { rejectionOf } from '../support/promises.js';
import { perVendor, VENDOR_FIXTURES, type VendorFixture } from '../support/vendors.js';

// reconcile(result) settles a batch result's unknown ids by reading each item back, on both
// vendors through their emulators: only what a read states moves an id, each unknown id costs
// one read and nothing else, and the ids that were already settled cost nothing.

type Operation = NonNullable<BatchResult['operation']>;
/** `gone`: the item does not exist (deleted meanwhile, say). */
type Fate = 'applied' | 'not-applied' | 'unreadable' | 'gone';

/** Where an item sits before reconcile, so that the call's effect holds (applied) or not. */
const PLACE: Record<Operation, Record<Fate, string | undefined>> = {
  deleteItems: { applied: undefined, 'not-applied': 'a', unreadable: 'a', gone: undefined },
  addItems: { applied: 'b', 'not-applied': 'a', unreadable: 'a', gone: undefined },
  removeItems: { applied: 'default', 'not-applied': 'a', unreadable: 'a', gone: undefined },
};
const NOT_DONE: Record<Operation, RegExp> = {
  deleteItems: /^read back after the call: the item still exists$/,
  addItems: /^read back after the call: (not in collection ".+" \(in ".+"\)|the item does not exist)$/,
  removeItems: /^read back after the call: still in collection ".+"$/,
};
const COLLECTION_OF: Record<Operation, string | undefined> = { deleteItems: undefined, addItems: 'b', removeItems: 'a' };

const worlds: JobWorld[] = [];
afterEach(async () => {
  await Promise.all(worlds.splice(0).map((world) => world.close()));
});

async function world(fixture: VendorFixture, placement: Record<string, string[]>, unreadable: string[] = []): Promise<JobWorld> {
  const mounted = await mountJobWorld(fixture, placement, { unreadable });
  worlds.push(mounted);
  return mounted;
}

function placementOf(operation: Operation, fates: Fate[], settled: number): Record<string, string[]> {
  const placement: Record<string, string[]> = { a: ['a-filler'], b: ['b-filler'], default: ['d-filler'] };
  fates.forEach((fate, i) => {
    const key = PLACE[operation][fate];
    if (key !== undefined) placement[key]!.push(`u${i}`);
  });
  for (let i = 0; i < settled; i += 1) placement.a!.push(`s${i}`);
  return placement;
}

describe.each(VENDOR_FIXTURES.map((f) => [f.name, f] as const))('reconcile on the %s emulator', (_name, fixture) => {
  it.each(['deleteItems', 'addItems', 'removeItems'] as const)('%s: applied ids succeed, the others fail saying what was read, unreadable ones stay unknown (property)', async (operation) => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.constantFrom<Fate>('applied', 'not-applied', 'unreadable', 'gone'), { minLength: 1, maxLength: 10 }),
      fc.integer({ min: 0, max: 4 }),
      async (fates, settled) => {
        const w = await world(fixture, placementOf(operation, fates, settled), fates.flatMap((f, i) => (f === 'unreadable' ? [`u${i}`] : [])));
        const unknown = fates.map((_, i) => w.itemId(`u${i}`));
        const done = Array.from({ length: settled }, (_, i) => w.itemId(`s${i}`));
        const collection = COLLECTION_OF[operation];
        const input: BatchResult = {
          provider: fixture.name, operation, ...(collection ? { collectionId: w.collectionId(collection) } : {}),
          requested: unknown.length + done.length, ok: false,
          succeeded: done.filter((_, i) => i % 2 === 0),
          failed: done.filter((_, i) => i % 2 === 1).map((id) => ({ id, reason: 'vendor said no', code: 'NOT_FOUND' })),
          unknown, raw: ['kept as it was'], moved: 7,
        };
        const progress: BatchProgress[] = [];
        const result = await w.client.reconcile(input, { onProgress: (p) => progress.push(p) });

        // A gone item was deleted and is out of every collection, but was not added.
        const expected = (fate: Fate) => (fate === 'applied' || (fate === 'gone' && operation !== 'addItems') ? 'succeeded'
          : fate === 'unreadable' ? 'unknown' : 'failed');
        const settledIds = fates.map((fate, i) => [unknown[i]!, expected(fate)] as const);
        expect(result.succeeded).toEqual([...input.succeeded, ...settledIds.filter(([, b]) => b === 'succeeded').map(([id]) => id)]);
        expect(result.failed.slice(0, input.failed.length)).toEqual(input.failed);
        const newlyFailed = result.failed.slice(input.failed.length);
        expect(newlyFailed.map((f) => f.id)).toEqual(settledIds.filter(([, b]) => b === 'failed').map(([id]) => id));
        newlyFailed.forEach((failure) => expect(failure.reason).toMatch(NOT_DONE[operation]));
        expect(result.unknown).toEqual(settledIds.filter(([, b]) => b === 'unknown').map(([id]) => id));
        expect(result.ok).toBe(result.failed.length === 0 && result.unknown.length === 0);
        expect(result).toMatchObject({ provider: fixture.name, operation, requested: input.requested, raw: ['kept as it was'], moved: 7 });
        // Reads only: one per unknown id (a 503 is retried once), none for settled ids, no write at all.
        expect([...w.counter.writes.keys()]).toEqual([]);
        fates.forEach((fate, i) => expect(w.counter.readsOf(unknown[i]!)).toBe(fate === 'unreadable' ? 2 : 1));
        done.forEach((id) => expect(w.counter.readsOf(id)).toBe(0));
        // One report per unknown id, the last one adding up.
        expect(progress).toHaveLength(unknown.length);
        expect(progress.at(-1)).toEqual({
          total: unknown.length, done: unknown.length,
          succeeded: result.succeeded.length - input.succeeded.length,
          failed: result.failed.length - input.failed.length,
          unknown: result.unknown.length,
        });
        await w.close();
      },
    ), { numRuns: 12 });
  });

  it('settles what a lost answer did: ids unknown after a truncated 200 read back as deleted', async () => {
    const labels = Array.from({ length: 5 }, (_, i) => `x${i}`);
    const w = await world(fixture, { a: labels });
    const route = perVendor(DELETE_ROUTE, fixture, 'delete route');
    w.emulator.faults.add({ route, kind: 'truncated-json' });
    const ids = labels.map(w.itemId);
    const deleted = await w.client.deleteItems(ids);
    expect(deleted.unknown.length).toBeGreaterThan(0);
    expect(deleted.operation).toBe('deleteItems');
    w.emulator.faults.clear();
    const writes = w.emulator.stats.byRoute[route];
    const result = await w.client.reconcile(deleted);
    expect(result).toMatchObject({ ok: true, unknown: [], failed: [] });
    expect([...result.succeeded].sort()).toEqual([...ids].sort());
    expect(w.emulator.stats.byRoute[route]).toBe(writes);
    for (const id of ids) expect(await whereIs(w, id)).toBeUndefined();
    // Reconciling a settled result reads nothing.
    const before = w.emulator.stats.total;
    expect(await w.client.reconcile(result)).toEqual(result);
    expect(w.emulator.stats.total).toBe(before);
  });

  it('refuses, before any request, a result that does not say what produced it or comes from another vendor', async () => {
    const w = await world(fixture, { a: ['x'] });
    const base: BatchResult = { provider: fixture.name, requested: 1, ok: false, succeeded: [], failed: [], unknown: [w.itemId('x')], raw: [] };
    const cases: Array<[unknown, RegExp]> = [
      [base, /does not say which operation/],
      [{ ...base, operation: 'syncCollection' }, /does not say which operation/],
      [{ ...base, operation: 'addItems' }, /must name its collection/],
      [{ ...base, operation: 'deleteItems', provider: 'someone-else' }, /the result is from "someone-else"/],
      [{ ...base, operation: 'deleteItems', unknown: 'x' }, /lacks its succeeded, failed and unknown lists/],
      [{ ...base, operation: 'deleteItems', unknown: ['../x'] }, /result.unknown\[0\]/],
      [null, /expected a BatchResult/],
    ];
    for (const [input, message] of cases) {
      const error = await rejectionOf(w.client.reconcile(input as BatchResult));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toMatch(message);
    }
    expect(w.emulator.stats.total).toBe(0);
  });

  it('an aborted reconcile reads nothing more and leaves those ids unknown', async () => {
    const w = await world(fixture, { a: ['x', 'y'] });
    const input: BatchResult = {
      provider: fixture.name, operation: 'deleteItems', requested: 2, ok: false, succeeded: [], failed: [], unknown: ['x', 'y'].map(w.itemId), raw: [],
    };
    const controller = new AbortController();
    controller.abort();
    const result = await w.client.reconcile(input, { signal: controller.signal });
    expect(result).toEqual(input);
    expect(w.emulator.stats.total).toBe(0);
  });
});

const DELETE_ROUTE: Record<string, string> = {
  wickson: 'DELETE /v1/media/batch',
  verifik: 'DELETE /v2/face-recognition/persons/:id',
};

describe('reconcile without a way to read items', () => {
  it('is UNSUPPORTED for an adapter without getItem, before any request', async () => {
    registerProvider({ name: 'in-memory', configSchema: inMemoryConfigSchema, useFactory: (config) => new InMemoryAdapter(config) });
    const client = createCollectionClient({ provider: 'in-memory', collections: { a: ['x'] } });
    const error = await rejectionOf(client.reconcile({
      provider: 'in-memory', operation: 'deleteItems', requested: 1, ok: false, succeeded: [], failed: [], unknown: ['x'], raw: [],
    }));
    expect(error.code).toBe('UNSUPPORTED');
    expect(error.message).toMatch(/getItem/);
  });
});
