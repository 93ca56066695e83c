import { afterEach, describe, expect, it } from '@jest/globals';
import type { WicksonSeed } from 'unified-collections/emulator';
import { WICKSON_KEY, call, emulatorPool, manualClock, wicksonAuth } from './helpers.js';

const pool = emulatorPool();
afterEach(() => pool.closeAll());

const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

const small: WicksonSeed = {
  items: [
    { id: 'doc_a', collection: 'papers', created_at: '2025-01-02T00:00:00Z' },
    { id: 'doc_b', collection: 'papers', created_at: '2025-01-03T00:00:00Z' },
    { id: 'img_c', collection: 'default', created_at: '2025-01-01T00:00:00Z', vector_id: 'vec-c' },
    { id: 'vid_d', collection: 'clips', created_at: '2025-01-04T00:00:00Z' },
  ],
};

async function start(seed: WicksonSeed | 'demo' | 'empty' = small) {
  const clock = manualClock();
  const emu = await pool.start({ provider: 'wickson', seed, credentials: { apiKey: WICKSON_KEY }, now: clock.now });
  return { emu, clock, get: (path: string) => call(emu.url, 'GET', path, { headers: wicksonAuth }) };
}

function addItems(url: string, collection: string, items: unknown, headers: Record<string, string> = wicksonAuth) {
  return call(url, 'POST', `/v1/media/collections/${collection}/items`, { json: { items }, headers });
}

describe('Wickson emulator: collections', () => {
  it('always lists `default`, even with no items at all', async () => {
    const { get } = await start('empty');
    const res = await get('/v1/media/collections');
    expect(res.status).toBe(200);
    expect(res.body.success).toBe(true);
    expect(res.body.data.collections).toEqual(['default']);
    expect(res.body.data.collection_details.default.item_count).toBe(0);
    expect(res.body.data.collection_details.default.created_at).toMatch(ISO_SECONDS);
    expect(res.body.data.total_collections).toBe(1);
  });

  it('lists collections with counts and creation dates (default first, then by creation)', async () => {
    const { get } = await start();
    const res = await get('/v1/media/collections');
    expect(res.body.data).toEqual({
      collections: ['default', 'papers', 'clips'],
      collection_details: {
        default: { item_count: 1, created_at: '2025-01-01T00:00:00Z' },
        papers: { item_count: 2, created_at: '2025-01-02T00:00:00Z' },
        clips: { item_count: 1, created_at: '2025-01-04T00:00:00Z' },
      },
      total_collections: 3,
    });
    expect(res.body.metadata).toEqual({ api_version: '1.0.0' });
  });

  it('returns collection stats and 404 COLLECTION_NOT_FOUND in the seed error envelope', async () => {
    const { get } = await start();
    const res = await get('/v1/media/collections/papers');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      collection_id: 'papers',
      stats: {
        item_count: 2,
        first_item_date: '2025-01-02T00:00:00Z',
        last_item_date: '2025-01-03T00:00:00Z',
        media_type_distribution: { document: 2 },
      },
    });
    const missing = await get('/v1/media/collections/nope');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      success: false,
      message: expect.any(String),
      error: { code: 'COLLECTION_NOT_FOUND', details: { specific: expect.any(String), request_id: expect.stringMatching(/^req_/) } },
    });
  });

  it('deleting a collection cascades to its items and reports the counts', async () => {
    const { emu, get } = await start();
    const res = await call(emu.url, 'DELETE', '/v1/media/collections/papers', { headers: wicksonAuth });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      success: true,
      message: "Collection 'papers' deleted successfully",
      data: { collection_id: 'papers', deleted_items: 2, storage_info: { deleted_vectors: { hd: 2, ld: 2 } } },
      metadata: { api_version: '1.0.0' },
    });
    expect((await get('/v1/media/doc_a')).status).toBe(404);
    expect((await get('/v1/media/doc_b')).status).toBe(404);
    expect((await get('/v1/media/collections')).body.data.collections).toEqual(['default', 'clips']);
    const again = await call(emu.url, 'DELETE', '/v1/media/collections/papers', { headers: wicksonAuth });
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('COLLECTION_NOT_FOUND');
  });

  it('refuses to delete `default` with 400 CANNOT_DELETE_DEFAULT and keeps its items', async () => {
    const { emu, get } = await start();
    const res = await call(emu.url, 'DELETE', '/v1/media/collections/default', { headers: wicksonAuth });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('CANNOT_DELETE_DEFAULT');
    expect((await get('/v1/media/img_c')).status).toBe(200);
  });
});

