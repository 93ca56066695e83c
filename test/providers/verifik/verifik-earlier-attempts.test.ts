import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { BASE_URL, COLLECTION_ID, ERROR_CATALOGUE, PERSONS_PATH, personDto, personEnvelope, personId } from './fixtures.js';
import { useNock, vendor, verifik } from './helpers.js';

useNock();

// Issue #6 class 3 on Verifik, where each person is its own request: when an earlier attempt
// may have been carried out (5xx, reset after sending), any refusal the retry gets proves
// nothing about it, so the person is unknown, never failed. A 404 on a retried delete means it
// is gone (succeeded). After a 429 the refusal stands.

type EarlierKind = '500' | '502' | '503' | '504' | 'reset';
const MAY_HAVE_APPLIED: EarlierKind[] = ['500', '502', '503', '504', 'reset'];
/** Every documented refusal except 404 (a retried delete's 404 is success; tested apart). */
const REFUSALS = ERROR_CATALOGUE.filter((row) => row.status >= 400 && row.status < 500 && row.status !== 404);

function earlierAttempt(interceptor: nock.Interceptor, kind: EarlierKind): nock.Scope {
  if (kind === 'reset') return interceptor.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
  return interceptor.reply(Number(kind), { message: 'internal_error', code: 'ERROR' });
}

describe('verifik batches: a refusal after an attempt that may have applied', () => {
  it('deleteItems: every earlier kind × every documented 4xx refusal → unknown', async () => {
    let n = 0;
    for (const kind of MAY_HAVE_APPLIED) {
      for (const refusal of REFUSALS) {
        const id = personId(100 + (n += 1));
        const first = earlierAttempt(nock(BASE_URL).delete(`${PERSONS_PATH}/${id}`), kind);
        vendor().delete(`${PERSONS_PATH}/${id}`).reply(refusal.status, refusal.body);
        const result = await verifik().deleteItems([id]);
        expect(first.isDone()).toBe(true);
        expect({ kind, refusal: refusal.name, unknown: result.unknown, failed: result.failed })
          .toEqual({ kind, refusal: refusal.name, unknown: [id], failed: [] });
        nock.cleanAll();
      }
    }
  });

  it('addItems: a membership write whose retry is refused is unknown (every earlier kind × refusal)', async () => {
    let n = 0;
    for (const kind of MAY_HAVE_APPLIED) {
      for (const refusal of REFUSALS) {
        const id = personId(300 + (n += 1));
        vendor().get(`${PERSONS_PATH}/${id}`).reply(200, personEnvelope(personDto(id, [])));
        const first = earlierAttempt(nock(BASE_URL).put(`${PERSONS_PATH}/${id}`), kind);
        vendor().put(`${PERSONS_PATH}/${id}`).reply(refusal.status, refusal.body);
        const result = await verifik().addItems(COLLECTION_ID, [id]);
        expect(first.isDone()).toBe(true);
        expect({ kind, refusal: refusal.name, unknown: result.unknown, failed: result.failed })
          .toEqual({ kind, refusal: refusal.name, unknown: [id], failed: [] });
        nock.cleanAll();
      }
    }
  });

  it('the same refusals after a 429 stay failed with their code', async () => {
    for (const refusal of REFUSALS) {
      const id = personId(500);
      vendor().delete(`${PERSONS_PATH}/${id}`).reply(429, {}, { 'retry-after': '0' })
        .delete(`${PERSONS_PATH}/${id}`).reply(refusal.status, refusal.body);
      const result = await verifik().deleteItems([id]);
      expect(result.unknown).toEqual([]);
      expect(result.failed).toEqual([expect.objectContaining({ id, code: refusal.code })]);
      nock.cleanAll();
    }
  });
});
