import { afterEach, describe, expect, it } from '@jest/globals';
import type { VerifikSeed } from 'unified-collections/emulator';
import { EXPIRED_TOKEN, VERIFIK, VERIFIK_TOKEN, call, emulatorPool, verifikAuth } from './helpers.js';

const pool = emulatorPool();
afterEach(() => pool.closeAll());

const A = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbbbbbbbbbb';
const C = 'cccccccccccccccccccccccc';
const CODE_C = '33333333-3333-4333-8333-333333333333';
const P1 = '000000000000000000000001';
const P2 = '000000000000000000000002';
const IMAGE = Buffer.from('a face, believe it').toString('base64');

const seed: VerifikSeed = {
  collections: [
    { _id: A, name: 'Staff' },
    { _id: B, name: 'VIP' },
    { _id: C, code: CODE_C, name: 'Visitors' },
  ],
  persons: [
    { _id: P1, name: 'Ana Torres', collections: [A, B], date_of_birth: '1990-01-15', gender: 'F' },
    { _id: P2, name: 'Juan Diaz', collections: [] },
  ],
};

async function start(s: VerifikSeed | 'demo' = seed) {
  const emu = await pool.start({ provider: 'verifik', seed: s, credentials: { token: VERIFIK_TOKEN, expiredToken: EXPIRED_TOKEN } });
  const send = (method: string, path: string, json?: unknown) =>
    call(emu.url, method, `${VERIFIK}${path}`, { json, headers: verifikAuth });
  return { emu, send };
}

async function allPersons(send: (m: string, p: string) => Promise<{ body: any }>, filter = ''): Promise<any[]> {
  const out: any[] = [];
  for (let page = 1; ; page += 1) {
    const res = await send('GET', `/persons?limit=100&page=${page}${filter}`);
    out.push(...res.body.data);
    if (page >= res.body.pagination.pages) return out;
  }
}

