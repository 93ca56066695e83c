import { afterEach, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { combineResults } from '../../src/studio/job-result.js';
import { saveJobFile, type StoredStepResult } from '../../src/studio/studio-job-files.js';
import type { JobView } from '../../src/studio/studio-jobs.js';
import type { PlanView } from '../../src/studio/studio-plans.js';
import { perVendor, VENDOR_FIXTURES, type VendorFixture } from '../support/vendors.js';
import {
  bulkCollection, jobEvents, startStudioHarness, StudioSession, writesSeen, type StudioHarness,
} from './studio-harness.js';

// Jobs that do not end in one go: stopped and resumed, cut short by a restart, left with
// unknown outcomes and reconciled. Every requested id must end in exactly one of succeeded /
// failed / unknown, and what resume sends must be only what had not settled.

const running: StudioHarness[] = [];
afterEach(async () => {
  for (const harness of running.splice(0)) {
    await harness.close();
    expect(harness.errors).toEqual([]);
  }
});

async function idsIn(harness: StudioHarness, fixture: VendorFixture, collectionId: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const item of harness.clients.get(fixture.name)!.listItems(collectionId)) ids.push(item.id);
  return ids;
}

/** Plans and starts a delete of `ids`; the first write answers at once, every later request hangs. */
async function startHangingDelete(harness: StudioHarness, session: StudioSession, fixture: VendorFixture, ids: string[]) {
  const plan = (await session.post('/api/plans', { provider: fixture.name, action: 'deleteItems', ids })).json<PlanView>();
  const emulator = harness.emulators.get(fixture.name)!;
  emulator.faults.add({ kind: 'stall', skip: 1 });
  const writesBefore = writesSeen(emulator);
  const { job } = (await session.post('/api/jobs', { planId: plan.planId, confirm: true })).json<{ job: JobView }>();
  return { plan, job, emulator, writesBefore };
}

/** Waits (on the job's own events) until at least one id has settled. */
async function firstSettled(session: StudioSession, origin: string, id: string): Promise<void> {
  const response = await fetch(`${origin}/api/jobs/${id}/events`, { headers: { cookie: session.cookie } });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error('the job ended before any id settled');
    text += value;
    const settled = text.split('\n').filter((line) => line.startsWith('data: '))
      .map((line) => JSON.parse(line.slice(6)) as JobView)
      .some((job) => job.progress.succeeded + job.progress.failed > 0);
    if (settled) {
      await reader.cancel();
      return;
    }
  }
}

function expectPartition(job: JobView, ids: readonly string[]): void {
  const { succeeded, failed, unknown } = job.result!;
  const all = [...succeeded, ...failed.map((failure) => failure.id), ...unknown];
  expect(all.sort()).toEqual([...ids].sort());
}