describe('Wickson emulator: add/move items', () => {
  it('creates a missing target collection and moves items out of their old one', async () => {
    const { emu, get, clock } = await start();
    clock.advance(60_000);
    const res = await addItems(emu.url, 'fresh', ['doc_a', 'vid_d']);
    expect(res.status).toBe(200);
    expect(res.body.message).toBe("2 items successfully moved to collection 'fresh'");
    expect(res.body.data).toEqual({
      collection_id: 'fresh',
      summary: { total: 2, succeeded: 2, failed: 0, already_in_collection: 0, moved: 2 },
      items_by_type: { document: 1, video: 1 },
    });
    expect(res.body.metadata).toEqual({
      request_id: expect.stringMatching(/^collection_20250309_120100_[0-9a-f]{8}$/),
      operation: 'move_to_collection',
      collection_id: 'fresh',
      item_count: 2,
    });
    const list = (await get('/v1/media/collections')).body.data;
    // `clips` lost its only item, so it vanished; `fresh` was created now.
    expect(list.collections).toEqual(['default', 'papers', 'fresh']);
    expect(list.collection_details.fresh).toEqual({ item_count: 2, created_at: '2025-03-09T12:01:00Z' });
    expect(list.collection_details.papers.item_count).toBe(1);
    expect((await get('/v1/media/doc_a')).body.data.storage.collection).toBe('fresh');
  });

  it('is idempotent: items already in the target are counted, not errors', async () => {
    const { emu } = await start();
    const res = await addItems(emu.url, 'papers', ['doc_a', 'doc_b', 'img_c']);
    expect(res.body.data.summary).toEqual({ total: 3, succeeded: 3, failed: 0, already_in_collection: 2, moved: 1 });
    const again = await addItems(emu.url, 'papers', ['doc_a', 'doc_b', 'img_c']);
    expect(again.body.data.summary).toEqual({ total: 3, succeeded: 3, failed: 0, already_in_collection: 3, moved: 0 });
  });

  it('counts duplicated ids and vec- aliases of one item once', async () => {
    const { emu } = await start();
    const res = await addItems(emu.url, 'papers', ['img_c', 'img_c', 'vec-c']);
    expect(res.body.data.summary).toEqual({ total: 1, succeeded: 1, failed: 0, already_in_collection: 0, moved: 1 });
    expect(res.body.data.items_by_type).toEqual({ image: 1 });
  });

  it('is atomic: one unknown id gives 404 ITEMS_NOT_FOUND and nothing moves', async () => {
    const { emu, get } = await start();
    const res = await addItems(emu.url, 'papers', ['img_c', 'doc_missing']);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('ITEMS_NOT_FOUND');
    expect(res.body.error.details.specific).toContain('doc_missing');
    expect((await get('/v1/media/img_c')).body.data.storage.collection).toBe('default');
    expect((await get('/v1/media/collections/papers')).body.data.stats.item_count).toBe(2);
  });

  it('moves items back with the `default` target', async () => {
    const { emu, get } = await start();
    const res = await addItems(emu.url, 'default', ['doc_a', 'doc_b']);
    expect(res.body.data.summary.moved).toBe(2);
    expect((await get('/v1/media/collections')).body.data.collections).toEqual(['default', 'clips']);
  });

  it('enforces the 1000-id limit with 400 BATCH_SIZE_EXCEEDED (1000 itself passes validation)', async () => {
    const { emu } = await start();
    const over = await addItems(emu.url, 'papers', Array.from({ length: 1001 }, (_, i) => `doc_${i}`));
    expect(over.status).toBe(400);
    expect(over.body.error.code).toBe('BATCH_SIZE_EXCEEDED');
    const atLimit = await addItems(emu.url, 'papers', Array.from({ length: 1000 }, (_, i) => `doc_${i}`));
    expect(atLimit.status).toBe(404);
    expect(atLimit.body.error.code).toBe('ITEMS_NOT_FOUND');
  });

  it.each([
    ['an empty list', { items: [] }],
    ['a missing list', {}],
    ['a non-array', { items: 'doc_a' }],
    ['a non-string id', { items: ['doc_a', 7] }],
  ])('rejects %s with 400 VALIDATION_ERROR', async (_name, body) => {
    const { emu, get } = await start();
    const res = await call(emu.url, 'POST', '/v1/media/collections/papers/items', { json: body, headers: wicksonAuth });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_ERROR');
    expect((await get('/v1/media/doc_a')).body.data.storage.collection).toBe('papers');
  });

  it('rejects an invalid collection id and a missing JSON content type with VALIDATION_ERROR', async () => {
    const { emu } = await start();
    const badId = await addItems(emu.url, encodeURIComponent('bad id!'), ['doc_a']);
    expect(badId.status).toBe(400);
    expect(badId.body.error.code).toBe('VALIDATION_ERROR');
    const noType = await call(emu.url, 'POST', '/v1/media/collections/papers/items', {
      raw: JSON.stringify({ items: ['img_c'] }),
      headers: { ...wicksonAuth, 'content-type': 'text/plain' },
    });
    expect(noType.status).toBe(400);
    expect(noType.body.error.code).toBe('VALIDATION_ERROR');
  });
});
