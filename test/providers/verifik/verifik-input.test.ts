import { describe, expect, it } from '@jest/globals';
import { COLLECTION_ID, personId } from './fixtures.js';
import { collect, rejectionOf, trapEveryRequest, useNock, verifik } from './helpers.js';

useNock();

const BAD_IDS: Array<[string, unknown]> = [
  ['empty', ''],
  ['a path', '../collections'],
  ['a slash', 'a/b'],
  ['a control character', 'abc\u0000def'],
  ['padded', ' abc '],
  ['too long', 'x'.repeat(257)],
  ['not a string', 42],
  ['null', null],
];

describe('verifik input validation (before any request)', () => {
  it.each(BAD_IDS)('a collection id that is %s is INVALID_INPUT for every collection method', async (_label, id) => {
    const trap = trapEveryRequest();
    const client = verifik();
    const bad = id as string;
    const errors = await Promise.all([
      rejectionOf(client.getCollection(bad)),
      rejectionOf(client.deleteCollection(bad)),
      rejectionOf(client.addItems(bad, [personId(1)])),
      rejectionOf(collect(client.listItems(bad))),
    ]);
    expect(errors.map((e) => e.code)).toEqual(['INVALID_INPUT', 'INVALID_INPUT', 'INVALID_INPUT', 'INVALID_INPUT']);
    expect(trap.count()).toBe(0);
  });

  it.each(BAD_IDS)('one person id that is %s rejects the whole batch before any request', async (_label, id) => {
    const trap = trapEveryRequest();
    const client = verifik();
    const ids = [personId(1), id as string, personId(2)];
    const add = await rejectionOf(client.addItems(COLLECTION_ID, ids));
    const del = await rejectionOf(client.deleteItems(ids));
    expect([add.code, del.code]).toEqual(['INVALID_INPUT', 'INVALID_INPUT']);
    expect(del.message).toMatch(/itemIds\[1\]/);
    expect(trap.count()).toBe(0);
  });

  it('a batch that is not an array is INVALID_INPUT', async () => {
    const trap = trapEveryRequest();
    const error = await rejectionOf(verifik().deleteItems(personId(1) as unknown as string[]));
    expect(error.code).toBe('INVALID_INPUT');
    expect(trap.count()).toBe(0);
  });

  it.each([
    ['a negative timeout', { timeoutMs: -1 }],
    ['a non-signal', { signal: 'stop' }],
    ['a zero page size', { pageSize: 0 }],
    ['a fractional page size', { pageSize: 2.5 }],
    ['a non-function onProgress', { onProgress: 1 }],
    ['a non-object', 'fast'],
  ])('options with %s are INVALID_INPUT', async (_label, options) => {
    const trap = trapEveryRequest();
    const client = verifik();
    const bad = options as never;
    const errors = await Promise.all([
      rejectionOf(client.listCollections(bad)),
      rejectionOf(client.createCollection({ name: 'VIP' }, bad)),
      rejectionOf(client.deleteItems([personId(1)], bad)),
      rejectionOf(collect(client.listItems(COLLECTION_ID, bad))),
    ]);
    expect(new Set(errors.map((e) => e.code))).toEqual(new Set(['INVALID_INPUT']));
    expect(trap.count()).toBe(0);
  });

  it('listItems reports invalid input at the first next(), not when it is called', async () => {
    const iterable = verifik().listItems('a/b');
    const iterator = iterable[Symbol.asyncIterator]();
    const error = await rejectionOf(iterator.next());
    expect(error.code).toBe('INVALID_INPUT');
  });

  it('capabilities tell the truth about Verifik', () => {
    expect(verifik().capabilities).toEqual({
      createCollection: true, membership: 'multiple', defaultConcurrency: 16, deleteCascadesItems: false, deleteCollectionReturns: 'snapshot',
      maxAddBatch: 1, maxDeleteBatch: 1, maxPageSize: 100, membershipWrites: 'read-modify-write',
      removeItems: 'unlink', updateCollection: true, getItem: true, maxReplaceMembers: 1000,
    });
  });

  it('maxReplaceMembers sets the one-request sync cap; 0 leaves it out (sync per person)', () => {
    expect(verifik({ maxReplaceMembers: 50 }).capabilities.maxReplaceMembers).toBe(50);
    expect(verifik({ maxReplaceMembers: 0 }).capabilities).not.toHaveProperty('maxReplaceMembers');
    expect(() => verifik({ maxReplaceMembers: -1 })).toThrow(/maxReplaceMembers/);
  });
});
