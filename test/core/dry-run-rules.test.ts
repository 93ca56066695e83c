import { afterEach, describe, expect, it } from '@jest/globals';
import { createCollectionClient } from '../../src/index.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';

// Dry runs keep every rule the run keeps, in the same order, and say what the run will cost.

const KEY = 'dry-run-rules-key-1234';
const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

const ids = (prefix: string, count: number, from = 0) => Array.from({ length: count }, (_, i) => `doc_${prefix}${from + i}`);

async function wickson(items: Array<{ id: string; collection?: string }>, rateLimit?: { limit: number; windowMs: number }) {
  const emulator = await startEmulator({ provider: 'wickson', credentials: { apiKey: KEY }, seed: { items }, ...(rateLimit ? { rateLimit } : {}) });
  running.push(emulator);
  const client = createCollectionClient({ provider: 'wickson', apiKey: KEY, baseUrl: emulator.url, retryDelayMs: 1 });
  const count = (reads: boolean) => Object.entries(emulator.stats.byRoute)
    .filter(([route]) => route.startsWith('GET ') === reads).reduce((n, [, c]) => n + c, 0);
  return { emulator, client, reads: () => count(true), writes: () => count(false) };
}

describe('dry runs refuse what the run refuses, before the same requests', () => {
  it('invalid ids and options are INVALID_INPUT, the protected collection PROTECTED_COLLECTION, removal from default INVALID_INPUT: no request', async () => {
    const w = await wickson([{ id: 'doc_1', collection: 'papers' }]);
    await expect(w.client.deleteItems(['ok', 'bad\nid'], { dryRun: true })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(w.client.deleteItems(['doc_1'], { dryRun: 'yes' } as never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(w.client.deleteCollection('default', { dryRun: true })).rejects.toMatchObject({ code: 'PROTECTED_COLLECTION' });
    await expect(w.client.removeItems('default', ['doc_1'], { dryRun: true })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(w.client.createCollection({ name: 'x' })).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    expect(w.emulator.stats.total).toBe(0);
  });

  it('a Wickson add target that does not exist is NOT_FOUND after the same one read the run makes; with createIfMissing it is planned', async () => {
    const w = await wickson([{ id: 'doc_1', collection: 'papers' }, { id: 'doc_2' }]);
    await expect(w.client.addItems('new_one', ['doc_1', 'doc_2'], { dryRun: true })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/createIfMissing/) });
    expect([w.reads(), w.writes()]).toEqual([1, 0]);
    const plan = await w.client.addItems('new_one', ['doc_1', 'doc_2'], { dryRun: true, createIfMissing: true });
    expect(plan).toMatchObject({ affected: ['doc_1', 'doc_2'], skipped: [], writeRequests: 1, readRequests: 0, changes: { add: ['doc_1', 'doc_2'], unchanged: 0 } });
    expect(w.writes()).toBe(0);
  });

  it('Wickson moves are all-or-nothing per request of 1000: a missing id fails its own chunk, not the others', async () => {
    const items = ids('i', 1500).map((id) => ({ id, collection: 'papers' }));
    const w = await wickson(items);
    const asked = [...ids('i', 1200), 'doc_missing', ...ids('i', 300, 1200)];
    const plan = await w.client.addItems('default', asked, { dryRun: true });
    expect(plan.affected).toEqual(asked.slice(0, 1000));
    expect(plan.skipped.map((s) => s.id)).toEqual(asked.slice(1000));
    expect(plan.skipped.find((s) => s.id === 'doc_missing')?.reason).not.toMatch(/same request/);
    expect(plan.skipped.find((s) => s.id === asked[1000])?.reason).toMatch(/same request as doc_missing/);
    expect(plan.writeRequests).toBe(2);
    const writes = w.writes();
    const result = await w.client.addItems('default', asked);
    expect(result.succeeded).toEqual(plan.affected);
    expect(result.failed.map((f) => f.id)).toEqual(plan.skipped.map((s) => s.id));
    expect(w.writes() - writes).toBe(2);
  });
});

describe('dry runs read what they need with the fewest requests', () => {
  it('one GET per id for a few ids in a large account; a listing of every collection when that is fewer', async () => {
    const w = await wickson(ids('i', 1000).map((id, i) => ({ id, collection: i % 2 === 0 ? 'even' : 'odd' })));
    const few = await w.client.deleteItems(['doc_i1', 'doc_i2', 'doc_nope'], { dryRun: true });
    // The collection list (with counts) says a listing would take 10 pages; three item reads are fewer.
    expect(few).toMatchObject({ readsSent: 4, affected: ['doc_i1', 'doc_i2'], writeRequests: 1 });
    expect(w.emulator.stats.byRoute['GET /v1/media/:id']).toBe(3);
    const many = await w.client.deleteItems(ids('i', 200), { dryRun: true });
    // The collection list (with counts) and 5 + 5 pages.
    expect(many).toMatchObject({ readsSent: 11, writeRequests: 2 });
    expect(many.affected).toHaveLength(200);
    expect(w.writes()).toBe(0);
  });
});

describe('the quota part of a plan', () => {
  it('with a known window: the snapshot, the share of one window the run needs, and an ETA that waits for the reset', async () => {
    const w = await wickson(ids('i', 250).map((id) => ({ id, collection: 'papers' })), { limit: 6, windowMs: 60_000 });
    const plan = await w.client.deleteItems(ids('i', 250), { dryRun: true });
    // Reads: the collection list and 3 pages, which also told the client the window (6 a minute, 2 left).
    expect(plan.readsSent).toBe(4);
    expect(plan.writeRequests).toBe(3);
    expect(plan.quota).toMatchObject({ limit: 6, remaining: 2 });
    expect(plan.quotaShare).toBeCloseTo(3 / 6);
    expect(plan.etaMs).toBeGreaterThan(30_000);
    expect(plan.etaMs).toBeLessThanOrEqual(61_000);
  });

  it('with no window known (Verifik documents none): no quota fields, nothing invented', async () => {
    const emulator = await startEmulator({ provider: 'verifik', seed: 'demo' });
    running.push(emulator);
    const faces = createCollectionClient({ provider: 'verifik', token: 'any-token-123456', baseUrl: emulator.url });
    const [collection] = await faces.listCollections();
    const plan = await faces.deleteCollection(collection!.id, { dryRun: true });
    expect(plan).toMatchObject({ operation: 'deleteCollection', cascade: { deletesItems: false }, writeRequests: 1 });
    expect(plan.quota).toBeUndefined();
    expect(plan.quotaShare).toBeUndefined();
  });
});
