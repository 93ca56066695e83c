import { afterEach, describe, expect, it } from '@jest/globals';
import type { WicksonSeed } from 'unified-collections/emulator';
import { call, emulatorPool, wicksonAuth } from './helpers.js';

const pool = emulatorPool();
afterEach(() => pool.closeAll());

const seed: WicksonSeed = {
  items: [
    { id: 'doc_1', collection: 'papers', created_at: '2025-01-02T00:00:00Z', vector_id: 'vec-1', filename: 'a.pdf', size_bytes: 10, summary: 'first' },
    { id: 'doc_2', collection: 'papers', created_at: '2025-01-03T00:00:00Z' },
    { id: 'img_3', created_at: '2025-01-01T00:00:00Z' },
  ],
};

async function start(s: WicksonSeed | 'demo' = seed) {
  const emu = await pool.start({ provider: 'wickson', seed: s });
  return {
    emu,
    get: (path: string) => call(emu.url, 'GET', path, { headers: wicksonAuth }),
    batchDelete: (json: unknown) => call(emu.url, 'DELETE', '/v1/media/batch', { json, headers: wicksonAuth }),
  };
}

describe('Wickson emulator: media list and get', () => {
  it('serves items in the documented shape', async () => {
    const { get } = await start();
    const res = await get('/v1/media/doc_1');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      id: 'doc_1',
      media_type: 'document',
      file_info: { filename: 'a.pdf', size_bytes: 10 },
      storage: { created_at: '2025-01-02T00:00:00Z', collection: 'papers' },
      metadata: { search: { summary: 'first' } },
    });
    const missing = await get('/v1/media/doc_404');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('MEDIA_NOT_FOUND');
  });

  it('pages 300 demo items in a stable creation order (default 20, max 100)', async () => {
    const { get } = await start('demo');
    const first = await get('/v1/media');
    expect(first.body.data.items).toHaveLength(20);
    expect(first.body.data.pagination).toEqual({ page: 1, page_size: 20, total_items: 300, total_pages: 15 });

    const seen: Array<{ id: string; created: string }> = [];
    for (let page = 1; page <= 3; page += 1) {
      const res = await get(`/v1/media?page=${page}&page_size=100`);
      expect(res.body.data.pagination).toEqual({ page, page_size: 100, total_items: 300, total_pages: 3 });
      for (const item of res.body.data.items) seen.push({ id: item.id, created: item.storage.created_at });
    }
    expect(new Set(seen.map((s) => s.id)).size).toBe(300);
    const sorted = [...seen].sort((a, b) => (a.created === b.created ? (a.id < b.id ? -1 : 1) : a.created < b.created ? -1 : 1));
    expect(seen).toEqual(sorted);
    const beyond = await get('/v1/media?page=4&page_size=100');
    expect(beyond.body.data.items).toEqual([]);
  });

  it.each(['page_size=101', 'page_size=0', 'page_size=abc', 'page=0', 'page=1.5', 'media_type=spreadsheet'])(
    'rejects %s with 400 VALIDATION_ERROR',
    async (query) => {
      const { get } = await start();
      const res = await get(`/v1/media?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_ERROR');
    },
  );

  it('filters by collection and media type', async () => {
    const { get } = await start();
    const papers = await get('/v1/media?collection=papers');
    expect(papers.body.data.items.map((i: { id: string }) => i.id)).toEqual(['doc_1', 'doc_2']);
    const images = await get('/v1/media?media_type=image');
    expect(images.body.data.items.map((i: { id: string }) => i.id)).toEqual(['img_3']);
    const none = await get('/v1/media?collection=nowhere');
    expect(none.body.data.pagination).toEqual({ page: 1, page_size: 20, total_items: 0, total_pages: 0 });
  });
});

describe('Wickson emulator: batch delete', () => {
  it('answers 200 with per-item failures for unknown ids', async () => {
    const { batchDelete, get } = await start();
    const res = await batchDelete({ media_ids: ['doc_1', 'nope', 'img_3'], reason: 'cleanup' });
    expect(res.status).toBe(200);
    expect(res.body.message).toBe('Batch deletion completed: 2 deleted, 1 failed');
    expect(res.body.data).toEqual({
      deleted: { count: 2, media_ids: ['doc_1', 'img_3'], hd_vectors: 2, ld_vectors: 2 },
      failed: { count: 1, media_ids: ['nope'], reasons: { nope: 'not_found' } },
    });
    expect(res.body.metadata).toEqual({
      operation_id: expect.stringMatching(/^batch_delete_\d+/),
      timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      processing_time_ms: expect.any(Number),
      reason: 'cleanup',
    });
    expect((await get('/v1/media/doc_1')).status).toBe(404);
    expect((await get('/v1/media/doc_2')).status).toBe(200);
  });

  it('accepts vec- ids and reports a second alias of a deleted item as not_found', async () => {
    const { batchDelete } = await start();
    const res = await batchDelete({ media_ids: ['vec-1', 'doc_1', 'vec-1'] });
    expect(res.body.data.deleted.media_ids).toEqual(['vec-1']);
    expect(res.body.data.failed.reasons).toEqual({ doc_1: 'not_found' });
    expect(res.body.metadata.reason).toBeNull();
  });

  it('deletes the last item of a collection and the collection goes with it', async () => {
    const { batchDelete, get } = await start();
    await batchDelete({ media_ids: ['doc_1', 'doc_2'] });
    expect((await get('/v1/media/collections')).body.data.collections).toEqual(['default']);
    expect((await get('/v1/media/collections/papers')).status).toBe(404);
  });

  it.each([
    ['no body', undefined, 'MISSING_MEDIA_IDS'],
    ['no media_ids', { reason: 'x' }, 'MISSING_MEDIA_IDS'],
    ['a string', { media_ids: 'doc_1' }, 'INVALID_MEDIA_IDS'],
    ['an empty array', { media_ids: [] }, 'INVALID_MEDIA_IDS'],
    ['a number in the array', { media_ids: ['doc_1', 2] }, 'INVALID_MEDIA_IDS'],
    ['101 ids', { media_ids: Array.from({ length: 101 }, (_, i) => `doc_${i}`) }, 'BATCH_TOO_LARGE'],
  ])('rejects %s with 400 %s', async (_name, body, code) => {
    const { batchDelete, get } = await start();
    const res = await batchDelete(body);
    expect(res.status).toBe(400);
    expect(res.body.success).toBe(false);
    expect(res.body.error.code).toBe(code);
    expect((await get('/v1/media/doc_1')).status).toBe(200);
  });

  it('takes exactly 100 ids', async () => {
    const { batchDelete } = await start();
    const res = await batchDelete({ media_ids: Array.from({ length: 100 }, (_, i) => `doc_${i}`) });
    expect(res.status).toBe(200);
    expect(res.body.data.deleted.count).toBe(2);
    expect(res.body.data.failed.count).toBe(98);
  });
});
