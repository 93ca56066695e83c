import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isCollectionError, type BatchProgress, type BatchResult } from '../../src/index.js';
import {
  COLLECTION_KEYS, ITEM_LABELS, MISSING_LABELS, WORLD_VENDORS, membersOf, worldArbitrary, type World,
} from '../support/plan-worlds.js';

// Issue #9 item 6: syncCollection makes a collection's membership exactly the desired set, on
// every vendor that can take items out, keeping every batch promise.

const RUNS = 15;
const SYNCING = WORLD_VENDORS.filter((vendor) => vendor.name !== 'in-memory plug-in');
const PLUG_IN = WORLD_VENDORS.find((vendor) => vendor.name === 'in-memory plug-in')!;

function expectPartition(result: BatchResult, requested: readonly string[]): void {
  const buckets = [...result.succeeded, ...result.failed.map((f) => f.id), ...result.unknown];
  expect([...buckets].sort()).toEqual([...requested].sort());
  expect(result.requested).toBe(requested.length);
  expect(result.ok).toBe(result.failed.length === 0 && result.unknown.length === 0);
}

const membersIn = (world: World, key: string) => ITEM_LABELS.filter((label) => world[label]!.includes(key));

describe.each(SYNCING.map((vendor) => [vendor.name, vendor] as const))('syncCollection on the %s', (_name, vendor) => {
  it('ends with exactly the desired members; added + unchanged = desired, removed = the extras; nothing unknown', async () => {
    await fc.assert(fc.asyncProperty(
      worldArbitrary(vendor), fc.constantFrom(...COLLECTION_KEYS), fc.shuffledSubarray(ITEM_LABELS),
      async (world, key, labels) => {
        const t = await vendor.mount(world);
        try {
          const before = membersIn(world, key);
          // An exclusive vendor's empty collection does not exist: NOT_FOUND, nothing written.
          if (before.length === 0 && vendor.membership === 'exclusive') {
            const writes = t.writes();
            await expect(t.client.syncCollection(t.collectionId(key), labels.map(t.itemId))).rejects.toMatchObject({ code: 'NOT_FOUND' });
            expect(t.writes()).toBe(writes);
            return;
          }
          const desired = labels.map(t.itemId);
          const result = await t.client.syncCollection(t.collectionId(key), desired);
          expect(result.ok).toBe(true);
          expect(await membersOf(t.client, t.collectionId(key))).toEqual([...desired].sort());
          const current = new Set(before.map(t.itemId));
          const toAdd = desired.filter((id) => !current.has(id));
          const extras = [...current].filter((id) => !desired.includes(id));
          expectPartition(result.add, toAdd);
          expectPartition(result.remove, extras);
          expect([result.added, result.removed, result.unchanged]).toEqual([toAdd.length, extras.length, desired.length - toAdd.length]);
          expect(result.added + result.unchanged).toBe(desired.length);
          expect(result.add).toMatchObject({ operation: 'addItems', collectionId: t.collectionId(key) });
          expect(result.remove).toMatchObject({ operation: 'removeItems', collectionId: t.collectionId(key) });
          // A second sync to the same set has nothing left to do: no write. (An exclusive
          // vendor's collection emptied by the first is gone: the test above.)
          if (desired.length === 0 && vendor.membership === 'exclusive') return;
          const writes = t.writes();
          const again = await t.client.syncCollection(t.collectionId(key), desired);
          expect([again.added, again.removed, again.unchanged, t.writes() - writes]).toEqual([0, 0, desired.length, 0]);
        } finally {
          await t.close();
        }
      },
    ), { numRuns: RUNS });
  });

  it('with ids that do not exist: each batch partitions its ids, and membership changed exactly by what succeeded', async () => {
    await fc.assert(fc.asyncProperty(
      worldArbitrary(vendor), fc.constantFrom(...COLLECTION_KEYS), fc.shuffledSubarray([...ITEM_LABELS, ...MISSING_LABELS], { minLength: 1 }),
      async (world, key, labels) => {
        const t = await vendor.mount(world);
        try {
          const before = membersIn(world, key).map(t.itemId);
          if (before.length === 0 && vendor.membership === 'exclusive') return; // NOT_FOUND: the property above
          const desired = labels.map(t.itemId);
          const result = await t.client.syncCollection(t.collectionId(key), desired);
          const missing = new Set(MISSING_LABELS.map(t.itemId));
          for (const failure of result.add.failed) expect(failure.code).toBe('NOT_FOUND');
          for (const id of desired) if (missing.has(id)) expect(result.add.failed.map((f) => f.id)).toContain(id);
          expect([result.add.unknown, result.remove.unknown]).toEqual([[], []]);
          expect(result.ok).toBe(!desired.some((id) => missing.has(id)));
          const expected = new Set(before);
          result.add.succeeded.forEach((id) => expected.add(id));
          result.remove.succeeded.forEach((id) => expected.delete(id));
          expect(await membersOf(t.client, t.collectionId(key))).toEqual([...expected].sort());
          expect(result.remove.failed).toEqual([]);
        } finally {
          await t.close();
        }
      },
    ), { numRuns: RUNS });
  });

  it('reports progress over both batches as one job, ending at the total', async () => {
    const world: World = Object.fromEntries(ITEM_LABELS.map((label, i) => [label, i < 6 ? ['c1'] : vendor.membership === 'exclusive' ? ['default'] : []]));
    const t = await vendor.mount(world, { concurrency: 1, maxReplaceMembers: 0 });
    try {
      const reports: BatchProgress[] = [];
      const desired = ITEM_LABELS.slice(3, 9).map(t.itemId); // keeps i3-i5, adds i6-i8, removes i0-i2
      const result = await t.client.syncCollection(t.collectionId('c1'), desired, { onProgress: (p) => reports.push(p) });
      expect([result.added, result.removed, result.unchanged]).toEqual([3, 3, 3]);
      expect(reports.every((p) => p.total === 6)).toBe(true);
      const done = reports.map((p) => p.done);
      expect(done).toEqual([...done].sort((a, b) => a - b));
      expect(reports.at(-1)).toMatchObject({ total: 6, done: 6, succeeded: 6, failed: 0, unknown: 0 });
    } finally {
      await t.close();
    }
  });

  it('an abort between the batches leaves the removals failed ABORTED, none of them sent', async () => {
    const world: World = Object.fromEntries(ITEM_LABELS.map((label, i) => [label, i < 6 ? ['c1'] : vendor.membership === 'exclusive' ? ['default'] : []]));
    const t = await vendor.mount(world, { concurrency: 1, maxReplaceMembers: 0 });
    try {
      const controller = new AbortController();
      const desired = ITEM_LABELS.slice(3, 9).map(t.itemId);
      const result = await t.client.syncCollection(t.collectionId('c1'), desired, {
        signal: controller.signal,
        // The add batch's last report: the removals have not started.
        onProgress: (p) => { if (p.done === 3) controller.abort(); },
      });
      expect(result.add.succeeded).toHaveLength(3);
      expect(result.remove.failed.map((f) => f.code)).toEqual(['ABORTED', 'ABORTED', 'ABORTED']);
      expect(result.ok).toBe(false);
      expect(await membersOf(t.client, t.collectionId('c1'))).toEqual(ITEM_LABELS.slice(0, 9).map(t.itemId).sort());
    } finally {
      await t.close();
    }
  });
});

