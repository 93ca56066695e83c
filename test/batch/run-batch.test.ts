import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { type ChunkOutcome } from '../../src/batch/chunk-outcome.js';
import { runBatch } from '../../src/batch/run-batch.js';
import { CollectionError, markMaybeApplied, markNotSent } from '../../src/errors.js';
import type { BatchProgress } from '../../src/spec/options.js';

// Figure 5: whatever chunks do (throw any error, report partial, contradictory or extra ids),
// the result partitions the input, in order; calls, concurrency, abort and progress add up.
type Bucket = 'succeeded' | 'failed' | 'unknown';

/** Errors a chunk can throw, with the bucket the promise puts its ids in. */
const ERRORS: Array<[string, () => unknown, Bucket]> = [
  ['400 INVALID_INPUT', () => new CollectionError({ code: 'INVALID_INPUT', provider: 't', status: 400, message: 'bad' }), 'failed'],
  ['403 FORBIDDEN', () => new CollectionError({ code: 'FORBIDDEN', provider: 't', status: 403, message: 'no' }), 'failed'],
  ['404 NOT_FOUND', () => new CollectionError({ code: 'NOT_FOUND', provider: 't', status: 404, message: 'gone' }), 'failed'],
  ['409 CONFLICT', () => new CollectionError({ code: 'CONFLICT', provider: 't', status: 409, message: 'conflict' }), 'failed'],
  ['429 RATE_LIMITED', () => new CollectionError({ code: 'RATE_LIMITED', provider: 't', status: 429, message: 'slow' }), 'failed'],
  ['500 PROVIDER_ERROR', () => new CollectionError({ code: 'PROVIDER_ERROR', provider: 't', status: 500, message: 'oops' }), 'unknown'],
  ['503 PROVIDER_ERROR', () => new CollectionError({ code: 'PROVIDER_ERROR', provider: 't', status: 503, message: 'busy' }), 'unknown'],
  ['TIMEOUT', () => new CollectionError({ code: 'TIMEOUT', provider: 't', message: 'slow' }), 'unknown'],
  ['NETWORK after sending', () => new CollectionError({ code: 'NETWORK', provider: 't', message: 'reset' }), 'unknown'],
  ['NETWORK never sent', () => markNotSent(new CollectionError({ code: 'NETWORK', provider: 't', message: 'refused' })), 'failed'],
  ['RATE_LIMITED pause, not sent', () => markNotSent(new CollectionError({ code: 'RATE_LIMITED', provider: 't', message: 'paused' })), 'failed'],
  ['ABORTED before sending', () => markNotSent(new CollectionError({ code: 'ABORTED', provider: 't', message: 'stop' })), 'failed'],
  ['ABORTED in flight', () => new CollectionError({ code: 'ABORTED', provider: 't', message: 'stop' }), 'unknown'],
  ['404 after an earlier 500', () => markMaybeApplied(new CollectionError({ code: 'NOT_FOUND', provider: 't', status: 404, message: 'gone' })), 'unknown'],
  ['INVALID_RESPONSE on 200', () => new CollectionError({ code: 'INVALID_RESPONSE', provider: 't', status: 200, message: 'html' }), 'unknown'],
  ['a raw bug (TypeError)', () => new TypeError('undefined is not a function'), 'unknown'],
];

/** How a vendor mentions one id: a list of the buckets it put it in (empty = not mentioned). */
const report = fc.oneof(
  fc.constantFrom<Bucket[]>(['succeeded'], ['failed'], ['unknown'], []),
  fc.array(fc.constantFrom<Bucket>('succeeded', 'failed', 'unknown'), { minLength: 2, maxLength: 3 }),
);

const chunkBehaviour = fc.oneof(
  fc.record({ kind: fc.constant('throw' as const), error: fc.integer({ min: 0, max: ERRORS.length - 1 }) }),
  fc.record({
    kind: fc.constant('answer' as const),
    reports: fc.array(report, { minLength: 0, maxLength: 8 }),
    extras: fc.array(fc.constantFrom('extra-1', 'extra-2', 'id-0', 'id-1'), { maxLength: 3 }),
  }),
);

function expectedBucket(buckets: Bucket[]): Bucket {
  if (buckets.length === 0) return 'unknown';
  return buckets.every((b) => b === buckets[0]) ? buckets[0]! : 'unknown';
}

const pause = async (ticks: number) => {
  for (let i = 0; i < ticks; i += 1) await Promise.resolve();
};

