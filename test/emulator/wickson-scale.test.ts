import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningEmulator, WicksonSeedItem } from 'unified-collections/emulator';
import { MAX_BRANCH, MAX_CHUNK } from '../../src/emulator/ordered-index.js';
import { Prng } from '../../src/emulator/prng.js';
import { WicksonState } from '../../src/emulator/wickson/wickson-state.js';
import { call, emulatorPool, wicksonAuth } from './helpers.js';

/**
 * Item i: id `med_<i>`, collection by i % 3, media type by i % 5, two items per second. Built in
 * listing order with timestamps already in the served form, so seeding is a straight append.
 */
const COLLECTIONS = ['default', 'archive', 'inbox'];
const TYPES = ['document', 'image', 'video', 'audio', 'model'];
const START = Date.parse('2024-01-01T00:00:00Z');

function bigSeed(n: number): { items: WicksonSeedItem[] } {
  const items = new Array<WicksonSeedItem>(n);
  let second = -1;
  let stamp = '';
  for (let i = 0; i < n; i += 1) {
    if (i >> 1 !== second) {
      second = i >> 1;
      stamp = new Date(START + second * 1000).toISOString().replace('.000Z', 'Z');
    }
    items[i] = { id: `med_${String(i).padStart(7, '0')}`, collection: COLLECTIONS[i % 3], media_type: TYPES[i % 5], created_at: stamp };
  }
  return { items };
}

/** Steps one add or delete may take in one index: descents, a leaf shift, a leaf split and its splice. */
const PER_WRITE = 3 * MAX_CHUNK + 8 * MAX_BRANCH;
const idOf = (i: number): string => `med_${String(i).padStart(7, '0')}`;
const ids = (body: { data: { items: Array<{ id: string }> } }): string[] => body.data.items.map((item) => item.id);

describe('Wickson emulator at 1,000,000 items', () => {
  const N = 1_000_000;
  const pool = emulatorPool();
  let emu: RunningEmulator;
  /** Model: which seed indexes are gone; a page is recomputed from it by a plain scan. */
  const deleted = new Set<number>();
  const get = (path: string) => call(emu.url, 'GET', path, { headers: wicksonAuth, signal: AbortSignal.timeout(30_000) });
  const remove = async (indexes: number[]): Promise<void> => {
    const res = await call(emu.url, 'DELETE', '/v1/media/batch', { headers: wicksonAuth, json: { media_ids: indexes.map(idOf) } });
    expect(res.body.data.deleted.count).toBe(indexes.length);
    for (const i of indexes) deleted.add(i);
  };
  const expected = (match: (i: number) => boolean, page: number, size: number): string[] => {
    const out: string[] = [];
    let skip = (page - 1) * size;
    for (let i = 0; i < N && out.length < size; i += 1) {
      if (deleted.has(i) || !match(i)) continue;
      if (skip > 0) skip -= 1;
      else out.push(idOf(i));
    }
    return out;
  };

  beforeAll(async () => {
    emu = await pool.start({ provider: 'wickson', seed: bigSeed(N) });
  }, 120_000);
  afterAll(() => pool.closeAll());

  it('lists any page and any filter straight from the index', async () => {
    const middle = await get('/v1/media?page=5000&page_size=100');
    expect(ids(middle.body)).toEqual(expected(() => true, 5000, 100));
    const total = N - deleted.size;
    expect(middle.body.data.pagination).toEqual({ page: 5000, page_size: 100, total_items: total, total_pages: Math.ceil(total / 100) });
    // archive (i % 3 == 1) and image (i % 5 == 1): i = 1 + 15j.
    const filtered = await get('/v1/media?collection=archive&media_type=image&page=400&page_size=100');
    expect(ids(filtered.body)).toEqual(expected((i) => i % 15 === 1, 400, 100));
    expect(filtered.body.data.items[0].id).toBe(idOf(1 + 15 * 39_900));
  }, 60_000);

  it('deletes 300 ids across the store and every later page, count and stat reflects it', async () => {
    const doomed = Array.from({ length: 300 }, (_, k) => 3_331 * k + 1_666);
    for (let b = 0; b < 3; b += 1) await remove(doomed.slice(b * 100, b * 100 + 100));
    const page = await get('/v1/media?page=5000&page_size=100');
    expect(ids(page.body)).toEqual(expected(() => true, 5000, 100));
    expect(page.body.data.pagination.total_items).toBe(N - deleted.size);
    expect((await get('/v1/media?page=9997&page_size=100')).body.data.items.at(-1).id).toBe(idOf(N - 1));
    expect((await get(`/v1/media/${idOf(doomed[7] as number)}`)).status).toBe(404);

    const collections = (await get('/v1/media/collections')).body.data.collection_details;
    for (const [c, name] of COLLECTIONS.entries()) {
      const seeded = Math.floor((N - 1 - c) / 3) + 1;
      expect(collections[name].item_count).toBe(seeded - [...deleted].filter((d) => d % 3 === c).length);
    }
    const inbox = (await get('/v1/media/collections/inbox')).body.data.stats;
    expect(inbox.first_item_date).toBe('2024-01-01T00:00:01Z');
    expect(Object.values(inbox.media_type_distribution).reduce((a, b) => (a as number) + (b as number), 0)).toBe(inbox.item_count);
  }, 60_000);

  it('keeps every page consistent when items are deleted mid-walk', async () => {
    const inDefault = (i: number): boolean => i % 3 === 0;
    for (let page = 1; page <= 8; page += 1) {
      const got = ids((await get(`/v1/media?collection=default&page=${page}&page_size=50`)).body);
      expect(got).toEqual(expected(inDefault, page, 50));
      // Delete behind the cursor, on the page just read, and ahead of it, then read on.
      const onPage = got.map((id) => Number(id.slice(4)));
      await remove([onPage[0] as number, onPage[49] as number, (onPage[49] as number) + 3 * 7]);
    }
  }, 60_000);
});

