import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JobView } from '../../src/studio/studio-jobs.js';
import type { PlanView } from '../../src/studio/studio-plans.js';
import type { CollectionView, ItemView } from '../../src/studio/studio-views.js';
import { VENDOR_FIXTURES } from '../support/vendors.js';
import {
  BULK_SIZE, bulkCollection, jobEvents, startStudioHarness, StudioSession, writesSeen, type StudioHarness,
} from './studio-harness.js';

// The studio's JSON API against both emulators over loopback: what the page reads and what an
// action changes. The page itself is tested in a real browser (studio-browser.test.ts).

let harness: StudioHarness;
let session: StudioSession;

beforeAll(async () => {
  harness = await startStudioHarness();
  session = new StudioSession(harness.studio);
  await session.login();
});

afterAll(async () => {
  await harness?.close();
  expect(harness.errors).toEqual([]);
});

interface ProviderOverview {
  name: string;
  collections?: CollectionView[];
  credential?: { expiresAt?: string; renews: boolean };
  error?: unknown;
}

describe('overview', () => {
  it('shows every configured provider side by side, with the counts, flags and credential life the clients report', async () => {
    const response = await session.get('/api/overview');
    expect(response.status).toBe(200);
    const { providers } = response.json<{ providers: ProviderOverview[] }>();
    expect(providers.map((provider) => provider.name)).toEqual(VENDOR_FIXTURES.map((fixture) => fixture.name));
    for (const fixture of VENDOR_FIXTURES) {
      const shown = providers.find((provider) => provider.name === fixture.name)!;
      const client = harness.clients.get(fixture.name)!;
      expect(shown.error).toBeUndefined();
      const expected = await client.listCollections({ withItemCounts: true });
      expect(shown.collections!.map((c) => [c.id, c.itemCount, c.isDefault])).toEqual(expected.map((c) => [c.id, c.itemCount, c.isDefault]));
      expect(shown.collections!.find((c) => c.id === bulkCollection(fixture).id)?.itemCount).toBe(BULK_SIZE);
      const protectedId = fixture.capabilities.protectedCollectionId;
      expect(shown.collections!.filter((c) => c.isProtected).map((c) => c.id)).toEqual(protectedId === undefined ? [] : [protectedId]);
      const status = await client.credentialStatus();
      expect(shown.credential).toEqual(status === undefined ? undefined : {
        renews: status.renews, ...(status.expiresAt === undefined ? {} : { expiresAt: status.expiresAt.toISOString() }),
      });
    }
  });
});

describe.each(VENDOR_FIXTURES.map((fixture) => [fixture.name, fixture] as const))('%s collection view', (_name, fixture) => {
  const bulk = bulkCollection(fixture);

  it('pages through a collection by offset: the pages together are the collection, in order, with no repeats', async () => {
    for (const limit of [25, 100, 250]) {
      const seen: string[] = [];
      for (let offset = 0; ; offset += limit) {
        const response = await session.get(`/api/providers/${fixture.name}/collections/${encodeURIComponent(bulk.id)}/items?offset=${offset}&limit=${limit}`);
        expect(response.status).toBe(200);
        const page = response.json<{ items: ItemView[]; hasMore: boolean; offset: number; limit: number }>();
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items.map((item) => item.id));
        if (!page.hasMore) break;
        expect(page.items).toHaveLength(limit);
      }
      const all: string[] = [];
      for await (const item of harness.clients.get(fixture.name)!.listItems(bulk.id)) all.push(item.id);
      expect(seen).toEqual(all);
      expect(new Set(seen).size).toBe(BULK_SIZE);
    }
  });

  it('shows one collection as the overview does; a missing one is NOT_FOUND', async () => {
    const response = await session.get(`/api/providers/${fixture.name}/collections/${encodeURIComponent(bulk.id)}`);
    expect(response.status).toBe(200);
    const { collection } = response.json<{ collection: CollectionView }>();
    const expected = await harness.clients.get(fixture.name)!.getCollection(bulk.id);
    expect(collection).toMatchObject({ id: expected.id, name: expected.name, isDefault: expected.isDefault, isProtected: false });
    const missing = await session.get(`/api/providers/${fixture.name}/collections/ffffffffffffffffffffffff`);
    expect(missing.status).toBe(404);
    expect(missing.json<{ error: { code: string } }>().error.code).toBe('NOT_FOUND');
  });

  it('refuses a page size it does not offer and a negative offset, before reading anything', async () => {
    const before = harness.emulators.get(fixture.name)!.stats.total;
    for (const query of ['limit=7', 'limit=abc', 'offset=-1', 'offset=1.5']) {
      const response = await session.get(`/api/providers/${fixture.name}/collections/${bulk.id}/items?${query}`);
      expect(response.status).toBe(400);
      expect(response.json<{ error: { code: string } }>().error.code).toBe('STUDIO_BAD_REQUEST');
    }
    expect(harness.emulators.get(fixture.name)!.stats.total).toBe(before);
  });

  it('shows an item with its normalized fields and the vendor JSON; a missing one is NOT_FOUND', async () => {
    const response = await session.get(`/api/providers/${fixture.name}/items/${encodeURIComponent(bulk.markupItemId)}`);
    expect(response.status).toBe(200);
    const body = response.json<{ item: ItemView; raw: unknown }>();
    const item = await harness.clients.get(fixture.name)!.getItem(bulk.markupItemId);
    expect(body.item.id).toBe(item.id);
    expect(body.item.name).toBe(item.name);
    expect(body.raw).toEqual(JSON.parse(JSON.stringify(item.raw)));
    const missing = await session.get(`/api/providers/${fixture.name}/items/ffffffffffffffffffffffff`);
    expect(missing.status).toBe(404);
    expect(missing.json<{ error: { code: string } }>().error.code).toBe('NOT_FOUND');
  });
});

