import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { MAX_BRANCH, OrderedIndex, WorkMeter } from '../../src/emulator/ordered-index.js';

const byNumber = (a: number, b: number): number => a - b;

/** Ops on keys 0..199, so adds and deletes collide often; tiny nodes make deep trees, splits and emptied nodes common. */
const op = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), key: fc.integer({ min: 0, max: 199 }) }),
  fc.record({ kind: fc.constant('addRun' as const), key: fc.integer({ min: 0, max: 199 }), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('delete' as const), key: fc.integer({ min: 0, max: 199 }) }),
  fc.record({ kind: fc.constant('deleteRun' as const), key: fc.integer({ min: 0, max: 199 }), length: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ kind: fc.constant('slice' as const), start: fc.integer({ min: -2, max: 210 }), count: fc.integer({ min: -1, max: 30 }) }),
);

const leafSize = fc.integer({ min: 2, max: 6 });
const branchSize = fc.integer({ min: 2, max: 4 });

describe('OrderedIndex', () => {
  it('matches a sorted array under any sequence of adds, deletes and slices (property)', () => {
    fc.assert(
      fc.property(leafSize, branchSize, fc.array(op, { maxLength: 120 }), (maxChunk, maxBranch, ops) => {
        const index = new OrderedIndex<number>(byNumber, { maxChunk, maxBranch });
        let model: number[] = [];
        const add = (key: number): void => {
          expect(index.add(key)).toBe(!model.includes(key));
          if (!model.includes(key)) model = [...model, key].sort(byNumber);
        };
        const remove = (key: number): void => {
          expect(index.delete(key)).toBe(model.includes(key));
          model = model.filter((k) => k !== key);
        };
        for (const o of ops) {
          if (o.kind === 'add') add(o.key);
          else if (o.kind === 'addRun') for (let k = o.key; k < o.key + o.length; k += 1) add(k);
          else if (o.kind === 'delete') remove(o.key);
          else if (o.kind === 'deleteRun') for (let k = o.key; k < o.key + o.length; k += 1) remove(k);
          else expect(index.slice(o.start, o.count)).toEqual(model.slice(Math.max(0, o.start), Math.max(0, o.start) + Math.max(0, o.count)));
          expect(index.size).toBe(model.length);
        }
        expect(index.slice(0, index.size)).toEqual(model);
        expect(index.at(0)).toBe(model[0]);
        expect(index.at(model.length - 1)).toBe(model.at(-1));
      }),
      { numRuns: 300 },
    );
  });

  it('reads a page at any offset for the page plus one descent per leaf touched, whatever the size', () => {
    for (const size of [1_000, 1_000_000]) {
      const meter = new WorkMeter();
      const index = new OrderedIndex<number>(byNumber, { meter });
      for (let k = 0; k < size; k += 1) index.add(k);
      for (const start of [0, size / 2, size - 100]) {
        const before = meter.steps;
        expect(index.slice(start, 100)).toEqual(Array.from({ length: 100 }, (_, i) => start + i));
        // 100 elements and at most two descents (a page spans at most two leaves), each at most
        // MAX_BRANCH steps on each of the 3 branch levels a million elements need.
        expect(meter.steps - before).toBeLessThanOrEqual(100 + 2 * 3 * MAX_BRANCH);
      }
    }
  });

  it('keeps page boundaries exact while a walk deletes whole leaves behind and ahead of it', () => {
    const index = new OrderedIndex<number>(byNumber, { maxChunk: 4, maxBranch: 3 });
    let model = Array.from({ length: 300 }, (_, k) => k);
    for (const k of model) index.add(k);
    for (let start = 0; start < model.length; start += 7) {
      expect(index.slice(start, 7)).toEqual(model.slice(start, start + 7));
      // Drop a run behind the cursor and one ahead, emptying several leaves (and branches) each time.
      for (const k of [...model.slice(Math.max(0, start - 9), start - 1), ...model.slice(start + 20, start + 31)]) {
        index.delete(k);
        model = model.filter((m) => m !== k);
      }
    }
    expect(index.slice(0, index.size)).toEqual(model);
  });
});
