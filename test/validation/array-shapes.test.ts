import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import nock from 'nock';
import { createCollectionClient } from '../../src/index.js';
import type { CollectionProvider } from '../../src/spec/provider.js';
import { useNock } from '../support/use-nock.js';
import { rejectionOf, trapEveryRequest } from '../support/test-helpers.js';

useNock();

// Issue #6 class 12: id lists are validated index by index over `length`, so neither a sparse
// array's holes nor an array subclass that overrides iteration can slip an unvalidated id past
// the check. Every shape below is refused with INVALID_INPUT before any request, on both vendors
// and every batch operation.

const WICKSON = 'https://api.wickson.ai';
const VERIFIK = 'https://api.verifik.co';
const clients: Array<[string, string, () => CollectionProvider]> = [
  ['wickson', WICKSON, () => createCollectionClient({ provider: 'wickson', apiKey: 'shape-key-123456' })],
  ['verifik', VERIFIK, () => createCollectionClient({ provider: 'verifik', token: 'shape-token-123456' })],
];
const operations: Array<[string, (c: CollectionProvider, ids: string[]) => Promise<unknown>]> = [
  ['deleteItems', (c, ids) => c.deleteItems(ids)],
  ['addItems', (c, ids) => c.addItems('target', ids)],
];

/** An Array subclass whose every iteration helper pretends the list holds only valid ids. */
class Disguised extends Array<string> {}
for (const name of ['forEach', 'map', 'filter', 'every', 'some', 'reduce', 'includes', 'indexOf']) {
  Object.defineProperty(Disguised.prototype, name, { value: () => (name === 'every' ? true : name === 'map' || name === 'filter' ? [] : undefined) });
}
Object.defineProperty(Disguised.prototype, Symbol.iterator, { value: () => [][Symbol.iterator]() });

const validId = fc.stringMatching(/^[a-z0-9]{4,12}$/);

describe.each(clients)('%s batch calls refuse hidden bad ids before any request', (_name, origin, client) => {
  it.each(operations)('%s: a hole anywhere in a sparse array is an invalid id, named by index', async (_op, call) => {
    const trap = trapEveryRequest(origin);
    await fc.assert(fc.asyncProperty(fc.array(validId, { maxLength: 20 }), fc.nat(25), async (ids, holeAt) => {
      const sparse = [...ids];
      sparse.length = Math.max(sparse.length, holeAt + 1);
      delete sparse[holeAt];
      const error = await rejectionOf(call(client(), sparse));
      expect(error.code).toBe('INVALID_INPUT');
      // The first hole is reported (ids after a short array are holes too).
      const firstHole = Array.from({ length: sparse.length }, (_, i) => i).find((i) => !Object.hasOwn(sparse, i));
      expect(error.message).toContain(`[${firstHole}]`);
    }), { numRuns: 100 });
    expect(trap.count()).toBe(0);
    nock.cleanAll();
  });

  it.each(operations)('%s: new Array(n) is refused for every n >= 1', async (_op, call) => {
    const trap = trapEveryRequest(origin);
    for (let n = 1; n <= 40; n += 1) {
      expect((await rejectionOf(call(client(), new Array<string>(n)))).code).toBe('INVALID_INPUT');
    }
    expect(trap.count()).toBe(0);
    nock.cleanAll();
  });

  it.each(operations)('%s: an Array subclass with no-op iteration still has every index validated', async (_op, call) => {
    const trap = trapEveryRequest(origin);
    await fc.assert(fc.asyncProperty(
      fc.array(validId, { maxLength: 10 }), fc.nat(10), fc.constantFrom('', '../x', 'a/b', 'a\nb', ' pad'),
      async (ids, at, bad) => {
        const list = new Disguised();
        for (let i = 0; i < ids.length; i += 1) list[i] = ids[i]!;
        list[Math.min(at, list.length)] = bad;
        expect((await rejectionOf(call(client(), list))).code).toBe('INVALID_INPUT');
      },
    ), { numRuns: 100 });
    expect(trap.count()).toBe(0);
    nock.cleanAll();
  });
});
