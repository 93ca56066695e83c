import { describe, expect, it } from '@jest/globals';
import { ITEM_LABELS, WORLD_VENDORS, membersOf, type MountOptions, type MountedWorld, type World } from '../../support/plan-worlds.js';

// Verifik syncCollection: one PUT collection with `people` where the desired set fits the cap and
// that is fewer requests, read back per id; per person otherwise. Over loopback against the emulator.

const VERIFIK = WORLD_VENDORS.find((vendor) => vendor.name === 'verifik emulator')!;
const COLLECTION_PUT = 'PUT /v2/face-recognition/collections/:id';
const PERSON_PUT = 'PUT /v2/face-recognition/persons/:id';

/** i0-i5 in c1, the others in no collection. */
const WORLD: World = Object.fromEntries(ITEM_LABELS.map((label, i) => [label, i < 6 ? ['c1'] : []]));

async function withWorld(options: MountOptions, test: (t: MountedWorld) => Promise<void>): Promise<void> {
  const t = await VERIFIK.mount(WORLD, options);
  try {
    await test(t);
  } finally {
    await t.close();
  }
}

const routeCount = (t: MountedWorld, route: string) => t.emulator!.stats.byRoute[route] ?? 0;
const labels = (from: number, to: number) => ITEM_LABELS.slice(from, to);

describe('verifik syncCollection: PUT collection with people, or per person', () => {
  it('sets membership with one PUT where that waits for fewer round trips, settles every id from the read-back', async () => {
    await withWorld({}, async (t) => {
      const desired = labels(3, 12).map(t.itemId); // adds 6, removes 3, keeps 3
      const result = await t.client.syncCollection(t.collectionId('c1'), desired);
      expect([routeCount(t, COLLECTION_PUT), routeCount(t, PERSON_PUT)]).toEqual([1, 0]);
      expect(result).toMatchObject({ ok: true, added: 6, removed: 3, unchanged: 3 });
      expect(result.add).toMatchObject({ succeeded: labels(6, 12).map(t.itemId), moved: 6, alreadyInCollection: 0, raw: [expect.anything()] });
      // Removals come in listing order.
      expect([...result.remove.succeeded].sort()).toEqual(labels(0, 3).map(t.itemId).sort());
      expect(await membersOf(t.client, t.collectionId('c1'))).toEqual([...desired].sort());
      // The PUT carried the current name (required on every call): the collection keeps it.
      expect((await t.client.getCollection(t.collectionId('c1'))).name).toBe('c1');
    });
  });

  it('goes per person when that is as fast (one change: a read and a write, against the PUT and its read-back)', async () => {
    await withWorld({}, async (t) => {
      const result = await t.client.syncCollection(t.collectionId('c1'), labels(0, 7).map(t.itemId));
      expect([routeCount(t, COLLECTION_PUT), routeCount(t, PERSON_PUT)]).toEqual([0, 1]);
      expect(result).toMatchObject({ ok: true, added: 1, removed: 0, unchanged: 6 });
    });
  });

  it('with a known rate limit, counts requests instead of round trips', async () => {
    // 400 members, 8 changes: per person is 2 round trips a batch (4 in all) against the PUT and
    // its 4 read-back pages (5), but 16 requests against 5.
    const big: World = Object.fromEntries(Array.from({ length: 404 }, (_, i) => [`p${i}`, i < 400 ? ['c1'] : []]));
    const desired = (t: MountedWorld) => Array.from({ length: 400 }, (_, i) => t.itemId(`p${i + 4}`));
    for (const [quota, put, personPuts] of [[undefined, 0, 8], [{ limit: 1000, windowMs: 3_600_000 }, 1, 0]] as const) {
      const t = await VERIFIK.mount(big, quota === undefined ? {} : { quota });
      try {
        const plan = await t.client.syncCollection(t.collectionId('c1'), desired(t), { dryRun: true });
        const result = await t.client.syncCollection(t.collectionId('c1'), desired(t));
        expect([routeCount(t, COLLECTION_PUT), routeCount(t, PERSON_PUT)]).toEqual([put, personPuts]);
        expect(plan.writeRequests).toBe(put + personPuts);
        expect([result.ok, result.added, result.removed]).toEqual([true, 4, 4]);
      } finally {
        await t.close();
      }
    }
  });

  it('goes per person when the desired set is over the client\'s cap (maxReplaceMembers)', async () => {
    await withWorld({ maxReplaceMembers: 8 }, async (t) => {
      const desired = labels(3, 12).map(t.itemId); // 9 > 8
      const result = await t.client.syncCollection(t.collectionId('c1'), desired);
      expect([routeCount(t, COLLECTION_PUT), routeCount(t, PERSON_PUT)]).toEqual([0, 9]);
      expect(result).toMatchObject({ ok: true, added: 6, removed: 3 });
      expect(await membersOf(t.client, t.collectionId('c1'))).toEqual([...desired].sort());
    });
  });

  it('at exactly the cap, one PUT', async () => {
    await withWorld({ maxReplaceMembers: 9, limits: { maxPeople: 9 } }, async (t) => {
      const result = await t.client.syncCollection(t.collectionId('c1'), labels(3, 12).map(t.itemId));
      expect([routeCount(t, COLLECTION_PUT), routeCount(t, PERSON_PUT)]).toEqual([1, 0]);
      expect(result.ok).toBe(true);
    });
  });

  it('when the vendor\'s cap is smaller than the client\'s, its 409 changes nothing and the sync goes per person', async () => {
    await withWorld({ limits: { maxPeople: 4 } }, async (t) => {
      const desired = labels(3, 12).map(t.itemId);
      const result = await t.client.syncCollection(t.collectionId('c1'), desired);
      expect([routeCount(t, COLLECTION_PUT), routeCount(t, PERSON_PUT)]).toEqual([1, 9]);
      expect(result).toMatchObject({ ok: true, added: 6, removed: 3 });
      expect(await membersOf(t.client, t.collectionId('c1'))).toEqual([...desired].sort());
    });
  });

  it('a desired person that does not exist: the PUT is refused whole, per person fails only that one', async () => {
    await withWorld({}, async (t) => {
      const missing = t.itemId('m1');
      const desired = [...labels(3, 12).map(t.itemId), missing];
      const result = await t.client.syncCollection(t.collectionId('c1'), desired);
      expect([routeCount(t, COLLECTION_PUT), routeCount(t, PERSON_PUT)]).toEqual([1, 9]);
      expect(result.add.failed).toEqual([expect.objectContaining({ id: missing, code: 'NOT_FOUND' })]);
      expect([result.added, result.removed, result.ok]).toEqual([6, 3, false]);
      expect(await membersOf(t.client, t.collectionId('c1'))).toEqual(labels(3, 12).map(t.itemId).sort());
    });
  });

  it('a journal keeps the sync on the per-person batches (the one PUT has no chunk to record)', async () => {
    await withWorld({}, async (t) => {
      const desired = labels(3, 12).map(t.itemId);
      const plan = await t.client.syncCollection(t.collectionId('c1'), desired, { dryRun: true, journal: '/nonexistent/sync.journal' });
      expect(plan.writeRequests).toBe(9);
      const withoutJournal = await t.client.syncCollection(t.collectionId('c1'), desired, { dryRun: true });
      expect(withoutJournal.writeRequests).toBe(1);
      expect(routeCount(t, COLLECTION_PUT) + routeCount(t, PERSON_PUT)).toBe(0);
    });
  });
});