describe('Verifik emulator: reading persons', () => {
  it('wraps a person in {id, data, signature}', async () => {
    const { send } = await start();
    const res = await send('GET', `/persons/${P1}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[A-Z0-9]{5}$/),
      data: {
        _id: P1,
        name: 'Ana Torres',
        gender: 'F',
        date_of_birth: { year: 1990, month: 1, day: 15 },
        collections: [A, B],
        client: expect.stringMatching(/^[0-9a-f]{24}$/),
        status: 'active',
        thumbnails: [{ id: expect.any(String), thumbnail: expect.any(String) }],
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      },
      signature: { message: 'Certified by Verifik.co', dateTime: expect.any(String) },
    });
    const missing = await send('GET', '/persons/ffffffffffffffffffffffff');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: 'Person not found', message: 'PERSON_NOT_FOUND' });
  });

  it('pages the 250 demo persons (limit default 10, max 100)', async () => {
    const { send } = await start('demo');
    const first = await send('GET', '/persons');
    expect(first.body.data).toHaveLength(10);
    expect(first.body.pagination).toEqual({ page: 1, limit: 10, total: 250, pages: 25 });
    const last = await send('GET', '/persons?limit=100&page=3');
    expect(last.body.data).toHaveLength(50);
    expect(last.body.pagination).toEqual({ page: 3, limit: 100, total: 250, pages: 3 });
    const all = await allPersons(send);
    expect(new Set(all.map((p) => p._id)).size).toBe(250);
    expect(all.some((p) => p.collections.length >= 2)).toBe(true);
    expect(all.some((p) => p.collections.length === 0)).toBe(true);
  });

  it.each(['limit=101', 'limit=0', 'page=0', 'limit=ten', 'status=gone'])('answers 409 INVALID_PARAMETERS for %s', async (query) => {
    const { send } = await start();
    const res = await send('GET', `/persons?${query}`);
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ message: 'Invalid query parameters', code: 'INVALID_PARAMETERS' });
  });

  it('filters by collection _id or code with the same result', async () => {
    const { send } = await start('demo');
    const collections = (await send('GET', '/collections')).body.data as Array<{ _id: string; code: string }>;
    expect(collections.length).toBeGreaterThanOrEqual(4);
    const everyone = await allPersons(send);
    for (const c of collections) {
      const expected = everyone.filter((p) => p.collections.includes(c._id)).map((p) => p._id);
      expect(expected.length).toBeGreaterThan(0);
      const byId = (await allPersons(send, `&collection=${c._id}`)).map((p) => p._id);
      const byCode = (await allPersons(send, `&collection=${c.code}`)).map((p) => p._id);
      expect(byId).toEqual(expected);
      expect(byCode).toEqual(expected);
    }
    const unknown = await send('GET', '/persons?collection=ffffffffffffffffffffffff');
    expect(unknown.body.pagination.total).toBe(0);
  });

  it('populates collections on request', async () => {
    const { send } = await start();
    const res = await send('GET', `/persons?populates[]=collections&collection=${B}`);
    expect(res.body.data[0].collections).toEqual([
      { _id: A, name: 'Staff', description: '', code: expect.any(String) },
      { _id: B, name: 'VIP', description: '', code: expect.any(String) },
    ]);
  });
});

describe('Verifik emulator: changing persons', () => {
  it('PUT `collections` replaces the whole set (codes resolve to _ids)', async () => {
    const { send } = await start();
    const res = await send('PUT', `/persons/${P1}`, { collections: [CODE_C] });
    expect(res.status).toBe(200);
    expect(res.body.data.collections).toEqual([C]);
    const emptied = await send('PUT', `/persons/${P1}`, { collections: [] });
    expect(emptied.body.data.collections).toEqual([]);
  });

  it('PUT is partial: other fields and membership stay', async () => {
    const { send } = await start();
    const res = await send('PUT', `/persons/${P1}`, { name: 'Ana T. Torres' });
    expect(res.body.data.name).toBe('Ana T. Torres');
    expect(res.body.data.collections).toEqual([A, B]);
    expect(res.body.data.date_of_birth).toEqual({ year: 1990, month: 1, day: 15 });
  });

  it('PUT refuses an unknown collection (404) and a non-array (409) without changing anything', async () => {
    const { send } = await start();
    const unknown = await send('PUT', `/persons/${P1}`, { name: 'Changed', collections: [C, 'ffffffffffffffffffffffff'] });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ message: 'invalid_collection', code: 'ERROR' });
    const notArray = await send('PUT', `/persons/${P1}`, { collections: A });
    expect(notArray.status).toBe(409);
    expect(notArray.body.code).toBe('MissingParameter');
    const after = await send('GET', `/persons/${P1}`);
    expect(after.body.data.name).toBe('Ana Torres');
    expect(after.body.data.collections).toEqual([A, B]);
    expect((await send('PUT', '/persons/ffffffffffffffffffffffff', { name: 'x' })).body.message).toBe('PERSON_NOT_FOUND');
  });

  it('DELETE with ?collection= detaches only; without it the person is gone', async () => {
    const { send } = await start();
    const detach = await send('DELETE', `/persons/${P1}?collection=${A}`);
    expect(detach.status).toBe(200);
    expect(detach.body.data).toEqual({ _id: P1 });
    expect((await send('GET', `/persons/${P1}`)).body.data.collections).toEqual([B]);
    const remove = await send('DELETE', `/persons/${P1}`);
    expect(remove.body).toEqual({ id: expect.any(String), data: { _id: P1 }, signature: expect.any(Object) });
    expect((await send('GET', `/persons/${P1}`)).status).toBe(404);
    expect((await send('DELETE', `/persons/${P1}`)).status).toBe(404);
  });

  it('POST creates a person; non-base64 images get 412 only_images_in_base64', async () => {
    const { send } = await start();
    const res = await send('POST', '/persons', { name: 'Eva Rojas', images: [IMAGE], collections: [A, CODE_C], date_of_birth: '1985-06-30' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ name: 'Eva Rojas', collections: [A, C], date_of_birth: { year: 1985, month: 6, day: 30 } });
    expect(res.body.data.thumbnails).toHaveLength(1);
    expect((await send('GET', `/persons/${res.body.data._id}`)).status).toBe(200);

    const bad = await send('POST', '/persons', { name: 'Bad Image', images: ['data:image/png;base64,AAAA'] });
    expect(bad.status).toBe(412);
    expect(bad.body).toEqual({ message: 'only_images_in_base64', code: 'ERROR' });
    const noImages = await send('POST', '/persons', { name: 'No Image' });
    expect(noImages.status).toBe(409);
    expect((await send('POST', '/persons', { images: [IMAGE] })).body).toEqual({ message: 'name is required', code: 'MissingParameter' });
  });

  it('POST refuses the same name + date of birth in a shared collection with 412 person_already_set', async () => {
    const { send } = await start();
    const dup = await send('POST', '/persons', { name: 'Ana Torres', date_of_birth: '1990-01-15', images: [IMAGE], collections: [B] });
    expect(dup.status).toBe(412);
    expect(dup.body).toMatchObject({ message: 'person_already_set', code: 'PreconditionFailed', data: { _id: P1 } });
    const elsewhere = await send('POST', '/persons', { name: 'Ana Torres', date_of_birth: '1990-01-15', images: [IMAGE], collections: [C] });
    expect(elsewhere.status).toBe(200);
  });

  it('person auth: 401 UNAUTHORIZED when missing or wrong, 403 token_expired when expired', async () => {
    const { emu } = await start();
    const cases: Array<[Record<string, string>, number, unknown]> = [
      [{}, 401, { message: 'Authentication required', code: 'UNAUTHORIZED' }],
      [{ Authorization: 'Bearer nope' }, 401, { message: 'Authentication required', code: 'UNAUTHORIZED' }],
      [{ Authorization: `Bearer ${EXPIRED_TOKEN}` }, 403, { message: 'token_expired', code: 'FORBIDDEN' }],
    ];
    for (const [headers, status, body] of cases) {
      const res = await call(emu.url, 'DELETE', `${VERIFIK}/persons/${P1}`, { headers });
      expect(res.status).toBe(status);
      expect(res.body).toEqual(body);
    }
    expect((await call(emu.url, 'GET', `${VERIFIK}/persons/${P1}`, { headers: verifikAuth })).status).toBe(200);
  });
});
