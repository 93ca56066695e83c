import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { KeyedSerializer } from '../../src/batch/keyed-serializer.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedSerializer', () => {
  it('never overlaps two tasks of one key, keeps submission order per key, and forgets idle keys', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.record({ key: fc.constantFrom('a', 'b', 'c'), ticks: fc.nat(3), fails: fc.boolean() }), { maxLength: 30 }),
      async (tasks) => {
        const serializer = new KeyedSerializer();
        const running = new Map<string, number>();
        const started: Record<string, number[]> = {};
        let maxOverlapPerKey = 0;
        const settled = tasks.map(({ key, ticks, fails }, index) => serializer.run(key, async () => {
          running.set(key, (running.get(key) ?? 0) + 1);
          maxOverlapPerKey = Math.max(maxOverlapPerKey, running.get(key)!);
          (started[key] ??= []).push(index);
          for (let t = 0; t < ticks; t += 1) await tick();
          running.set(key, running.get(key)! - 1);
          if (fails) throw new Error(`task ${index}`);
          return index;
        }));
        const outcomes = await Promise.allSettled(settled);
        expect(maxOverlapPerKey).toBeLessThanOrEqual(1);
        for (const [key, order] of Object.entries(started)) {
          expect(order).toEqual(tasks.flatMap((t, i) => (t.key === key ? [i] : [])));
        }
        // A failing task rejects its own caller only; later tasks of its key still run.
        outcomes.forEach((outcome, i) => expect(outcome.status).toBe(tasks[i]!.fails ? 'rejected' : 'fulfilled'));
        await tick();
        expect(serializer.activeKeys).toBe(0);
      },
    ), { numRuns: 300 });
  });

  it('runs different keys at the same time', async () => {
    const serializer = new KeyedSerializer();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const first = serializer.run('a', () => gate);
    let secondRan = false;
    const second = serializer.run('b', async () => { secondRan = true; });
    await second;
    expect(secondRan).toBe(true);
    release();
    await first;
  });
});
