import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Prng } from '../../src/emulator/prng.js';
import { MAX_BRANCH, MAX_CHUNK } from '../../src/emulator/ordered-index.js';
import { VerifikState, type VerifikPerson } from '../../src/emulator/verifik/verifik-state.js';

/**
 * The person index against a plain model: the old behaviour (sort every person by createdAt
 * then _id, filter by membership, scan for name + date of birth), replayed after every step.
 */
const NOW = Date.parse('2025-03-09T12:00:00.000Z');
const COLLECTIONS = ['a'.repeat(24), 'b'.repeat(24), 'c'.repeat(24)];
const NAMES = ['Ana', 'Juan', 'Lucia'];
const DOBS = [undefined, { year: 1990, month: 1, day: 2 }, { year: 1985, month: 7, day: 30 }];
/** Few distinct instants, so new persons land before, between and tied with existing ones. */
const STAMPS = ['2025-01-01T00:00:00.000Z', '2025-01-02T00:00:00.000Z', '2025-01-03T00:00:00.000Z'];

interface ModelPerson {
  _id: string;
  name: string;
  dob: string;
  collections: string[];
  createdAt: string;
}

const subset = fc.subarray(COLLECTIONS);
const op = fc.oneof(
  fc.record({
    kind: fc.constant('list' as const),
    collection: fc.option(fc.constantFrom(...COLLECTIONS), { nil: undefined }),
    page: fc.integer({ min: 1, max: 6 }),
    limit: fc.integer({ min: 1, max: 7 }),
  }),
  fc.record({ kind: fc.constant('create' as const), name: fc.nat(2), dob: fc.nat(2), collections: subset, at: fc.nat(2) }),
  fc.record({
    kind: fc.constant('update' as const),
    pick: fc.nat(),
    name: fc.option(fc.nat(2), { nil: undefined }),
    dob: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }),
    collections: fc.option(subset, { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('detach' as const), pick: fc.nat(), collection: fc.constantFrom(...COLLECTIONS) }),
  fc.record({ kind: fc.constant('deletePerson' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('deleteCollection' as const), collection: fc.constantFrom(...COLLECTIONS) }),
);

const byCreation = (a: ModelPerson, b: ModelPerson): number =>
  a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? -1 : 1) : a._id < b._id ? -1 : a._id > b._id ? 1 : 0;
const dobKey = (dob: (typeof DOBS)[number]): string => (dob === undefined ? '' : `${dob.year}-${dob.month}-${dob.day}`);
/** Steps one add or delete may take in one index: descents, a leaf shift, a leaf split and its splice. */
const PER_WRITE = 3 * MAX_CHUNK + 8 * MAX_BRANCH;
const ids = (persons: readonly { _id: string }[]): string[] => persons.map((p) => p._id);

