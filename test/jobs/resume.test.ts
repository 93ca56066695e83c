import { afterEach, describe, expect, it, jest } from '@jest/globals';
import fc from 'fast-check';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jobHeader } from '../../src/jobs/job-identity.js';
import { JournalFile } from '../../src/jobs/journal-file.js';
import { settledRecord, type JournalRecord } from '../../src/jobs/journal-records.js';
import { readJournal } from '../../src/jobs/read-journal.js';
import type { BatchOptions, BatchProgress, BatchResult, CollectionProvider } from '../../src/index.js';
import { rejectionOf } from '../support/promises.js';
import { VENDOR_FIXTURES, type VendorFixture } from '../support/vendors.js';
import { mountJobWorld, whereIs, type JobWorld } from './job-world.js';

// Promise 13 on both vendors' emulators: whatever a job's journal holds when it stops (every
// mix of settled, unknown, in-flight, refused and never-sent chunks, a torn last line or not),
// a resume sends no id whose chunk is recorded settled, reads back the unknown and in-flight
// ones and re-sends only those that read as not done, sends the rest once, and ends with every
// id settled exactly once.

type Operation = NonNullable<BatchResult['operation']>;
type Fate =
  | 'settled-succeeded' | 'settled-failed' | 'unknown-applied' | 'unknown-not-applied' | 'unknown-unreadable' | 'unknown-gone'
  | 'inflight-applied' | 'inflight-not-applied' | 'unsent' | 'never';
const FATES: Fate[] = [
  'settled-succeeded', 'settled-failed', 'unknown-applied', 'unknown-not-applied', 'unknown-unreadable', 'unknown-gone',
  'inflight-applied', 'inflight-not-applied', 'unsent', 'never',
];
const applied = (fate: Fate) => fate === 'settled-succeeded' || fate.endsWith('-applied') && !fate.endsWith('not-applied');

/** Where an item sits when the call's effect holds, or not: undefined is "does not exist". */
const PLACE: Record<Operation, { done: string | undefined; notDone: string }> = {
  deleteItems: { done: undefined, notDone: 'a' },
  addItems: { done: 'b', notDone: 'a' },
  removeItems: { done: 'default', notDone: 'a' },
};
const COLLECTION_OF: Record<Operation, string | undefined> = { deleteItems: undefined, addItems: 'b', removeItems: 'a' };

/** Whether an item now is as the call asked (gone; in `b`; not in `a`, wherever it went). */
function effectHolds(operation: Operation, w: JobWorld, where: string[] | undefined): boolean {
  if (operation === 'deleteItems') return where === undefined;
  if (operation === 'addItems') return where?.includes(w.collectionId('b')) === true;
  return where?.includes(w.collectionId('a')) !== true;
}

// Each property starts an emulator (and a proxy) per run: leave room for a loaded CI machine.
jest.setTimeout(90_000);

