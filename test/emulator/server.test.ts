import { afterEach, describe, expect, it } from '@jest/globals';
import { verifikDemoSeed, wicksonDemoSeed } from 'unified-collections/emulator';
import { VERIFIK, call, emulatorPool, manualClock, verifikAuth, wicksonAuth } from './helpers.js';

const pool = emulatorPool();
afterEach(() => pool.closeAll());

describe('emulator server plumbing', () => {
  it('answers bad JSON with the vendor error and keeps serving (Wickson 400, Verifik 409)', async () => {
    const w = await pool.start({ provider: 'wickson' });
    const bad = await call(w.url, 'POST', '/v1/media/collections/x/items', {
      raw: '{"items": [',
      headers: { ...wicksonAuth, 'content-type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR' } });
    const badDelete = await call(w.url, 'DELETE', '/v1/media/batch', { raw: 'nope', headers: wicksonAuth });
    expect(badDelete.status).toBe(400);
    expect((await call(w.url, 'GET', '/v1/media/collections', { headers: wicksonAuth })).status).toBe(200);

    const person = { _id: '000000000000000000000001', name: 'Ana' };
    const v = await pool.start({ provider: 'verifik', seed: { collections: [], persons: [person] } });
    const vbad = await call(v.url, 'PUT', `${VERIFIK}/persons/${person._id}`, { raw: '{', headers: verifikAuth });
    expect(vbad.status).toBe(409);
    expect(vbad.body).toEqual({ message: expect.stringMatching(/^invalid JSON body/), code: 'MissingParameter' });
    const vbadCreate = await call(v.url, 'POST', `${VERIFIK}/collections`, { raw: '{"name":', headers: verifikAuth });
    expect(vbadCreate.status).toBe(409);
    expect(vbadCreate.body.code).toBe('MissingParameter');
    expect((await call(v.url, 'GET', `${VERIFIK}/collections`, { headers: verifikAuth })).status).toBe(200);
  });

  it('answers unknown routes and malformed path encodings with vendor 404s', async () => {
    const w = await pool.start({ provider: 'wickson' });
    const unknown = await call(w.url, 'PUT', '/v1/media/collections', { headers: wicksonAuth });
    expect(unknown.status).toBe(404);
    expect(unknown.body.success).toBe(false);
    const badEncoding = await call(w.url, 'GET', '/v1/media/collections/%E0%A4%A', { headers: wicksonAuth });
    expect(badEncoding.status).toBe(404);
    expect(badEncoding.body.error.code).toBe('COLLECTION_NOT_FOUND');
    expect(w.stats.byRoute).toEqual({ 'PUT (unmatched)': 1, 'GET /v1/media/collections/:id': 1 });
  });

  it('refuses an oversized body with 413 instead of buffering it', async () => {
    const v = await pool.start({ provider: 'verifik' });
    const huge = JSON.stringify({ name: 'x', images: ['A'.repeat(17 * 1024 * 1024)] });
    const res = await call(v.url, 'POST', `${VERIFIK}/persons`, { raw: huge, headers: verifikAuth });
    expect(res.status).toBe(413);
    expect((await call(v.url, 'GET', `${VERIFIK}/persons`, { headers: verifikAuth })).body.pagination.total).toBe(0);
  });

  it('counts every request by route key, including refused ones, and resets live', async () => {
    const w = await pool.start({ provider: 'wickson' });
    const { stats } = w;
    await call(w.url, 'GET', '/v1/media/collections', { headers: wicksonAuth });
    await call(w.url, 'GET', '/v1/media/collections');
    await call(w.url, 'DELETE', '/v1/media/batch', { json: { media_ids: ['a'] }, headers: wicksonAuth });
    await call(w.url, 'GET', '/v1/media/doc_x', { headers: wicksonAuth });
    expect(stats.total).toBe(4);
    expect(stats.byRoute).toEqual({
      'GET /v1/media/collections': 2,
      'DELETE /v1/media/batch': 1,
      'GET /v1/media/:id': 1,
    });
    stats.reset();
    expect(stats.total).toBe(0);
    expect(stats.byRoute).toEqual({});
    await call(w.url, 'DELETE', '/v1/media/collections/default', { headers: wicksonAuth });
    expect(w.stats.byRoute).toEqual({ 'DELETE /v1/media/collections/:id': 1 });
  });

  it('rejects a seed of the wrong vendor and an unknown provider', async () => {
    await expect(pool.start({ provider: 'wickson', seed: { collections: [], persons: [] } })).rejects.toThrow(TypeError);
    await expect(pool.start({ provider: 'verifik', seed: { items: [] } })).rejects.toThrow(TypeError);
    await expect(pool.start({ provider: 'other' as never })).rejects.toThrow(TypeError);
  });
});

describe('demo seed determinism', () => {
  it('the seed builders return identical data on every call', () => {
    expect(wicksonDemoSeed()).toEqual(wicksonDemoSeed());
    expect(verifikDemoSeed()).toEqual(verifikDemoSeed());
    expect(wicksonDemoSeed().items).toHaveLength(300);
    expect(verifikDemoSeed().persons).toHaveLength(250);
  });

  it('two demo emulators answer byte for byte the same', async () => {
    const texts = async (): Promise<string[]> => {
      const clock = manualClock();
      const w = await pool.start({ provider: 'wickson', seed: 'demo', now: clock.now });
      const v = await pool.start({ provider: 'verifik', seed: 'demo', now: clock.now });
      const out: string[] = [];
      out.push((await call(w.url, 'GET', '/v1/media/collections', { headers: wicksonAuth })).text);
      for (let page = 1; page <= 3; page += 1) {
        out.push((await call(w.url, 'GET', `/v1/media?page_size=100&page=${page}`, { headers: wicksonAuth })).text);
      }
      out.push((await call(v.url, 'GET', `${VERIFIK}/collections`, { headers: verifikAuth })).text);
      for (let page = 1; page <= 3; page += 1) {
        const res = await call(v.url, 'GET', `${VERIFIK}/persons?limit=100&page=${page}`, { headers: verifikAuth });
        out.push(JSON.stringify(res.body.data), JSON.stringify(res.body.pagination));
      }
      return out;
    };
    const first = await texts();
    const second = await texts();
    expect(second).toEqual(first);
    const collections = JSON.parse(first[0] ?? '{}').data;
    expect(collections.collections).toEqual(
      expect.arrayContaining(['default', 'research_papers', 'product_images', 'training_videos']),
    );
    expect(JSON.parse(first[4] ?? '{}').data.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining(['VIP', 'Staff', 'Visitors', 'Blocked']),
    );
  });
});