describe('Verifik state: indexed persons match sort-and-filter', () => {
  it('pages, members and duplicate checks agree with the model through every change (property)', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 45 }), fc.constantFrom(2, 3, MAX_CHUNK), (ops, maxChunk) => {
        const state = new VerifikState(
          { collections: COLLECTIONS.map((_id, i) => ({ _id, name: `C${i}`, createdAt: STAMPS[0] })), persons: [] },
          () => NOW,
          new Prng('model-test'),
          { maxChunk },
        );
        let model: ModelPerson[] = [];
        const live = new Set(COLLECTIONS);
        const pick = (n: number): VerifikPerson | undefined => {
          const sorted = [...model].sort(byCreation);
          return sorted.length === 0 ? undefined : state.getPerson((sorted[n % sorted.length] as ModelPerson)._id);
        };
        const modelOf = (id: string): ModelPerson => model.find((m) => m._id === id) as ModelPerson;

        for (const o of ops) {
          if (o.kind === 'list') {
            const matching = [...model].sort(byCreation).filter((m) => o.collection === undefined || m.collections.includes(o.collection));
            const start = (o.page - 1) * o.limit;
            const got = state.pagePersons(o.collection, start, o.limit);
            expect(ids(got.items)).toEqual(ids(matching.slice(start, start + o.limit)));
            expect(got.total).toBe(matching.length);
          } else if (o.kind === 'create') {
            const wanted = o.collections.filter((c) => live.has(c));
            const fields = { name: NAMES[o.name] as string, date_of_birth: DOBS[o.dob], collections: wanted };
            const duplicate = [...model]
              .sort(byCreation)
              .find((m) => m.name === fields.name && m.dob === dobKey(fields.date_of_birth) && m.collections.some((c) => wanted.includes(c)));
            expect(state.findDuplicate(fields, wanted)?._id).toBe(duplicate?._id);
            if (duplicate === undefined) {
              const person = state.createPerson(fields, undefined, STAMPS[o.at]);
              const createdAt = STAMPS[o.at] as string;
              model.push({ _id: person._id, name: fields.name, dob: dobKey(fields.date_of_birth), collections: [...wanted], createdAt });
            }
          } else if (o.kind === 'update') {
            const person = pick(o.pick);
            if (person === undefined) continue;
            const m = modelOf(person._id);
            const collections = o.collections?.filter((c) => live.has(c));
            state.applyFields(person, {
              name: o.name === undefined ? undefined : NAMES[o.name],
              date_of_birth: o.dob === undefined ? undefined : DOBS[o.dob],
              collections,
            });
            if (o.name !== undefined) m.name = NAMES[o.name] as string;
            if (o.dob !== undefined) m.dob = dobKey(DOBS[o.dob]);
            if (collections !== undefined) m.collections = collections;
          } else if (o.kind === 'detach') {
            const person = pick(o.pick);
            if (person === undefined) continue;
            state.detach(person, o.collection);
            const m = modelOf(person._id);
            m.collections = m.collections.filter((c) => c !== o.collection);
          } else if (o.kind === 'deletePerson') {
            const person = pick(o.pick);
            if (person === undefined) continue;
            expect(state.deletePerson(person._id)).toBe(true);
            model = model.filter((m) => m._id !== person._id);
          } else if (live.has(o.collection)) {
            expect(state.deleteCollection(o.collection)?._id).toBe(o.collection);
            live.delete(o.collection);
            for (const m of model) m.collections = m.collections.filter((c) => c !== o.collection);
          }

          const sorted = [...model].sort(byCreation);
          expect(ids(state.pagePersons(undefined, 0, 1_000).items)).toEqual(ids(sorted));
          for (const c of COLLECTIONS) expect(ids(state.members(c))).toEqual(ids(sorted.filter((m) => m.collections.includes(c))));
          for (const m of sorted) expect(state.getPerson(m._id)?.collections).toEqual(m.collections);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('costs the same few steps at 20,000 and 200,000 persons (work meter, not time)', () => {
    const costs = (n: number): Record<string, number> => {
      const persons = Array.from({ length: n }, (_, i) => ({
        _id: i.toString(16).padStart(24, '0'),
        name: `Person ${i}`,
        collections: [COLLECTIONS[i % 3] as string],
        createdAt: new Date(NOW - (n - i) * 1000).toISOString(),
      }));
      const collections = COLLECTIONS.map((_id, i) => ({ _id, name: `C${i}` }));
      const state = new VerifikState({ collections, persons }, () => NOW, new Prng('cost'));
      const measure = (fn: () => void): number => {
        const before = state.workSteps;
        fn();
        return state.workSteps - before;
      };
      const at = (k: number): VerifikPerson => state.getPerson(Math.floor((k * n) / 100).toString(16).padStart(24, '0')) as VerifikPerson;
      return {
        page: measure(() => state.pagePersons(COLLECTIONS[1], Math.floor(n / 6), 100)),
        duplicateCheck: measure(() => state.findDuplicate({ name: `Person ${n >> 1}` }, COLLECTIONS)),
        create: measure(() => state.createPerson({ name: 'New', collections: [COLLECTIONS[0] as string] })),
        move100: measure(() => { for (let k = 0; k < 100; k += 1) state.applyFields(at(k), { collections: [COLLECTIONS[2] as string] }); }),
        delete100: measure(() => { for (let k = 0; k < 100; k += 1) state.deletePerson(at(k)._id); }),
      };
    };
    const small = costs(20_000);
    const large = costs(200_000);
    // Reads: the page itself plus one descent of at most MAX_BRANCH steps per level (4 levels
    // hold 16 million elements), the same at ten times the persons.
    expect(large.page).toBeLessThanOrEqual(100 + 2 * 4 * MAX_BRANCH);
    expect(large.duplicateCheck).toBeLessThanOrEqual(1);
    for (const key of ['page', 'duplicateCheck', 'create']) expect(large[key]).toBeLessThanOrEqual((small[key] as number) * 1.1 + 50);
    // Writes: per index touched, a descent, a shift inside one leaf and at most a leaf split;
    // a bound with no n in it (where the old state rescanned every person per change).
    for (const key of ['move100', 'delete100']) expect(large[key]).toBeLessThanOrEqual(100 * 2 * PER_WRITE);
  });
});