describe.each(VENDOR_FIXTURES.map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
  const bulk = bulkCollection(fixture);

  it('Stop, then Resume: settled ids are not sent again, and the result is the vendor state', async () => {
    const harness = await startStudioHarness();
    running.push(harness);
    const session = new StudioSession(harness.studio);
    await session.login();
    const ids = (await idsIn(harness, fixture, bulk.id)).slice(0, 250);
    const { job, emulator, writesBefore } = await startHangingDelete(harness, session, fixture, ids);

    await firstSettled(session, harness.studio.origin, job.id);
    const stopped = await session.post(`/api/jobs/${job.id}/cancel`, {});
    expect(stopped.status).toBe(200);
    const cancelled = (await jobEvents<JobView>(session, harness.studio.origin, job.id)).at(-1)!;
    expect(cancelled).toMatchObject({ status: 'cancelled', resumable: true });
    // Every id exists: nothing failed; the ids never sent are not counted as failures.
    expect(cancelled.progress.failed).toBe(0);
    const settledAtStop = cancelled.progress.succeeded + cancelled.progress.failed;
    expect(settledAtStop).toBeGreaterThan(0);
    expect(settledAtStop).toBeLessThan(250);

    emulator.faults.clear();
    // What a fresh delete of the ids still there would send: the most a resume may send.
    const remaining = (await idsIn(harness, fixture, bulk.id)).filter((id) => ids.includes(id));
    expect(remaining.length).toBeLessThanOrEqual(250 - cancelled.progress.succeeded);
    const fresh = (await session.post('/api/plans', { provider: fixture.name, action: 'deleteItems', ids: remaining })).json<PlanView>();
    const writesAtStop = writesSeen(emulator);
    const resumed = await session.post(`/api/jobs/${job.id}/resume`, {});
    expect(resumed.status).toBe(200);
    const last = (await jobEvents<JobView>(session, harness.studio.origin, job.id)).at(-1)!;
    expect(last.status).toBe('succeeded');
    expectPartition(last, ids);
    // Resume sent no more than the requests for the ids that had not settled.
    expect(writesSeen(emulator) - writesAtStop).toBeLessThanOrEqual(fresh.writeRequests);
    expect(writesSeen(emulator) - writesBefore).toBeGreaterThan(0);
    const left = await idsIn(harness, fixture, bulk.id);
    expect(left.filter((id) => ids.includes(id))).toEqual([]);
  });

  it('a job cut short by a restart is listed as interrupted and resumes in the next studio', async () => {
    const first = await startStudioHarness();
    const session = new StudioSession(first.studio);
    await session.login();
    const ids = (await idsIn(first, fixture, bulk.id)).slice(0, 250);
    const { job, emulator } = await startHangingDelete(first, session, fixture, ids);
    await firstSettled(session, first.studio.origin, job.id);
    await first.studio.close();
    emulator.faults.clear();

    const second = await startStudioHarness({ jobsDir: first.jobsDir, emulators: first.emulators });
    running.push(second, first);
    const next = new StudioSession(second.studio);
    await next.login();
    const listed = (await next.get('/api/jobs')).json<{ jobs: JobView[] }>().jobs;
    expect(listed.map((entry) => [entry.id, entry.status, entry.resumable])).toEqual([[job.id, 'interrupted', true]]);
    expect((await next.post(`/api/jobs/${job.id}/resume`, {})).status).toBe(200);
    const last = (await jobEvents<JobView>(next, second.studio.origin, job.id)).at(-1)!;
    expect(last.status).toBe('succeeded');
    expectPartition(last, ids);
    expect((await idsIn(second, fixture, bulk.id)).filter((id) => ids.includes(id))).toEqual([]);
  });

  it('reconciles a job that ended with unknown ids by reading them back', async () => {
    const setup = await startStudioHarness();
    const present = (await idsIn(setup, fixture, bulk.id)).slice(0, 3);
    const gone = 'ffffffffffffffffffffff01';
    const ids = [...present, gone];
    const step: StoredStepResult = {
      provider: fixture.name, operation: 'deleteItems', requested: ids.length, ok: false, succeeded: [], failed: [], unknown: ids,
    };
    await saveJobFile(setup.jobsDir, {
      id: 'job-with-unknowns', provider: fixture.name, action: 'deleteItems', ids,
      createdAt: new Date().toISOString(), finishedAt: new Date().toISOString(), status: 'partial',
      steps: [step], result: { ok: false, succeeded: [], failed: [], unknown: ids },
    });
    await setup.studio.close();
    const harness = await startStudioHarness({ jobsDir: setup.jobsDir, emulators: setup.emulators });
    running.push(harness, setup);
    const session = new StudioSession(harness.studio);
    await session.login();
    const before = (await session.get('/api/jobs/job-with-unknowns')).json<{ job: JobView }>().job;
    expect(before).toMatchObject({ reconcilable: true, resumable: false });
    const writes = writesSeen(harness.emulators.get(fixture.name)!);
    const response = await session.post('/api/jobs/job-with-unknowns/reconcile', {});
    expect(response.status).toBe(200);
    const { job } = response.json<{ job: JobView }>();
    expectPartition(job, ids);
    expect(job.result!.unknown).toEqual([]);
    // Still there: the delete did not happen. Gone: it did (or never existed), and reads cannot tell.
    expect(job.result!.failed.map((failure) => failure.id).sort()).toEqual([...present].sort());
    expect(job.result!.succeeded).toEqual([gone]);
    expect(job).toMatchObject({ status: 'partial', reconcilable: false });
    expect(writesSeen(harness.emulators.get(fixture.name)!)).toBe(writes);
  });
});

/** Per vendor: a delete that needs more write requests than one rate-limit window allows (a few windows in all). */
const QUOTA_WAIT: Readonly<Record<string, { ids: number; limit: number }>> = {
  wickson: { ids: 250, limit: 2 },
  verifik: { ids: 24, limit: 10 },
};

