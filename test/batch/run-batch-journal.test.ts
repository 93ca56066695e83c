import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { ChunkOutcome } from '../../src/batch/chunk-outcome.js';
import { runBatch } from '../../src/batch/run-batch.js';
import { CollectionError, markNotSent } from '../../src/errors.js';
import { foldRecords } from '../../src/jobs/job-state.js';
import type { JournalAppender } from '../../src/jobs/journal-file.js';
import type { JournalRecord } from '../../src/jobs/journal-records.js';

// Promise 13 at the batch runner: a chunk is on disk as sent before it is sent; its outcome is
// on disk before its slot sends another; the journal says what the result says; and a journal
// that cannot be written stops the batch without losing an outcome that was already known.

type Kind = 'ok' | 'per-item-failure' | '500' | '429' | '404' | 'refused-connection';
const KINDS: Kind[] = ['ok', 'per-item-failure', '500', '429', '404', 'refused-connection'];

function answer(kind: Kind, ids: string[]): ChunkOutcome {
  const error = (init: ConstructorParameters<typeof CollectionError>[0]) => new CollectionError(init);
  switch (kind) {
    case 'ok': return { succeeded: ids, failed: [], unknown: [] };
    case 'per-item-failure': return { succeeded: ids.slice(1), failed: ids.slice(0, 1).map((id) => ({ id, reason: 'not_found' })), unknown: [] };
    case '500': throw error({ code: 'PROVIDER_ERROR', provider: 't', status: 500, message: 'oops' });
    case '429': throw error({ code: 'RATE_LIMITED', provider: 't', status: 429, message: 'slow down' });
    case '404': throw error({ code: 'NOT_FOUND', provider: 't', status: 404, message: 'gone' });
    case 'refused-connection': throw markNotSent(error({ code: 'NETWORK', provider: 't', message: 'ECONNREFUSED' }));
  }
}

/** Where the journal leaves each id of a chunk of this kind. */
function expectedState(kind: Kind, index: number): string {
  if (kind === 'ok') return 'succeeded';
  if (kind === 'per-item-failure') return index === 0 ? 'failed' : 'succeeded';
  if (kind === '500') return 'unknown';
  if (kind === '404') return 'failed';
  return 'unsent';
}

const ticks = async (n: number) => {
  for (let i = 0; i < n; i += 1) await Promise.resolve();
};

describe('runBatch with a journal (property)', () => {
  it('records each chunk before sending it and its outcome before its slot sends again; the journal folds to the result', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 4 }),
      fc.array(fc.constantFrom(...KINDS), { minLength: 1, maxLength: 8 }), fc.array(fc.nat(4), { minLength: 1, maxLength: 8 }),
      fc.option(fc.nat(12), { nil: undefined }),
      async (n, chunkSize, concurrency, kinds, delays, failAt) => {
        const ids = Array.from({ length: n }, (_, i) => `id-${i}`);
        const durable: JournalRecord[] = [];
        let appends = 0;
        const journal: JournalAppender = {
          async append(records) {
            const call = appends;
            appends += 1;
            await ticks(delays[call % delays.length]!);
            if (failAt !== undefined && call >= failAt) {
              throw new Error('ENOSPC: no space left on device, write');
            }
            durable.push(...records);
          },
        };
        const recorded = (chunk: string[], type: JournalRecord['type']) => durable.some((r) =>
          r.type === type && 'ids' in r && r.ids[0] === chunk[0]);
        const outcomeRecorded = (chunk: string[]) => durable.some((r) =>
          (r.type === 'settled' && [...r.succeeded, ...r.failed.map((f) => f.id), ...r.unknown].includes(chunk[0]!))
          || (r.type === 'unsent' && r.ids.includes(chunk[0]!)));
        let sends = 0;
        let inFlight = 0;
        const answered: string[][] = [];
        const expected = new Map<string, string>();
        const result = await runBatch({
          provider: 't', ids, chunkSize, concurrency, journal,
          send: async (chunk) => {
            // Sent only once the journal holds it (so never a chunk started after the journal failed).
            expect(recorded(chunk, 'sent')).toBe(true);
            const unrecorded = answered.filter((c) => !outcomeRecorded(c)).length;
            expect(inFlight + 1 + unrecorded).toBeLessThanOrEqual(concurrency);
            if (concurrency === 1) expect(unrecorded).toBe(0);
            const kind = kinds[sends % kinds.length]!;
            sends += 1;
            inFlight += 1;
            try {
              await ticks(delays[sends % delays.length]!);
              chunk.forEach((id, i) => expected.set(id, expectedState(kind, i)));
              return answer(kind, chunk);
            } finally {
              inFlight -= 1;
              answered.push(chunk);
            }
          },
        });

        const all = [...result.succeeded, ...result.failed.map((f) => f.id), ...result.unknown];
        expect(all.sort()).toEqual([...ids].sort());
        const bucket = (id: string) => (result.succeeded.includes(id) ? 'succeeded' : result.unknown.includes(id) ? 'unknown' : 'failed');
        const state = foldRecords(durable, new Set(ids)).ids;
        for (const id of ids) {
          const answer = expected.get(id);
          if (answer === undefined) {
            // Never sent: only because the journal failed, and the result says so.
            expect(failAt).toBeDefined();
            expect(result.failed.find((f) => f.id === id)).toMatchObject({ code: 'ABORTED', reason: expect.stringMatching(/journal could not be written \(ENOSPC/) });
            continue;
          }
          // An outcome that was known is never lost, whatever the journal did.
          expect(bucket(id)).toBe(answer === 'unsent' ? 'failed' : answer);
          if (failAt === undefined) expect(state.get(id)?.kind).toBe(answer);
        }
      },
    ), { numRuns: 400 });
  });

  it('an abort while the sent record is written sends nothing more, and the journal marks that chunk unsent', async () => {
    const controller = new AbortController();
    const durable: JournalRecord[] = [];
    let sent = 0;
    const result = await runBatch({
      provider: 't', ids: ['a', 'b', 'c'], chunkSize: 1, concurrency: 1, signal: controller.signal,
      journal: {
        async append(records) {
          if (records.some((r) => r.type === 'sent' && r.ids[0] === 'b')) controller.abort();
          durable.push(...records);
        },
      },
      send: async (chunk) => {
        sent += 1;
        return { succeeded: chunk, failed: [], unknown: [] };
      },
    });
    expect(sent).toBe(1);
    expect(result.succeeded).toEqual(['a']);
    expect(result.failed.map((f) => [f.id, f.code])).toEqual([['b', 'ABORTED'], ['c', 'ABORTED']]);
    expect(foldRecords(durable, new Set(['a', 'b', 'c'])).ids).toEqual(new Map([['a', { kind: 'succeeded' }], ['b', { kind: 'unsent' }]]));
  });
});
