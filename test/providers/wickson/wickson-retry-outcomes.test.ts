import { describe, expect, it } from '@jest/globals';
import { inspect } from 'node:util';
import { useNock } from '../../support/use-nock.js';
import { batchDeleteOk, DELETE_COLLECTION_BODY, flatRateLimitBody, seedError } from './fixtures.js';
import { rejectionOf, vendor, wickson } from './helpers.js';

useNock();

// "Gone after a retry" may only be claimed when an earlier attempt may have done the work.
// A 429 (refused) before the 404 proves nothing was deleted by us.
const notFoundAfter = (reason: string) => ({
  success: true,
  message: 'Batch deletion completed: 0 deleted, 1 failed',
  data: { deleted: { count: 0, media_ids: [], hd_vectors: 0, ld_vectors: 0 }, failed: { count: 1, media_ids: ['doc_x'], reasons: { doc_x: reason } } },
});

describe('wickson: outcomes after retries', () => {
  it('deleteCollection: 429 then 404 is NOT_FOUND, not a success', async () => {
    const scope = vendor().delete('/v1/media/collections/ghost')
      .reply(429, flatRateLimitBody(0), { 'retry-after': '0' })
      .delete('/v1/media/collections/ghost').reply(404, seedError('COLLECTION_NOT_FOUND', 'Collection not found'));
    const error = await rejectionOf(wickson().deleteCollection('ghost'));
    expect([error.code, error.attempts]).toEqual(['NOT_FOUND', 2]);
    expect(scope.isDone()).toBe(true);
  });

  it('deleteCollection: 500 then 404 means the first attempt deleted it', async () => {
    vendor().delete('/v1/media/collections/papers').reply(500, seedError('PROCESSING_ERROR', 'boom'))
      .delete('/v1/media/collections/papers').reply(404, seedError('COLLECTION_NOT_FOUND', 'Collection not found'));
    const deleted = await wickson().deleteCollection('papers');
    expect(deleted).toMatchObject({ collectionId: 'papers', raw: { alreadyDeleted: true } });
    expect(deleted.deletedItems).toBeUndefined();
  });

  it('deleteItems: a not-found after a 429 stays failed', async () => {
    vendor().delete('/v1/media/batch').reply(429, flatRateLimitBody(0), { 'retry-after': '0' })
      .delete('/v1/media/batch').reply(200, notFoundAfter('not_found'));
    const result = await wickson().deleteItems(['doc_x']);
    expect(result.succeeded).toEqual([]);
    expect(result.failed).toEqual([expect.objectContaining({ id: 'doc_x', code: 'NOT_FOUND' })]);
  });

  it('deleteItems: a not-found after a 503 counts as deleted', async () => {
    vendor().delete('/v1/media/batch').reply(503, seedError('PROCESSING_ERROR', 'busy'))
      .delete('/v1/media/batch').reply(200, notFoundAfter('not_found'));
    const result = await wickson().deleteItems(['doc_x']);
    expect([result.ok, result.succeeded]).toEqual([true, ['doc_x']]);
  });

  it('a 5xx carrying the hourly rate-limit headers is retried, not failed fast', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 3600);
    const limits = { 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '998', 'x-ratelimit-reset': reset };
    const scope = vendor().delete('/v1/media/collections/papers').reply(503, seedError('PROCESSING_ERROR', 'busy'), limits)
      .delete('/v1/media/collections/papers').reply(200, DELETE_COLLECTION_BODY, limits);
    expect((await wickson().deleteCollection('papers')).deletedItems).toBe(17);
    expect(scope.isDone()).toBe(true);
  });
});

describe('wickson: a key read from a file', () => {
  const KEY = 'canary-KEY-file-5c1e9d';

  it('is trimmed before use, and an echo of it is redacted everywhere', async () => {
    const scope = vendor(KEY).get('/v1/media/collections/papers')
      .reply(401, seedError('INVALID_API_KEY', `bad key ${KEY}`, `req_${KEY}`));
    const error = await rejectionOf(wickson({ apiKey: `${KEY}\n` }).getCollection('papers'));
    expect(scope.isDone()).toBe(true);
    expect(error.code).toBe('UNAUTHORIZED');
    expect(inspect(error, { depth: 10, showHidden: true }) + JSON.stringify(error)).not.toContain(KEY);
  });

  it('refuses a key with inner whitespace as CONFIG, without quoting it', () => {
    expect(() => wickson({ apiKey: 'two words-key' })).toThrow(/characters not allowed in an HTTP header/);
    expect(() => wickson({ apiKey: 'two words-key' })).not.toThrow(/two words/);
  });

  it('keeps an echoed key out of `raw` on a 200 as well', async () => {
    vendor().delete('/v1/media/batch').reply(200, { ...batchDeleteOk(['doc_1']), message: `deleted for ${'test-key-123456'}` });
    const result = await wickson().deleteItems(['doc_1']);
    expect(result.ok).toBe(true);
    expect(inspect(result, { depth: 10 })).not.toContain('test-key-123456');
    expect(JSON.stringify(result.raw)).toContain('[REDACTED]');
  });
});