describe.each(VENDOR_FIXTURES.map((fixture) => [fixture.name, fixture] as const))('%s under a rate limit', (_name, fixture) => {
  it('waits out the windows instead of failing, and the page is told when it waits and until when', async () => {
    const { ids: count, limit } = perVendor(QUOTA_WAIT, fixture, 'quota wait');
    const harness = await startStudioHarness({ rateLimit: { limit, windowMs: 1000 } });
    running.push(harness);
    const session = new StudioSession(harness.studio);
    await session.login();
    const ids = (await idsIn(harness, fixture, bulkCollection(fixture).id)).slice(0, count);
    const planned = await session.post('/api/plans', { provider: fixture.name, action: 'deleteItems', ids });
    expect([planned.status, planned.status === 200 ? '' : planned.text]).toEqual([200, '']);
    const plan = planned.json<PlanView>();
    expect(plan.writeRequests).toBeGreaterThan(limit);
    const { job } = (await session.post('/api/jobs', { planId: plan.planId, confirm: true })).json<{ job: JobView }>();
    const events = await jobEvents<JobView>(session, harness.studio.origin, job.id);
    const waits = events.filter((event) => event.progress.waitingUntil !== undefined);
    expect(waits.length).toBeGreaterThan(0);
    for (const wait of waits) expect(Date.parse(wait.progress.waitingUntil!)).toBeGreaterThan(Date.parse(job.createdAt));
    const last = events.at(-1)!;
    expect(last.status).toBe('succeeded');
    expect(last.progress.waitingUntil).toBeUndefined();
    expectPartition(last, ids);
    expect(harness.emulators.get(fixture.name)!.stats.byStatus[429] ?? 0).toBeLessThanOrEqual(1);
  }, 30_000);
});

describe.each(VENDOR_FIXTURES.map((fixture) => [fixture.name, fixture] as const))('%s collection delete cut short', (_name, fixture) => {
  it('is unknown after a restart, not resumable, and a reconcile reads it back', async () => {
    const setup = await startStudioHarness();
    const client = setup.clients.get(fixture.name)!;
    const collections = (await client.listCollections()).filter((c) => !c.isDefault && c.id !== fixture.capabilities.protectedCollectionId);
    const [gone, kept] = collections;
    await client.deleteCollection(gone!.id);
    for (const [id, target] of [['cut-short-gone', gone!], ['cut-short-kept', kept!]] as const) {
      await saveJobFile(setup.jobsDir, {
        id, provider: fixture.name, action: 'deleteCollection', collectionId: target.id, ids: [],
        createdAt: new Date().toISOString(), status: 'running',
      });
    }
    await setup.studio.close();
    const harness = await startStudioHarness({ jobsDir: setup.jobsDir, emulators: setup.emulators });
    running.push(harness, setup);
    const session = new StudioSession(harness.studio);
    await session.login();
    for (const [id, target, settled] of [['cut-short-gone', gone!, 'succeeded'], ['cut-short-kept', kept!, 'failed']] as const) {
      const job = (await session.get(`/api/jobs/${id}`)).json<{ job: JobView }>().job;
      expect(job).toMatchObject({ status: 'partial', resumable: false, reconcilable: true, result: { unknown: [target.id] } });
      const reconciled = (await session.post(`/api/jobs/${id}/reconcile`, {})).json<{ job: JobView }>().job;
      expect(reconciled.result!.unknown).toEqual([]);
      expect(settled === 'succeeded' ? reconciled.result!.succeeded : reconciled.result!.failed.map((f) => f.id)).toEqual([target.id]);
    }
  });
});

describe('combineResults', () => {
  it('puts every id of a move in exactly one of succeeded / failed / unknown, whatever each step did', () => {
    const outcome = fc.constantFrom<'succeeded' | 'failed' | 'unknown'>('succeeded', 'failed', 'unknown');
    fc.assert(fc.property(
      fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 30 }),
      fc.infiniteStream(outcome), fc.infiniteStream(outcome),
      (ids, addStream, removeStream) => {
        const step = (input: string[], stream: typeof addStream, operation: 'addItems' | 'removeItems'): StoredStepResult => {
          const result: StoredStepResult = { provider: 'p', operation, requested: input.length, ok: false, succeeded: [], failed: [], unknown: [] };
          for (const id of input) {
            const kind = stream.next().value as 'succeeded' | 'failed' | 'unknown';
            if (kind === 'failed') result.failed.push({ id, reason: 'no' });
            else result[kind].push(id);
          }
          result.ok = result.failed.length === 0 && result.unknown.length === 0;
          return result;
        };
        const add = step(ids, addStream, 'addItems');
        const remove = step(add.succeeded, removeStream, 'removeItems');
        const check = (first: StoredStepResult) => {
          const combined = combineResults(ids, [first, remove]);
          const all = [...combined.succeeded, ...combined.failed.map((failure) => failure.id), ...combined.unknown];
          expect(all.sort()).toEqual([...ids].sort());
          expect(combined.succeeded.sort()).toEqual([...remove.succeeded].sort());
          expect(combined.ok).toBe(combined.succeeded.length === ids.length);
        };
        check(add);
        // A reconcile later settles the add's unknown ids (some applied, some not): still a partition.
        const [applied, notApplied] = [add.unknown.filter((_, i) => i % 2 === 0), add.unknown.filter((_, i) => i % 2 === 1)];
        check({
          ...add, unknown: [], succeeded: [...add.succeeded, ...applied],
          failed: [...add.failed, ...notApplied.map((id) => ({ id, reason: 'not there' }))],
        });
      },
    ), { numRuns: 300 });
  });
});