describe('syncCollection refusals, before any request', () => {
  it('on a provider that cannot take items out (the plug-in): UNSUPPORTED, dry run or not', async () => {
    const t = await PLUG_IN.mount({ i0: ['c1'] });
    const before = t.writes() + t.reads();
    for (const options of [{}, { dryRun: true as const }]) {
      await expect(t.client.syncCollection('c1', ['i0'], options)).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    }
    expect(t.writes() + t.reads()).toBe(before);
  });

  it.each(SYNCING.filter((v) => v.membership === 'exclusive').map((v) => [v.name, v] as const))(
    'on the %s, the collection removed items go to (default): INVALID_INPUT naming it, dry run or not',
    async (_name, vendor) => {
      const t = await vendor.mount({ i0: ['default'] });
      try {
        for (const options of [{}, { dryRun: true as const }]) {
          const error = await t.client.syncCollection('default', ['doc_i0'], options).catch((e: unknown) => e);
          expect(isCollectionError(error) && error.code).toBe('INVALID_INPUT');
          expect(String((error as Error).message)).toMatch(/"default" cannot be synced/);
        }
        expect(t.writes() + t.reads()).toBe(0);
      } finally {
        await t.close();
      }
    },
  );

  it.each(SYNCING.map((v) => [v.name, v] as const))('on the %s, invalid ids are INVALID_INPUT before any request', async (_name, vendor) => {
    const t = await vendor.mount({ i0: ['c1'] });
    try {
      await expect(t.client.syncCollection(t.collectionId('c1'), ['ok', 'bad\nid'])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      await expect(t.client.syncCollection(t.collectionId('c1'), 'nope' as never, { dryRun: true })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      expect(t.writes() + t.reads()).toBe(0);
    } finally {
      await t.close();
    }
  });
});

describe.each(SYNCING.map((vendor) => [vendor.name, vendor] as const))('a journaled sync on the %s', (_name, vendor) => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'uc-sync-journal-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const world: World = Object.fromEntries(ITEM_LABELS.map((label, i) => [label, i < 6 ? ['c1'] : vendor.membership === 'exclusive' ? ['default'] : []]));

  it('records the difference, then a journal per batch; a second sync on the same file without resume is refused, nothing sent', async () => {
    const t = await vendor.mount(world);
    try {
      const path = join(dir, `${vendor.membership}-fresh.journal`);
      const desired = ITEM_LABELS.slice(3, 9).map(t.itemId);
      const result = await t.client.syncCollection(t.collectionId('c1'), desired, { journal: path });
      expect([result.ok, result.added, result.removed]).toEqual([true, 3, 3]);
      const files = (await readdir(dir)).filter((f) => f.startsWith(`${vendor.membership}-fresh`)).sort();
      expect(files).toEqual([`${vendor.membership}-fresh.journal`, `${vendor.membership}-fresh.journal.add`, `${vendor.membership}-fresh.journal.remove`]);
      const record = JSON.parse((await readFile(path, 'utf8')).trim());
      expect(record).toMatchObject({ type: 'sync', add: ITEM_LABELS.slice(6, 9).map(t.itemId), unchanged: 3 });
      expect([...record.remove].sort()).toEqual(ITEM_LABELS.slice(0, 3).map(t.itemId).sort());
      const [writes, reads] = [t.writes(), t.reads()];
      await expect(t.client.syncCollection(t.collectionId('c1'), desired, { journal: path })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      await expect(t.client.syncCollection(t.collectionId('c1'), desired.slice(1), { journal: { path, resume: true } }))
        .rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/records another sync/) });
      expect([t.writes(), t.reads()]).toEqual([writes, reads]);
    } finally {
      await t.close();
    }
  });

  it('resumed after an abort, it continues the recorded batches: settled chunks are not sent again, and the membership ends as desired', async () => {
    const t = await vendor.mount(world, { concurrency: 1, maxReplaceMembers: 0 });
    try {
      const path = join(dir, `${vendor.membership}-resume.journal`);
      const desired = ITEM_LABELS.slice(3, 9).map(t.itemId);
      const controller = new AbortController();
      const first = await t.client.syncCollection(t.collectionId('c1'), desired, {
        journal: path, signal: controller.signal, onProgress: (p) => { if (p.done >= 1) controller.abort(); },
      });
      expect(first.ok).toBe(false);
      const writesBefore = t.writes();
      const sentBefore = first.add.succeeded.length + first.remove.succeeded.length;
      expect(sentBefore).toBeGreaterThan(0);
      const resumed = await t.client.syncCollection(t.collectionId('c1'), desired, { journal: { path, resume: true } });
      expect(resumed.ok).toBe(true);
      expect([resumed.added, resumed.removed, resumed.unchanged]).toEqual([3, 3, 3]);
      expect(await membersOf(t.client, t.collectionId('c1'))).toEqual([...desired].sort());
      // Only what the first run did not settle was written again.
      const perWrite = t.client.capabilities.maxAddBatch === 1 ? 1 : 3;
      expect(t.writes() - writesBefore).toBeLessThanOrEqual(Math.ceil((6 - sentBefore) / perWrite) + 1);
    } finally {
      await t.close();
    }
  });
});