const dirs: string[] = [];
const worlds: JobWorld[] = [];
afterEach(async () => {
  await Promise.all(worlds.splice(0).map((world) => world.close()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
async function journalPath(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'uc-resume-'));
  dirs.push(dir);
  return join(dir, 'job.jsonl');
}

function run(client: CollectionProvider, operation: Operation, collection: string | undefined, ids: string[], options: BatchOptions): Promise<BatchResult> {
  if (operation === 'deleteItems') return client.deleteItems(ids, options);
  if (operation === 'addItems') return client.addItems(collection!, ids, options);
  return client.removeItems(collection!, ids, options);
}

/** The records a run that stopped would have left for one chunk of this fate. */
function recordsOf(fate: Fate, ids: string[]): JournalRecord[] {
  const sent: JournalRecord = { type: 'sent', ids };
  switch (fate) {
    case 'settled-succeeded': return [sent, settledRecord({ succeeded: ids, failed: [], unknown: [] })];
    case 'settled-failed': return [sent, settledRecord({ succeeded: [], failed: ids.map((id) => ({ id, reason: `vendor said no to ${id}`, code: 'not_found' })), unknown: [] })];
    case 'unknown-applied': case 'unknown-not-applied': case 'unknown-unreadable': case 'unknown-gone':
      return [sent, settledRecord({ succeeded: [], failed: [], unknown: ids })];
    case 'inflight-applied': case 'inflight-not-applied': return [sent];
    case 'unsent': return [sent, { type: 'unsent', ids, reason: 'slow down' }];
    case 'never': return [];
  }
}

describe.each(VENDOR_FIXTURES.map((f) => [f.name, f] as const))('resuming a journaled job on the %s emulator', (_name, fixture) => {
  it.each(['deleteItems', 'addItems', 'removeItems'] as const)('%s: nothing settled is sent again, every id ends settled once (property)', async (operation) => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.record({ fate: fc.constantFrom(...FATES), size: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 7 }),
      fc.boolean(),
      async (chunks, torn) => {
        const labels = chunks.flatMap((c, ci) => Array.from({ length: c.size }, (_, i) => ({ label: `c${ci}i${i}`, fate: c.fate })));
        const placement: Record<string, string[]> = { a: ['a-filler'], b: ['b-filler'], default: ['d-filler'] };
        for (const { label, fate } of labels) {
          // An item that is gone (deleted meanwhile by someone else, say) is in no collection.
          if (fate === 'unknown-gone') continue;
          const where = applied(fate) ? PLACE[operation].done : PLACE[operation].notDone;
          if (where !== undefined) placement[where]!.push(label);
        }
        const w = await mountJobWorld(fixture, placement, { unreadable: labels.filter((l) => l.fate === 'unknown-unreadable').map((l) => l.label) });
        worlds.push(w);
        const ids = labels.map((l) => w.itemId(l.label));
        const fateOf = new Map(labels.map((l) => [w.itemId(l.label), l.fate]));
        const collection = COLLECTION_OF[operation] === undefined ? undefined : w.collectionId(COLLECTION_OF[operation]!);

        // The journal as the stopped run left it.
        const path = await journalPath();
        const file = await JournalFile.create(path, jobHeader({ provider: fixture.name, operation, collectionId: collection, ids }, new Date(0)));
        let offset = 0;
        for (const c of chunks) {
          await file.append(recordsOf(c.fate, ids.slice(offset, offset + c.size)));
          offset += c.size;
        }
        await file.close();
        if (torn) await writeFile(path, '{"type":"settled","succeeded":["', { flag: 'a' });

        const progress: BatchProgress[] = [];
        const result = await run(w.client, operation, collection, ids, { journal: { path, resume: true }, onProgress: (p) => progress.push(p) });

        // Every id once, in the job's order within each bucket.
        const all = [...result.succeeded, ...result.failed.map((f) => f.id), ...result.unknown];
        expect(all.slice().sort()).toEqual(ids.slice().sort());
        for (const list of [result.succeeded, result.failed.map((f) => f.id), result.unknown]) {
          expect(list).toEqual(ids.filter((id) => list.includes(id)));
        }
        expect(result).toMatchObject({ provider: fixture.name, operation, requested: ids.length, ok: result.failed.length === 0 && result.unknown.length === 0 });
        for (const id of ids) {
          const fate = fateOf.get(id)!;
          const writes = w.counter.writesOf(id);
          if (fate === 'settled-succeeded' || fate === 'settled-failed') {
            expect([id, fate, writes, w.counter.readsOf(id)]).toEqual([id, fate, 0, 0]);
          } else if (fate === 'unknown-applied' || fate === 'inflight-applied' || fate === 'unknown-unreadable' || fate === 'unknown-gone') {
            // Read back, never sent again: done, not knowable, or (an item to add that is gone) impossible.
            expect([id, fate, writes]).toEqual([id, fate, 0]);
            expect(w.counter.readsOf(id)).toBeGreaterThan(0);
          } else {
            expect([id, fate, writes]).toEqual([id, fate, 1]);
          }
          if (fate === 'settled-failed') expect(result.failed.find((f) => f.id === id)).toEqual({ id, reason: `vendor said no to ${id}`, code: 'not_found' });
          else if (fate === 'unknown-unreadable') expect(result.unknown).toContain(id);
          else if (fate === 'unknown-gone' && operation === 'addItems') {
            expect(result.failed.find((f) => f.id === id)).toEqual({ id, reason: 'read back after the call: the item does not exist' });
          } else expect(result.succeeded).toContain(id);
        }
        // The vendor agrees.
        for (const id of ids) {
          const fate = fateOf.get(id)!;
          const holds = effectHolds(operation, w, await whereIs(w, id));
          const impossible = fate === 'unknown-gone' && operation === 'addItems';
          expect([id, fate, holds]).toEqual([id, fate, fate !== 'settled-failed' && fate !== 'unknown-unreadable' && !impossible]);
        }
        // Progress starts from what the journal settled and ends at the whole job.
        if (progress.length > 0) expect(progress.at(-1)!.total).toBe(ids.length);

        // Resuming a finished job sends nothing and reports the same outcome.
        w.counter.reset();
        const again = await run(w.client, operation, collection, ids, { journal: { path, resume: true } });
        expect(again.succeeded).toEqual(result.succeeded);
        expect(again.failed).toEqual(result.failed);
        expect(again.unknown).toEqual(result.unknown);
        expect([...w.counter.writes.keys()]).toEqual([]);
        expect([...w.counter.reads.keys()].sort()).toEqual([...result.unknown].sort());
        await w.close();
      },
    ), { numRuns: 12 });
  });

  it('a job aborted once the vendor has carried out its k-th chunk, answer unseen, resumes to every id deleted once (property)', async () => {
    const perChunk = fixture.capabilities.maxDeleteBatch;
    const chunks = 4;
    // Each run reads back up to `concurrency` chunks of ids: kept small, as the property costs.
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: chunks }), fc.integer({ min: 1, max: 2 }), async (k, concurrency) => {
      const labels = Array.from({ length: perChunk * (chunks - 1) + 1 }, (_, i) => `x${i}`);
      const w = await mountJobWorld(fixture, { a: labels }, { concurrency, proxy: true });
      worlds.push(w);
      const ids = labels.map(w.itemId);
      const path = await journalPath();
      const controller = new AbortController();
      let answered = 0;
      w.onAnswered = () => {
        answered += 1;
        if (answered === k) controller.abort();
      };
      const first = await w.client.deleteItems(ids, { journal: path, signal: controller.signal });
      w.onAnswered = undefined;
      // The k-th chunk was carried out, but its answer never arrived: unknown, never failed.
      expect(first.unknown.length).toBeGreaterThan(0);
      expect(first.failed.every((f) => f.code === 'ABORTED')).toBe(true);
      await w.idle();
      const second = await w.client.deleteItems(ids, { journal: { path, resume: true } });
      expect(second).toMatchObject({ ok: true, requested: ids.length, failed: [], unknown: [] });
      expect(second.succeeded).toEqual(ids);
      // The vendor received each id once: nothing settled, and nothing carried out unseen, was sent again.
      for (const id of ids) expect([id, w.counter.writesOf(id)]).toEqual([id, 1]);
      await w.close();
    }), { numRuns: 8 });
  });

  it('refuses an existing journal without resume, and a journal of another job, before any request; the file is left as it was', async () => {
    const w = await mountJobWorld(fixture, { a: ['x', 'y'], b: ['z'] });
    worlds.push(w);
    const ids = ['x', 'y'].map(w.itemId);
    const path = await journalPath();
    const done = await w.client.deleteItems([ids[0]!], { journal: path });
    expect(done.ok).toBe(true);
    const bytes = await readFile(path);
    const total = w.emulator.stats.total;
    const refusals: Array<[Promise<unknown>, RegExp]> = [
      [w.client.deleteItems([ids[0]!], { journal: path }), /already exists; resume the job it records with resume: true/],
      [w.client.deleteItems([ids[0]!], { journal: { path } }), /already exists/],
      [w.client.deleteItems(ids, { journal: { path, resume: true } }), /records another job: its number of ids is 1, this call's is 2/],
      [w.client.deleteItems([ids[1]!], { journal: { path, resume: true } }), /records another job: it records a different set of ids/],
      [w.client.addItems(w.collectionId('b'), [ids[0]!], { journal: { path, resume: true } }), /records another job: its operation is "deleteItems", this call's is "addItems"/],
    ];
    for (const [call, message] of refusals) {
      const error = await rejectionOf(call);
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toMatch(message);
      expect(error.message).toMatch(/nothing was sent$/);
    }
    expect(w.emulator.stats.total).toBe(total);
    expect(await readFile(path)).toEqual(bytes);
    // A corrupt journal is refused too, and a path that cannot be created.
    await writeFile(path, Buffer.concat([bytes, Buffer.from('garbage\n')]));
    expect((await rejectionOf(w.client.deleteItems([ids[0]!], { journal: { path, resume: true } }))).message).toMatch(/cannot be resumed: line \d+ is not a journal record/);
    expect((await rejectionOf(w.client.deleteItems(ids, { journal: join(path, 'nested', 'job.jsonl') }))).message).toMatch(/cannot be (created|read) \(E[A-Z]+\)/);
    expect(w.emulator.stats.total).toBe(total);
  });

  it('resume: true without a journal file starts the job; a job refused before any write leaves no journal behind', async () => {
    const w = await mountJobWorld(fixture, { a: ['x'] });
    worlds.push(w);
    const path = await journalPath();
    const result = await w.client.deleteItems([w.itemId('x')], { journal: { path, resume: true } });
    expect(result.ok).toBe(true);
    const journal = (await readJournal(path))!;
    expect(journal.header).toMatchObject({ type: 'job', format: 1, provider: fixture.name, operation: 'deleteItems', count: 1 });
    expect(journal.records.map((r) => r.type)).toEqual(['sent', 'settled']);
    if (fixture.capabilities.addCreatesCollection) {
      const other = await journalPath();
      const error = await rejectionOf(w.client.addItems('no_such_collection', [w.itemId('x')], { journal: other }));
      expect(error.code).toBe('NOT_FOUND');
      expect(await readJournal(other)).toBeUndefined();
    }
  });
});
