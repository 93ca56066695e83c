import { afterEach, describe, expect, it } from '@jest/globals';
import { VERIFIK, call, emulatorPool, verifikAuth, wicksonAuth } from './helpers.js';

const pool = emulatorPool();
afterEach(() => pool.closeAll());

const seed = { items: [{ id: 'doc_1', collection: 'papers' }, { id: 'doc_2' }] };
const BATCH = 'DELETE /v1/media/batch';

async function wickson() {
  return pool.start({ provider: 'wickson', seed });
}

const get = (url: string, path: string, signal?: AbortSignal) => call(url, 'GET', path, { headers: wicksonAuth, signal });
const batchDelete = (url: string, ids: string[]) =>
  call(url, 'DELETE', '/v1/media/batch', { json: { media_ids: ids }, headers: wicksonAuth });

async function elapsed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

describe('emulator faults', () => {
  it('status: skip/times select which matching requests fail, with the vendor body by default', async () => {
    const emu = await wickson();
    emu.faults.add({ route: 'GET /v1/media/:id', kind: 'status', status: 503, skip: 1, times: 1 });
    expect((await get(emu.url, '/v1/media/doc_1')).status).toBe(200);
    expect((await get(emu.url, '/v1/media/collections')).status).toBe(200);
    const failed = await get(emu.url, '/v1/media/doc_1');
    expect(failed.status).toBe(503);
    expect(failed.body).toMatchObject({ success: false, error: { code: 'PROCESSING_ERROR' } });
    expect((await get(emu.url, '/v1/media/doc_1')).status).toBe(200);
    expect(emu.stats.byRoute['GET /v1/media/:id']).toBe(3);
  });

  it('status: a custom body and headers are sent as given', async () => {
    const emu = await pool.start({ provider: 'verifik' });
    emu.faults.add({ kind: 'status', status: 429, body: { message: 'slow down' }, headers: { 'Retry-After': '2' } });
    const res = await call(emu.url, 'GET', `${VERIFIK}/collections`, { headers: verifikAuth });
    expect(res.status).toBe(429);
    expect(res.body).toEqual({ message: 'slow down' });
    expect(res.headers.get('retry-after')).toBe('2');
  });

  it('reset: the connection drops before the handler runs, so nothing is deleted', async () => {
    const emu = await wickson();
    emu.faults.add({ route: BATCH, kind: 'reset', times: 1 });
    await expect(batchDelete(emu.url, ['doc_1'])).rejects.toThrow();
    expect((await get(emu.url, '/v1/media/doc_1')).status).toBe(200);
    expect(emu.stats.byRoute[BATCH]).toBe(1);
    expect((await batchDelete(emu.url, ['doc_1'])).body.data.deleted.count).toBe(1);
  });

  it('stall: never answers, and close() still finishes promptly', async () => {
    const emu = await wickson();
    emu.faults.add({ kind: 'stall' });
    await expect(get(emu.url, '/v1/media', AbortSignal.timeout(200))).rejects.toThrow();
    const pending = get(emu.url, '/v1/media', AbortSignal.timeout(5000));
    pending.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 50));
    expect(await elapsed(() => emu.close())).toBeLessThan(1000);
    await expect(pending).rejects.toThrow();
  });

  it('stall-body: 200 headers and half the body, then silence (the handler has run)', async () => {
    const emu = await wickson();
    emu.faults.add({ route: 'DELETE /v1/media/collections/:id', kind: 'stall-body', times: 1 });
    const res = await fetch(`${emu.url}/v1/media/collections/papers`, {
      method: 'DELETE',
      headers: wicksonAuth,
      signal: AbortSignal.timeout(300),
    });
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    expect((await get(emu.url, '/v1/media/collections/papers')).status).toBe(404);
  });

  it('drip: the real response arrives one byte per interval', async () => {
    const emu = await pool.start({ provider: 'verifik' });
    emu.faults.add({ kind: 'drip', ms: 10 });
    let text = '';
    const took = await elapsed(async () => {
      text = (await call(emu.url, 'GET', `${VERIFIK}/collections`, { headers: verifikAuth })).text;
    });
    expect(text).toBe('{"data":[]}');
    expect(took).toBeGreaterThanOrEqual(10 * text.length - 5);
  });

  it('html: an HTML page with the given status', async () => {
    const emu = await wickson();
    emu.faults.add({ kind: 'html', status: 502 });
    const res = await get(emu.url, '/v1/media');
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.text).toContain('<html>');
    expect(res.body).toBeUndefined();
    emu.faults.clear();
    emu.faults.add({ kind: 'html' });
    expect((await get(emu.url, '/v1/media')).status).toBe(200);
  });

  it('truncated-json: half of the real body (or of the given body) with 200', async () => {
    const emu = await wickson();
    const full = (await get(emu.url, '/v1/media/doc_2')).text;
    emu.faults.add({ kind: 'truncated-json', times: 1 });
    const cut = await get(emu.url, '/v1/media/doc_2');
    expect(cut.status).toBe(200);
    expect(cut.body).toBeUndefined();
    expect(cut.text).toBe(full.slice(0, Math.floor(full.length / 2)));
    emu.faults.add({ kind: 'truncated-json', body: { hello: 'world' } });
    expect((await get(emu.url, '/v1/media')).text).toBe('{"hello"');
  });

  it('latency (fault and option): delays, then serves normally', async () => {
    const emu = await pool.start({ provider: 'wickson', seed, latencyMs: 60 });
    emu.faults.add({ route: 'GET /v1/media', kind: 'latency', ms: 120 });
    let status = 0;
    expect(
      await elapsed(async () => {
        status = (await get(emu.url, '/v1/media')).status;
      }),
    ).toBeGreaterThanOrEqual(175);
    expect(status).toBe(200);
    expect(await elapsed(() => get(emu.url, '/v1/media/doc_1'))).toBeGreaterThanOrEqual(55);
  });

  it('faults passed at start apply, clear() removes them, and malformed rules are refused', async () => {
    const emu = await pool.start({ provider: 'wickson', seed, faults: [{ kind: 'status', status: 500 }] });
    expect((await get(emu.url, '/v1/media')).status).toBe(500);
    emu.faults.clear();
    expect((await get(emu.url, '/v1/media')).status).toBe(200);
    expect(() => emu.faults.add({ kind: 'explode' as never })).toThrow(TypeError);
    expect(() => emu.faults.add({ kind: 'status', times: -1 })).toThrow(TypeError);
    expect(emu.stats.total).toBe(2);
  });
});