describe('verifik syncCollection: what a PUT whose answer is lost proves', () => {
  it('applied but never answered (every attempt stalls after the headers): read back, every id succeeded', async () => {
    await withWorld({}, async (t) => {
      t.emulator!.faults.add({ route: COLLECTION_PUT, kind: 'stall-body' });
      const desired = labels(3, 12).map(t.itemId);
      const result = await t.client.syncCollection(t.collectionId('c1'), desired, { timeoutMs: 250 });
      expect(routeCount(t, COLLECTION_PUT)).toBeGreaterThanOrEqual(1);
      expect(result).toMatchObject({ ok: true, added: 6, removed: 3 });
      expect([result.add.unknown, result.remove.unknown]).toEqual([[], []]);
    });
  });

  it('never applied (every attempt answered 500 before the handler): unknown, never failed', async () => {
    await withWorld({}, async (t) => {
      t.emulator!.faults.add({ route: COLLECTION_PUT, kind: 'status', status: 500 });
      const result = await t.client.syncCollection(t.collectionId('c1'), labels(3, 12).map(t.itemId));
      expect(result.ok).toBe(false);
      expect(result.add.unknown).toEqual(labels(6, 12).map(t.itemId));
      expect([...result.remove.unknown].sort()).toEqual(labels(0, 3).map(t.itemId).sort());
      expect([result.add.failed, result.remove.failed, result.add.succeeded]).toEqual([[], [], []]);
      expect(routeCount(t, PERSON_PUT)).toBe(0);
    });
  });

  it('a 500 then a 200 (an earlier attempt may have applied): settled by the read-back, all succeeded', async () => {
    await withWorld({}, async (t) => {
      t.emulator!.faults.add({ route: COLLECTION_PUT, kind: 'status', status: 500, times: 1 });
      const result = await t.client.syncCollection(t.collectionId('c1'), labels(3, 12).map(t.itemId));
      expect(routeCount(t, COLLECTION_PUT)).toBe(2);
      expect(result).toMatchObject({ ok: true, added: 6, removed: 3 });
    });
  });

  it('a read-back that fails leaves every changed id unknown, even after a 200', async () => {
    await withWorld({}, async (t) => {
      // The first listing (the current members) goes through; the read-back after the PUT fails.
      t.emulator!.faults.add({ route: 'GET /v2/face-recognition/persons', kind: 'status', status: 500, skip: 1 });
      const result = await t.client.syncCollection(t.collectionId('c1'), labels(3, 12).map(t.itemId));
      expect(routeCount(t, COLLECTION_PUT)).toBe(1);
      expect([result.add.unknown.length, result.remove.unknown.length, result.added, result.removed]).toEqual([6, 3, 0, 0]);
    });
  });
});
