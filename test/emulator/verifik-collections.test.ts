import { afterEach, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { VerifikSeed } from 'unified-collections/emulator';
import { EXPIRED_TOKEN, VERIFIK, VERIFIK_TOKEN, call, emulatorPool, manualClock, verifikAuth } from './helpers.js';

const pool = emulatorPool();
afterEach(() => pool.closeAll());

const A = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbbbbbbbbbb';
const seed: VerifikSeed = {
  collections: [
    { _id: A, code: '11111111-1111-4111-8111-111111111111', name: 'Staff', createdAt: '2025-01-01T00:00:00.000Z' },
    { _id: B, name: 'VIP', description: 'vips', createdAt: '2025-01-02T00:00:00.000Z' },
  ],
  persons: [
    { _id: '000000000000000000000001', name: 'Ana Torres', collections: [A, B] },
    { _id: '000000000000000000000002', name: 'Juan Diaz', collections: ['VIP'] },
  ],
};

async function start(s: VerifikSeed | 'demo' | 'empty' = seed) {
  const clock = manualClock();
  const emu = await pool.start({
    provider: 'verifik',
    seed: s,
    credentials: { token: VERIFIK_TOKEN, expiredToken: EXPIRED_TOKEN },
    now: clock.now,
  });
  const send = (method: string, path: string, json?: unknown) =>
    call(emu.url, method, `${VERIFIK}${path}`, { json, headers: verifikAuth });
  return { emu, clock, send };
}

describe('Verifik emulator: collections', () => {
  it('creates a collection with Mongo-style fields and returns it under `data`', async () => {
    const { send } = await start('empty');
    const res = await send('POST', '/collections', { name: 'Guests', description: 'weekend guests' });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['data']);
    expect(res.body.data).toEqual({
      _id: expect.stringMatching(/^[0-9a-f]{24}$/),
      code: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      name: 'Guests',
      description: 'weekend guests',
      client: expect.stringMatching(/^[0-9a-f]{24}$/),
      deleted: false,
      createdAt: '2025-03-09T12:00:00.000Z',
      updatedAt: '2025-03-09T12:00:00.000Z',
      __v: 0,
    });
    const list = await send('GET', '/collections');
    expect(list.body.data).toEqual([res.body.data]);
    const one = await send('GET', `/collections/${res.body.data._id}`);
    expect(one.body.data).toEqual(res.body.data);
  });

  it.each([
    ['no body', undefined],
    ['an empty name', { name: '' }],
    ['a numeric name', { name: 5 }],
    ['an array body', ['Guests']],
  ])('answers 409 MissingParameter for %s', async (_name, body) => {
    const { send } = await start('empty');
    const res = await send('POST', '/collections', body);
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ message: 'name is required', code: 'MissingParameter' });
    expect((await send('GET', '/collections')).body.data).toEqual([]);
  });

  it('looks collections up by _id only (a code is 404 invalid_collection)', async () => {
    const { send } = await start();
    expect((await send('GET', `/collections/${A}`)).body.data.name).toBe('Staff');
    const byCode = await send('GET', '/collections/11111111-1111-4111-8111-111111111111');
    expect(byCode.status).toBe(404);
    expect(byCode.body).toEqual({ message: 'invalid_collection', code: 'ERROR' });
  });

  it('deletes with a snapshot of the document as it was and unlinks (not deletes) its persons', async () => {
    const { send } = await start();
    const before = (await send('GET', `/collections/${B}`)).body.data;
    const res = await send('DELETE', `/collections/${B}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: before });
    expect(res.body.data.deleted).toBe(false);
    expect((await send('GET', `/collections/${B}`)).status).toBe(404);
    expect((await send('DELETE', `/collections/${B}`)).body).toEqual({ message: 'invalid_collection', code: 'ERROR' });

    const ana = await send('GET', '/persons/000000000000000000000001');
    expect(ana.body.data.collections).toEqual([A]);
    const juan = await send('GET', '/persons/000000000000000000000002');
    expect(juan.status).toBe(200);
    expect(juan.body.data.collections).toEqual([]);
  });

  it('updates name and reconciles membership through `people`', async () => {
    const { send, clock } = await start();
    clock.advance(5000);
    const res = await send('PUT', `/collections/${A}`, { name: 'Team', people: [{ _id: '000000000000000000000002' }] });
    expect(res.status).toBe(200);
    expect(res.body.data.name).toBe('Team');
    expect(res.body.data.updatedAt).toBe('2025-03-09T12:00:05.000Z');
    expect((await send('GET', '/persons/000000000000000000000001')).body.data.collections).toEqual([B]);
    expect((await send('GET', '/persons/000000000000000000000002')).body.data.collections).toEqual([B, A]);
    const noName = await send('PUT', `/collections/${A}`, { description: 'x' });
    expect(noName.status).toBe(409);
    expect(noName.body.code).toBe('MissingParameter');
  });

  it('answers collection auth failures with Access forbidden (401, 403 for an expired token)', async () => {
    const { emu } = await start();
    const cases: Array<[Record<string, string>, number]> = [
      [{}, 401],
      [{ Authorization: 'Bearer wrong' }, 401],
      [{ Authorization: VERIFIK_TOKEN }, 401],
      [{ Authorization: `Bearer ${EXPIRED_TOKEN}` }, 403],
    ];
    for (const [headers, status] of cases) {
      const res = await call(emu.url, 'GET', `${VERIFIK}/collections`, { headers });
      expect(res.status).toBe(status);
      expect(res.body).toEqual({ message: 'Access forbidden', code: 'Forbidden' });
    }
  });

  it('answers an unknown route with 404 without crashing', async () => {
    const { send } = await start();
    const res = await send('PATCH', '/collections');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('ResourceNotFound');
    expect((await send('GET', '/collections')).status).toBe(200);
  });
});

describe('Verifik emulator: PUT collection with `people`', () => {
  const hex = (n: number) => n.toString(16).padStart(24, '0');
  const PEOPLE = Array.from({ length: 8 }, (_, i) => hex(0x100 + i));
  const COLLECTIONS = [A, B];

  async function startWith(membership: string[][], limits?: { maxPeople: number }) {
    const emu = await pool.start({
      provider: 'verifik', credentials: { token: VERIFIK_TOKEN }, ...(limits ? { limits } : {}),
      seed: {
        collections: COLLECTIONS.map((_id, i) => ({ _id, name: `C${i}` })),
        persons: PEOPLE.map((_id, i) => ({ _id, name: `P${i}`, collections: membership[i] ?? [] })),
      },
    });
    const send = (method: string, path: string, json?: unknown) => call(emu.url, method, `${VERIFIK}${path}`, { json, headers: verifikAuth });
    return { emu, send };
  }

  it('makes the listed persons exactly the members, leaving their other collections alone; the listing, person reads and counts agree (property)', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.subarray(COLLECTIONS), { minLength: PEOPLE.length, maxLength: PEOPLE.length }),
      fc.constantFrom(...COLLECTIONS), fc.shuffledSubarray(PEOPLE), fc.boolean(),
      async (membership, target, people, asStrings) => {
        const { send } = await startWith(membership);
        const res = await send('PUT', `/collections/${target}`, { name: 'Same', people: asStrings ? people : people.map((_id) => ({ _id })) });
        expect(res.status).toBe(200);
        for (const [i, id] of PEOPLE.entries()) {
          const expected = COLLECTIONS.filter((c) => (c === target ? people.includes(id) : membership[i]!.includes(c)));
          const person = (await send('GET', `/persons/${id}`)).body.data;
          expect([...person.collections].sort()).toEqual(expected);
        }
        for (const collection of COLLECTIONS) {
          const listed = (await send('GET', `/persons?collection=${collection}&limit=100`)).body;
          const expected = PEOPLE.filter((id, i) => (collection === target ? people.includes(id) : membership[i]!.includes(collection)));
          expect(listed.data.map((p: { _id: string }) => p._id)).toEqual(expected);
          expect(listed.pagination.total).toBe(expected.length);
        }
        await pool.closeAll();
      },
    ), { numRuns: 25 });
  });

  it('caps `people` (limits.maxPeople, default 1000): over it, 409 INVALID_PARAMETERS and nothing changes; at it, applied', async () => {
    const { send } = await startWith([[A], [A]], { maxPeople: 3 });
    const over = await send('PUT', `/collections/${A}`, { name: 'C0', people: PEOPLE.slice(0, 4) });
    expect(over.status).toBe(409);
    expect(over.body).toEqual({ message: 'people_limit_exceeded: at most 3 persons per request', code: 'INVALID_PARAMETERS' });
    const members = async () => (await send('GET', `/persons?collection=${A}`)).body.data.map((p: { _id: string }) => p._id);
    expect(await members()).toEqual(PEOPLE.slice(0, 2));
    expect((await send('PUT', `/collections/${A}`, { name: 'C0', people: PEOPLE.slice(2, 5) })).status).toBe(200);
    expect(await members()).toEqual(PEOPLE.slice(2, 5));

    const { send: sendDefault } = await startWith([]);
    const thousand = Array.from({ length: 1001 }, (_, i) => hex(0x10000 + i));
    expect((await sendDefault('PUT', `/collections/${A}`, { name: 'C0', people: thousand })).status).toBe(409);
  });

  it('a person that does not exist refuses the whole request: 404, nothing changes', async () => {
    const { send } = await startWith([[A]]);
    const res = await send('PUT', `/collections/${A}`, { name: 'C0', people: [PEOPLE[1], hex(0xdead)] });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'Person not found', message: 'PERSON_NOT_FOUND' });
    expect((await send('GET', `/persons/${PEOPLE[0]}`)).body.data.collections).toEqual([A]);
    expect((await send('GET', `/persons/${PEOPLE[1]}`)).body.data.collections).toEqual([]);
  });

  it('refuses a bad limit when the emulator starts', async () => {
    await expect(pool.start({ provider: 'verifik', limits: { maxPeople: -1 } })).rejects.toThrow(/maxPeople/);
  });
});