describe.each(VENDOR_FIXTURES.map((fixture) => [fixture.name, fixture] as const))('%s actions', (_name, fixture) => {
  const bulk = bulkCollection(fixture);
  const emulator = () => harness.emulators.get(fixture.name)!;
  const client = () => harness.clients.get(fixture.name)!;
  const idsIn = async (collectionId: string) => {
    const ids: string[] = [];
    for await (const item of client().listItems(collectionId)) ids.push(item.id);
    return ids;
  };

  it('deletes 250 items: plan with reads only, nothing before confirmation, then progress and a result the vendor state matches', async () => {
    const ids = (await idsIn(bulk.id)).slice(50, 300);
    expect(ids).toHaveLength(250);
    const writesBefore = writesSeen(emulator());

    const planned = await session.post('/api/plans', { provider: fixture.name, action: 'deleteItems', ids });
    expect(planned.status).toBe(200);
    const plan = planned.json<PlanView>();
    expect(plan).toMatchObject({ action: 'deleteItems', requested: 250, confirmation: { kind: 'button' } });
    expect(plan.affected).toHaveLength(250);
    expect(plan.writeRequests).toBeGreaterThan(0);

    // Not confirmed (missing, false, a string): refused, and the plan stays usable.
    for (const confirm of [undefined, false, 'yes', 1]) {
      const refused = await session.post('/api/jobs', { planId: plan.planId, confirm });
      expect(refused.status).toBe(400);
      expect(refused.json<{ error: { code: string } }>().error.code).toBe('STUDIO_CONFIRMATION_REQUIRED');
    }
    expect(writesSeen(emulator())).toBe(writesBefore);

    const started = await session.post('/api/jobs', { planId: plan.planId, confirm: true });
    expect(started.status).toBe(201);
    const { job } = started.json<{ job: JobView }>();
    const events = await jobEvents<JobView>(session, harness.studio.origin, job.id);
    const last = events.at(-1)!;
    expect(last.status).toBe('succeeded');
    expect([...last.result!.succeeded].sort()).toEqual([...ids].sort());
    expect(last.result!.failed).toEqual([]);
    expect(last.result!.unknown).toEqual([]);
    // Progress only goes forward.
    const done = events.map((event) => event.progress.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));

    // The vendor's state is the result shown, and the plan's write count was the run's.
    const left = await idsIn(bulk.id);
    expect(left.filter((id) => ids.includes(id))).toEqual([]);
    expect(left).toHaveLength(BULK_SIZE - 250);
    expect(writesSeen(emulator()) - writesBefore).toBe(plan.writeRequests);

    // A plan runs once.
    const again = await session.post('/api/jobs', { planId: plan.planId, confirm: true });
    expect(again.status).toBe(410);
    expect(writesSeen(emulator()) - writesBefore).toBe(plan.writeRequests);

    const listed = (await session.get('/api/jobs')).json<{ jobs: JobView[] }>().jobs;
    expect(listed.find((entry) => entry.id === job.id)?.status).toBe('succeeded');
  });

  it('deletes a collection only when its id is typed exactly', async () => {
    const target = (await client().listCollections()).find((c) => !c.isDefault && c.id !== bulk.id && c.id !== fixture.capabilities.protectedCollectionId)!;
    const plan = (await session.post('/api/plans', { provider: fixture.name, action: 'deleteCollection', collectionId: target.id })).json<PlanView>();
    expect(plan.confirmation).toEqual({ kind: 'type-id', expected: target.id });
    const writesBefore = writesSeen(emulator());
    for (const confirm of [true, target.id.toUpperCase(), ` ${target.id}`, target.id.slice(1), target.name === target.id ? '' : target.name]) {
      expect((await session.post('/api/jobs', { planId: plan.planId, confirm })).status).toBe(400);
    }
    expect(writesSeen(emulator())).toBe(writesBefore);
    const { job } = (await session.post('/api/jobs', { planId: plan.planId, confirm: target.id })).json<{ job: JobView }>();
    const last = (await jobEvents<JobView>(session, harness.studio.origin, job.id)).at(-1)!;
    expect(last.result).toEqual({ ok: true, succeeded: [target.id], failed: [], unknown: [] });
    await expect(client().getCollection(target.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses the protected collection in the plan already, with nothing written', async () => {
    const protectedId = fixture.capabilities.protectedCollectionId;
    if (protectedId === undefined) return;
    const writesBefore = writesSeen(emulator());
    const response = await session.post('/api/plans', { provider: fixture.name, action: 'deleteCollection', collectionId: protectedId });
    expect(response.status).toBe(409);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('PROTECTED_COLLECTION');
    expect(writesSeen(emulator())).toBe(writesBefore);
  });

  it('refuses the two-step move where adding already moves (nothing read or written)', async () => {
    if (fixture.capabilities.membership !== 'exclusive') return;
    const before = emulator().stats.total;
    const response = await session.post('/api/plans', {
      provider: fixture.name, action: 'moveItems', collectionId: bulk.id, targetCollectionId: 'elsewhere', ids: [bulk.markupItemId],
    });
    expect(response.status).toBe(400);
    expect(response.json<{ error: { message: string } }>().error.message).toMatch(/use addItems/);
    expect(emulator().stats.total).toBe(before);
  });

  it('moves items to another collection: every id ends in exactly one of succeeded, failed, unknown', async () => {
    const [source, target] = (await client().listCollections({ withItemCounts: true }))
      .filter((c) => c.id !== bulk.id && (c.itemCount ?? 0) >= 5 && !c.isDefault);
    const ids = (await idsIn(source!.id)).slice(0, 5);
    const action = fixture.capabilities.membership === 'exclusive' ? 'addItems' : 'moveItems';
    const plan = (await session.post('/api/plans', {
      provider: fixture.name, action, collectionId: source!.id, targetCollectionId: target!.id, ids,
    })).json<PlanView>();
    expect(plan.requested).toBe(5);
    const { job } = (await session.post('/api/jobs', { planId: plan.planId, confirm: true })).json<{ job: JobView }>();
    const last = (await jobEvents<JobView>(session, harness.studio.origin, job.id)).at(-1)!;
    const { succeeded, failed, unknown } = last.result!;
    expect([...succeeded, ...failed.map((f) => f.id), ...unknown].sort()).toEqual([...ids].sort());
    expect(succeeded.sort()).toEqual([...ids].sort());
    const inTarget = await idsIn(target!.id);
    const inSource = await idsIn(source!.id);
    for (const id of ids) {
      expect(inTarget).toContain(id);
      expect(inSource).not.toContain(id);
    }
  });
});

describe('bad requests', () => {
  it('are 400s naming the field, with nothing read or written', async () => {
    const totals = () => [...harness.emulators.values()].reduce((sum, emulator) => sum + emulator.stats.total, 0);
    const before = totals();
    const bodies: unknown[] = [
      null, [], 'x', {},
      { provider: 'wickson' },
      { provider: 'wickson', action: 'explode', ids: ['a'] },
      { provider: 'wickson', action: 'deleteItems' },
      { provider: 'wickson', action: 'deleteItems', ids: [] },
      { provider: 'wickson', action: 'deleteItems', ids: [''] },
      { provider: 'wickson', action: 'deleteItems', ids: [1] },
      { provider: 'wickson', action: 'deleteCollection' },
      { provider: 'wickson', action: 'addItems', ids: ['a'] },
      { provider: 'wickson', action: 'moveItems', ids: ['a'], collectionId: 'c', targetCollectionId: 'c' },
      { provider: 'wickson', action: 'deleteItems', ids: ['a'], extra: true },
    ];
    for (const body of bodies) {
      const response = await session.post('/api/plans', body);
      expect(response.status).toBe(400);
      const { error } = response.json<{ error: { code: string; message: string } }>();
      expect(error.code).toBe('STUDIO_BAD_REQUEST');
      expect(error.message).not.toMatch(/ZodError|SyntaxError|at .*\.ts/);
    }
    const notJson = await fetch(`${harness.studio.origin}/api/plans`, {
      method: 'POST',
      headers: { cookie: session.cookie, origin: harness.studio.origin, 'content-type': 'application/json' },
      body: '{"provider":',
    });
    expect(notJson.status).toBe(400);
    const unknownProvider = await session.post('/api/plans', { provider: 'nope', action: 'deleteItems', ids: ['a'] });
    expect(unknownProvider.status).toBe(404);
    expect(totals()).toBe(before);
  });
});