describe('runBatch partitions its input (property)', () => {
  it('every id in exactly one bucket, in input order; ⌈n/size⌉ calls; concurrency bounded; progress adds up', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 4 }),
      fc.array(chunkBehaviour, { minLength: 1, maxLength: 12 }), fc.array(fc.nat(5), { minLength: 1, maxLength: 12 }),
      async (n, chunkSize, concurrency, behaviours, delays) => {
        const ids = Array.from({ length: n }, (_, i) => `id-${i}`);
        const expected = new Map<string, Bucket>();
        let calls = 0;
        let inFlight = 0;
        let maxInFlight = 0;
        const progress: BatchProgress[] = [];
        const result = await runBatch({
          provider: 't', ids, chunkSize, concurrency,
          onProgress: (p) => progress.push(p),
          send: async (chunkIds): Promise<ChunkOutcome> => {
            const index = calls;
            calls += 1;
            inFlight += 1;
            maxInFlight = Math.max(maxInFlight, inFlight);
            try {
              await pause(delays[index % delays.length]!);
              const behaviour = behaviours[index % behaviours.length]!;
              if (behaviour.kind === 'throw') {
                const [, make, bucket] = ERRORS[behaviour.error]!;
                chunkIds.forEach((id) => expected.set(id, bucket));
                throw make();
              }
              const outcome: ChunkOutcome = { succeeded: [], failed: [], unknown: [] };
              chunkIds.forEach((id, i) => {
                const buckets = behaviour.reports[i % Math.max(1, behaviour.reports.length)] ?? [];
                expected.set(id, expectedBucket(buckets));
                for (const bucket of buckets) {
                  if (bucket === 'failed') outcome.failed.push({ id, reason: `vendor says no to ${id}`, code: 'VENDOR' });
                  else outcome[bucket].push(id);
                }
              });
              // Ids from other chunks or never requested must not leak into the result.
              behaviour.extras.filter((extra) => !chunkIds.includes(extra)).forEach((extra) => outcome.succeeded.push(extra));
              return outcome;
            } finally {
              inFlight -= 1;
            }
          },
        });

        const all = [...result.succeeded, ...result.failed.map((f) => f.id), ...result.unknown];
        expect(all.slice().sort()).toEqual(ids.slice().sort());
        const order = (list: string[]) => list.map((id) => ids.indexOf(id));
        for (const list of [result.succeeded, result.failed.map((f) => f.id), result.unknown]) {
          expect(order(list)).toEqual(order(list).slice().sort((a, b) => a - b));
        }
        for (const id of ids) {
          const bucket = result.succeeded.includes(id) ? 'succeeded' : result.unknown.includes(id) ? 'unknown' : 'failed';
          expect([id, bucket]).toEqual([id, expected.get(id)]);
        }
        expect(calls).toBe(Math.ceil(n / chunkSize));
        expect(maxInFlight).toBeLessThanOrEqual(concurrency);
        expect(result.requested).toBe(n);
        expect(result.ok).toBe(result.failed.length === 0 && result.unknown.length === 0);
        expect(progress).toHaveLength(calls);
        const last = progress.at(-1) ?? { total: n, done: 0, succeeded: 0, failed: 0, unknown: 0 };
        expect(last).toEqual({ total: n, done: n, succeeded: result.succeeded.length, failed: result.failed.length, unknown: result.unknown.length });
        progress.forEach((p, i) => {
          expect(p.succeeded + p.failed + p.unknown).toBe(p.done);
          if (i > 0) expect(p.done).toBeGreaterThan(progress[i - 1]!.done);
        });
      },
    ), { numRuns: 1000 });
  });
});