describe('Wickson state: a request costs what it touches (work meter, not time)', () => {
  /** Steps for one page, one 100-id delete, one 100-item move and one stats call at a given store size. */
  function costs(n: number): Record<string, number> {
    const state = new WicksonState(bigSeed(n), () => START, new Prng('cost'));
    const measure = (fn: () => void): number => {
      const before = state.workSteps;
      fn();
      return state.workSteps - before;
    };
    const victims = Array.from({ length: 100 }, (_, k) => idOf(Math.floor((k * n) / 100) + 1));
    const movers = Array.from({ length: 100 }, (_, k) => idOf(Math.floor((k * n) / 100) + 2));
    return {
      firstPage: measure(() => state.pageMedia({}, 0, 100)),
      lastPage: measure(() => state.pageMedia({}, n - 100, 100)),
      filteredPage: measure(() => state.pageMedia({ collection: 'inbox', mediaType: 'audio' }, Math.floor(n / 30), 100)),
      delete100: measure(() => victims.forEach((id) => state.remove(state.resolve(id) as never))),
      move100: measure(() => state.move('fresh', movers.map((id) => state.get(id) as never))),
      stats: measure(() => state.collectionStats('archive')),
    };
  }

  it('costs the same few steps at 30,000 and 300,000 items', () => {
    const small = costs(30_000);
    const large = costs(300_000);
    // Reads: the page itself plus one descent of at most MAX_BRANCH steps per level (4 levels
    // hold 16 million items); nothing scans or sorts the store, so ten times the items cost the same.
    for (const key of ['firstPage', 'lastPage', 'filteredPage']) {
      expect(large[key]).toBeLessThanOrEqual(100 + 2 * 4 * MAX_BRANCH);
    }
    for (const key of ['firstPage', 'lastPage', 'filteredPage', 'stats']) {
      expect(large[key]).toBeLessThanOrEqual((small[key] as number) * 1.1 + 50);
    }
    // Writes: a removal touches four indexes, a move two out and two in; per index a descent, a
    // shift inside one leaf and at most a leaf split. No n in the bound (the old state rescanned
    // the whole store per removed item).
    for (const key of ['delete100', 'move100']) expect(large[key]).toBeLessThanOrEqual(100 * 4 * PER_WRITE);
  });
});
