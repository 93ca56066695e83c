import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import nock from 'nock';
import { useNock } from '../../support/use-nock.js';
import { BASE_URL, batchDeleteOk, seedError } from './fixtures.js';
import { vendor, wickson } from './helpers.js';

useNock();

// Issue #6 class 3: when an earlier attempt of a batch-delete chunk may have been carried out
// (5xx, reset after sending, timeout), whatever per-item refusal the retry answers proves
// nothing about that attempt: those ids are unknown, never failed. "Not found" after it means
// the earlier attempt deleted the item: succeeded. After a 429 (refused, nothing done) the
// retry's per-item reasons stand.

type EarlierKind = '500' | '502' | '503' | '504' | 'reset' | '429';
const MAY_HAVE_APPLIED: EarlierKind[] = ['500', '502', '503', '504', 'reset'];

function earlierAttempt(scope: nock.Interceptor, kind: EarlierKind): nock.Scope {
  if (kind === 'reset') return scope.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
  if (kind === '429') return scope.reply(429, {}, { 'retry-after': '0' });
  return scope.reply(Number(kind), seedError('PROCESSING_ERROR', 'Error during deletion processing'));
}

const NAMED_REASONS = ['access denied', 'does not belong to this API key', 'invalid id', 'permission_denied', 'locked', 'INVALID_MEDIA_IDS'];
const NOT_FOUND_REASONS = ['not_found', 'Media not found', 'does not exist'];
/** Reasons that do not say "not found" (those are settled as deleted, tested apart). */
const otherReason = fc.oneof(
  fc.constantFrom(...NAMED_REASONS),
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.:-]{0,18}( [A-Za-z0-9_.:-]{1,10}){0,2}$/).filter((r) => !/not[\s_-]*found|exist|no\s+such|unknown/i.test(r)),
);

const ids = ['m-001', 'm-002', 'm-003', 'm-004', 'm-005', 'm-006'];

async function deleteWithRetry(kind: EarlierKind, failures: Record<string, string>) {
  const scope = earlierAttempt(nock(BASE_URL).delete('/v1/media/batch'), kind);
  vendor().delete('/v1/media/batch').reply(200, batchDeleteOk(ids, failures));
  const result = await wickson().deleteItems(ids);
  expect(scope.isDone()).toBe(true);
  nock.cleanAll();
  return result;
}

describe('wickson deleteItems: per-item outcomes after an earlier attempt', () => {
  it('any non-"not found" reason after an attempt that may have applied is unknown (every kind, random reasons)', async () => {
    await fc.assert(fc.asyncProperty(
      fc.constantFrom(...MAY_HAVE_APPLIED),
      fc.dictionary(fc.constantFrom(...ids), otherReason, { minKeys: 1 }),
      async (kind, failures) => {
        const result = await deleteWithRetry(kind, failures);
        const refused = Object.keys(failures);
        expect(result.failed).toEqual([]);
        expect([...result.unknown].sort()).toEqual([...refused].sort());
        expect(result.succeeded).toEqual(ids.filter((id) => !refused.includes(id)));
        expect(result.ok).toBe(false);
      },
    ), { numRuns: 60 });
  });

  it('"not found" after an attempt that may have applied is succeeded, beside unknown refusals', async () => {
    for (const kind of MAY_HAVE_APPLIED) {
      for (const notFound of NOT_FOUND_REASONS) {
        const result = await deleteWithRetry(kind, { 'm-002': notFound, 'm-004': 'access denied' });
        expect(result.unknown).toEqual(['m-004']);
        expect(result.failed).toEqual([]);
        expect(result.succeeded).toEqual(ids.filter((id) => id !== 'm-004'));
      }
    }
  });

  it('after a 429 (nothing done) every per-item reason stays failed with the vendor reason', async () => {
    await fc.assert(fc.asyncProperty(
      fc.dictionary(fc.constantFrom(...ids), fc.oneof(otherReason, fc.constantFrom(...NOT_FOUND_REASONS)), { minKeys: 1 }),
      async (failures) => {
        const result = await deleteWithRetry('429', failures);
        expect(result.unknown).toEqual([]);
        expect(result.failed.map((f) => f.id).sort()).toEqual(Object.keys(failures).sort());
        for (const failure of result.failed) expect(failure.reason).toBe(failures[failure.id]);
      },
    ), { numRuns: 40 });
  });
});