describe('abort between chunks (property)', () => {
  it('remaining ids fail with ABORTED, completed chunks are still reported, nothing more is sent', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 3 }), fc.nat(10),
      async (n, chunkSize, concurrency, abortAfter) => {
        const ids = Array.from({ length: n }, (_, i) => `id-${i}`);
        const controller = new AbortController();
        const sent: string[] = [];
        let calls = 0;
        const result = await runBatch({
          provider: 't', ids, chunkSize, concurrency, signal: controller.signal,
          send: async (chunkIds) => {
            calls += 1;
            if (calls > abortAfter) controller.abort();
            await pause(2);
            sent.push(...chunkIds);
            return { succeeded: chunkIds, failed: [], unknown: [] };
          },
        });
        const chunks = Math.ceil(n / chunkSize);
        expect(calls).toBeLessThanOrEqual(Math.min(chunks, abortAfter + concurrency));
        expect(result.succeeded).toEqual(sent.slice().sort((a, b) => ids.indexOf(a) - ids.indexOf(b)));
        expect(result.unknown).toEqual([]);
        const notSent = ids.filter((id) => !sent.includes(id));
        expect(result.failed.map((f) => f.id)).toEqual(notSent);
        result.failed.forEach((f) => expect(f.code).toBe('ABORTED'));
      },
    ), { numRuns: 1000 });
  });

  it('an already-aborted signal sends nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    let calls = 0;
    const result = await runBatch({
      provider: 't', ids: ['a', 'b', 'c'], chunkSize: 2, concurrency: 2, signal: controller.signal,
      send: async () => { calls += 1; return { succeeded: [], failed: [], unknown: [] }; },
    });
    expect(calls).toBe(0);
    expect(result.failed).toEqual(['a', 'b', 'c'].map((id) => ({ id, reason: 'not sent: the batch was aborted', code: 'ABORTED' })));
  });
});

describe('fixed scenarios', () => {
  it('n = 0 sends nothing and is ok', async () => {
    let calls = 0;
    const result = await runBatch({ provider: 't', ids: [], chunkSize: 100, concurrency: 4, send: async () => { calls += 1; return { succeeded: [], failed: [], unknown: [] }; } });
    expect(calls).toBe(0);
    expect(result).toMatchObject({ requested: 0, ok: true, succeeded: [], failed: [], unknown: [] });
  });

  it.each([0, 1, 2, 3, 4])('chunk %i of 5 fails with a 500: only its ids are unknown', async (k) => {
    const ids = Array.from({ length: 50 }, (_, i) => `id-${i}`);
    let index = 0;
    const result = await runBatch({
      provider: 't', ids, chunkSize: 10, concurrency: 1,
      send: async (chunkIds) => {
        if (index++ === k) throw new CollectionError({ code: 'PROVIDER_ERROR', provider: 't', status: 500, message: 'boom' });
        return { succeeded: chunkIds, failed: [], unknown: [] };
      },
    });
    expect(result.unknown).toEqual(ids.slice(k * 10, k * 10 + 10));
    expect(result.succeeded).toHaveLength(40);
  });

  it('10 000 ids in chunks of 100: 100 calls, all accounted for', async () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `media_${i}`);
    let calls = 0;
    const result = await runBatch({
      provider: 't', ids, chunkSize: 100, concurrency: 4,
      send: async (chunkIds) => { calls += 1; return { succeeded: chunkIds.filter((_, i) => i % 10 !== 0), failed: chunkIds.filter((_, i) => i % 10 === 0).map((id) => ({ id, reason: 'media not found', code: 'not_found' })), unknown: [] }; },
    });
    expect(calls).toBe(100);
    expect(result.succeeded.length + result.failed.length).toBe(10_000);
    expect(result.failed[0]).toEqual({ id: 'media_0', reason: 'media not found', code: 'not_found' });
  });

  it('vendor per-item failures keep the vendor reason; a repeated failure is not a contradiction', async () => {
    const result = await runBatch({
      provider: 't', ids: ['a', 'b', 'c'], chunkSize: 3, concurrency: 1,
      send: async () => ({
        succeeded: ['a'],
        failed: [{ id: 'b', reason: 'locked', code: 'LOCKED' }, { id: 'b', reason: 'locked again', code: 'LOCKED' }, { id: 'c', reason: 'x' }],
        unknown: [],
        moved: 1, alreadyInCollection: 0, raw: { vendor: true },
      }),
    });
    expect(result.failed).toEqual([{ id: 'b', reason: 'locked', code: 'LOCKED' }, { id: 'c', reason: 'x' }]);
    expect(result).toMatchObject({ succeeded: ['a'], moved: 1, alreadyInCollection: 0, raw: [{ vendor: true }] });
  });

  it('a progress callback that throws does not lose the result', async () => {
    const result = await runBatch({
      provider: 't', ids: ['a', 'b'], chunkSize: 1, concurrency: 1,
      onProgress: () => { throw new Error('ui bug'); },
      send: async (chunkIds) => ({ succeeded: chunkIds, failed: [], unknown: [] }),
    });
    expect(result.succeeded).toEqual(['a', 'b']);
  });
});
