import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Prng, isoSeconds } from '../../src/emulator/prng.js';
import type { WicksonSeedItem } from '../../src/emulator/wickson/wickson-seed.js';
import { DEFAULT_COLLECTION, WicksonState, type MediaItem } from '../../src/emulator/wickson/wickson-state.js';

/**
 * The indexed state against a plain model: the old behaviour (filter the whole store, sort by
 * created_at then id, slice), replayed after every operation.
 */
const NOW = Date.parse('2025-03-09T12:00:00Z');
const COLLECTIONS = ['default', 'a', 'b', 'c'] as const;
const TYPES = ['document', 'image', 'video', 'audio'] as const;

interface ModelItem {
  id: string;
  collection: string;
  mediaType: string;
  createdAt: string;
}

const seedItem = fc.record({
  n: fc.integer({ min: 0, max: 9_999 }),
  prefix: fc.constantFrom('doc', 'img', 'vid', 'aud'),
  collection: fc.constantFrom('default', 'a', 'b'),
  day: fc.integer({ min: 1, max: 4 }),
  // Same-second timestamps in other forms must tie with the served form (ties break by id).
  form: fc.constantFrom('served', 'millis', 'offset'),
});

const op = fc.oneof(
  fc.record({
    kind: fc.constant('list' as const),
    collection: fc.option(fc.constantFrom(...COLLECTIONS), { nil: undefined }),
    mediaType: fc.option(fc.constantFrom(...TYPES), { nil: undefined }),
    page: fc.integer({ min: 1, max: 8 }),
    pageSize: fc.integer({ min: 1, max: 9 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), picks: fc.array(fc.nat(), { minLength: 1, maxLength: 12 }) }),
  fc.record({
    kind: fc.constant('move' as const),
    target: fc.constantFrom(...COLLECTIONS),
    picks: fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
  }),
  fc.record({ kind: fc.constant('deleteCollection' as const), id: fc.constantFrom('a', 'b', 'c') }),
);

function toSeed(raw: Array<{ n: number; prefix: string; collection: string; day: number; form: string }>): WicksonSeedItem[] {
  return raw.map((r) => {
    const at = `2025-01-0${r.day}T10:00:00`;
    const created_at = r.form === 'served' ? `${at}Z` : r.form === 'millis' ? `${at}.700Z` : `${at}+00:00`;
    return { id: `${r.prefix}_${String(r.n).padStart(4, '0')}`, collection: r.collection, created_at };
  });
}

function byCreation(a: { id: string; createdAt: string }, b: { id: string; createdAt: string }): number {
  return a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const TYPE_OF: Record<string, string> = { doc: 'document', img: 'image', vid: 'video', aud: 'audio' };
const view = (item: MediaItem): ModelItem => ({
  id: item.id,
  collection: item.collection,
  mediaType: item.mediaType,
  createdAt: item.createdAt,
});

describe('Wickson state: indexed listing matches filter-and-sort', () => {
  it('pages, counts and stats agree with the model through deletes, moves and cascades (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(seedItem, { selector: (r) => r.n, maxLength: 90 }),
        fc.array(op, { maxLength: 40 }),
        fc.constantFrom(2, 3, 512),
        (rawSeed, ops, maxChunk) => {
          const seed = toSeed(rawSeed);
          const state = new WicksonState({ items: seed }, () => NOW, new Prng('model-test'), { maxChunk });
          let model: ModelItem[] = seed
            .map((s) => ({
              id: s.id,
              collection: s.collection ?? DEFAULT_COLLECTION,
              mediaType: TYPE_OF[s.id.slice(0, 3)] ?? 'document',
              createdAt: isoSeconds(Date.parse(s.created_at ?? '')),
            }))
            .sort(byCreation);
          const collectionDates = new Map<string, string>();
          for (const m of model) if (!collectionDates.has(m.collection)) collectionDates.set(m.collection, m.createdAt);
          if (!collectionDates.has(DEFAULT_COLLECTION)) collectionDates.set(DEFAULT_COLLECTION, isoSeconds(NOW));
          const pick = (picks: number[]): ModelItem[] =>
            model.length === 0 ? [] : [...new Set(picks.map((p) => model[p % model.length] as ModelItem))];
          const prune = (): void => {
            for (const id of collectionDates.keys()) {
              if (id !== DEFAULT_COLLECTION && !model.some((m) => m.collection === id)) collectionDates.delete(id);
            }
          };

          for (const o of ops) {
            if (o.kind === 'list') {
              const matching = model.filter(
                (m) => (o.collection === undefined || m.collection === o.collection) && (o.mediaType === undefined || m.mediaType === o.mediaType),
              );
              const start = (o.page - 1) * o.pageSize;
              const got = state.pageMedia({ collection: o.collection, mediaType: o.mediaType }, start, o.pageSize);
              expect(got.items.map(view)).toEqual(matching.slice(start, start + o.pageSize));
              expect(got.total).toBe(matching.length);
            } else if (o.kind === 'delete') {
              for (const m of pick(o.picks)) state.remove(state.resolve(m.id) as MediaItem);
              const gone = new Set(pick(o.picks).map((m) => m.id));
              model = model.filter((m) => !gone.has(m.id));
              prune();
            } else if (o.kind === 'move') {
              const chosen = pick(o.picks);
              const moved = chosen.filter((m) => m.collection !== o.target).length;
              expect(state.move(o.target, chosen.map((m) => state.get(m.id) as MediaItem))).toEqual({ moved, already: chosen.length - moved });
              if (moved > 0 && !collectionDates.has(o.target)) collectionDates.set(o.target, isoSeconds(NOW));
              model = model.map((m) => (chosen.includes(m) ? { ...m, collection: o.target } : m));
              prune();
            } else if (state.hasCollection(o.id)) {
              expect(state.deleteCollection(o.id)).toBe(model.filter((m) => m.collection === o.id).length);
              model = model.filter((m) => m.collection !== o.id);
              collectionDates.delete(o.id);
            }

            const expected = [...collectionDates]
              .map(([id, createdAt]) => ({ id, createdAt, itemCount: model.filter((m) => m.collection === id).length }))
              .sort((x, y) => (x.id === DEFAULT_COLLECTION ? -1 : y.id === DEFAULT_COLLECTION ? 1 : byCreation(x, y)));
            expect(state.listCollections()).toEqual(expected);
            for (const { id } of expected) {
              const members = model.filter((m) => m.collection === id);
              const types = new Map<string, number>();
              for (const m of members) types.set(m.mediaType, (types.get(m.mediaType) ?? 0) + 1);
              expect(state.collectionStats(id)).toEqual({
                itemCount: members.length,
                firstItemDate: members[0]?.createdAt,
                lastItemDate: members.at(-1)?.createdAt,
                typeCounts: types,
              });
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('serves a seed given out of order in the same order as a sorted one', () => {
    const items = Array.from({ length: 2_000 }, (_, i) => ({
      id: `doc_${String(i).padStart(5, '0')}`,
      created_at: isoSeconds(NOW - (i % 7) * 1000),
    }));
    const inOrder = [...items].sort((a, b) => byCreation({ id: a.id, createdAt: a.created_at }, { id: b.id, createdAt: b.created_at }));
    const sorted = new WicksonState({ items: inOrder }, () => NOW, new Prng('x'));
    const shuffled = new WicksonState({ items: [...items].reverse() }, () => NOW, new Prng('x'));
    expect(shuffled.pageMedia({}, 0, 2_000).items.map((i) => i.id)).toEqual(sorted.pageMedia({}, 0, 2_000).items.map((i) => i.id));
  });
});
