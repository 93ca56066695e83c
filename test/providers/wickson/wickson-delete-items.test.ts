import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { useNock } from '../../support/use-nock.js';
import { BATCH_DELETE_BODY, BATCH_DELETE_IDS, batchDeleteOk, makeIds, seedError } from './fixtures.js';
import { jsonBody, vendor, wickson } from './helpers.js';

useNock();

type DeleteBody = { media_ids: string[]; reason?: string };
const startsWith = (id: string) => (body: DeleteBody) => body.media_ids[0] === id;

describe('wickson deleteItems', () => {
  it('sends DELETE /v1/media/batch with a JSON body {media_ids, reason} (seed example)', async () => {
    const scope = nock('https://api.wickson.ai', {
      reqheaders: { 'x-api-key': 'test-key-123456', 'content-type': /^application\/json/ },
    })
      .delete('/v1/media/batch', { media_ids: BATCH_DELETE_IDS, reason: 'outdated_content' })
      .reply(200, BATCH_DELETE_BODY);
    const result = await wickson().deleteItems(BATCH_DELETE_IDS, { reason: 'outdated_content' });
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({
      provider: 'wickson',
      operation: 'deleteItems',
      requested: 3,
      ok: true,
      succeeded: BATCH_DELETE_IDS,
      failed: [],
      unknown: [],
      deletedVectors: { hd: 3, ld: 3 },
      raw: [BATCH_DELETE_BODY],
    });
  });

  it('omits reason from the body when none is given', async () => {
    const scope = vendor().delete('/v1/media/batch', { media_ids: ['vec-1a'] }).reply(200, batchDeleteOk(['vec-1a']));
    await wickson().deleteItems(['vec-1a']);
    expect(scope.isDone()).toBe(true);
  });

  it('250 ids → exactly 3 DELETEs of 100/100/50 and an honest partition of vendor failures', async () => {
    const ids = makeIds(250);
    const failures = { 'vec-0105': 'not_found', 'vec-0150': 'Media not found', 'vec-0199': 'permission_denied' };
    const sizes: number[] = [];
    const record = async (request: Request) => {
      sizes.push((await jsonBody<DeleteBody>(request)).media_ids.length);
    };
    const scope = vendor()
      .delete('/v1/media/batch', startsWith('vec-0000')).reply(200, async (request: Request) => {
        await record(request);
        return batchDeleteOk(ids.slice(0, 100));
      })
      .delete('/v1/media/batch', startsWith('vec-0100')).reply(200, async (request: Request) => {
        await record(request);
        return batchDeleteOk(ids.slice(100, 200), failures);
      })
      .delete('/v1/media/batch', startsWith('vec-0200')).reply(200, async (request: Request) => {
        await record(request);
        return batchDeleteOk(ids.slice(200));
      });
    const progress: number[] = [];
    const result = await wickson().deleteItems(ids, { reason: 'cleanup', onProgress: (p) => progress.push(p.done) });
    expect(scope.isDone()).toBe(true);
    expect(sizes.sort((a, b) => b - a)).toEqual([100, 100, 50]);
    expect(progress).toHaveLength(3);
    expect(result.requested).toBe(250);
    expect(result.ok).toBe(false);
    expect(result.failed).toEqual([
      { id: 'vec-0105', reason: 'not_found', code: 'NOT_FOUND' },
      { id: 'vec-0150', reason: 'Media not found', code: 'NOT_FOUND' },
      { id: 'vec-0199', reason: 'permission_denied', code: 'permission_denied' },
    ]);
    expect(result.succeeded).toHaveLength(247);
    expect(result.succeeded).not.toContain('vec-0105');
    expect(result.unknown).toEqual([]);
    expect(result.deletedVectors).toEqual({ hd: 247, ld: 247 });
    expect(result.raw).toHaveLength(3);
  });

  it('a chunk answering 500 three times leaves exactly its ids unknown', async () => {
    const ids = makeIds(250);
    let lastChunkAttempts = 0;
    const scope = vendor()
      .delete('/v1/media/batch', startsWith('vec-0000')).reply(200, batchDeleteOk(ids.slice(0, 100)))
      .delete('/v1/media/batch', startsWith('vec-0100')).reply(200, batchDeleteOk(ids.slice(100, 200), { 'vec-0123': 'not_found' }))
      .delete('/v1/media/batch', startsWith('vec-0200')).times(3).reply(() => {
        lastChunkAttempts += 1;
        return [500, seedError('PROCESSING_ERROR', 'Error during deletion processing')];
      });
    const result = await wickson().deleteItems(ids);
    expect(scope.isDone()).toBe(true);
    expect(lastChunkAttempts).toBe(3);
    expect(result.unknown).toEqual(ids.slice(200));
    expect(result.failed).toEqual([{ id: 'vec-0123', reason: 'not_found', code: 'NOT_FOUND' }]);
    expect(result.succeeded).toHaveLength(199);
    expect(result.succeeded.length + result.failed.length + result.unknown.length).toBe(250);
  });

  it('a 400 BATCH_TOO_LARGE fails the chunk with INVALID_INPUT and the vendor message', async () => {
    const scope = vendor().delete('/v1/media/batch')
      .reply(400, seedError('BATCH_TOO_LARGE', 'Maximum 100 media IDs per batch deletion'));
    const result = await wickson().deleteItems(['vec-1a', 'vec-2b']);
    expect(scope.isDone()).toBe(true);
    expect(result.failed).toEqual([
      { id: 'vec-1a', code: 'INVALID_INPUT', reason: 'Wickson: Maximum 100 media IDs per batch deletion (BATCH_TOO_LARGE): error details' },
      { id: 'vec-2b', code: 'INVALID_INPUT', reason: 'Wickson: Maximum 100 media IDs per batch deletion (BATCH_TOO_LARGE): error details' },
    ]);
  });

  it('without deleted.media_ids, trusts counts only when they account for every id', async () => {
    vendor().delete('/v1/media/batch', { media_ids: ['a1', 'b2', 'c3'] }).reply(200, {
      success: true, data: { deleted: { count: 2 }, failed: { count: 1, reasons: { b2: 'not_found' } } },
    });
    const counted = await wickson().deleteItems(['a1', 'b2', 'c3']);
    expect(counted.succeeded).toEqual(['a1', 'c3']);
    expect(counted.failed).toEqual([{ id: 'b2', reason: 'not_found', code: 'NOT_FOUND' }]);
    expect(counted.unknown).toEqual([]);

    vendor().delete('/v1/media/batch', { media_ids: ['a1', 'b2', 'c3'] }).reply(200, {
      success: true, data: { deleted: { count: 1 }, failed: { count: 1, reasons: { b2: 'locked' } } },
    });
    const uncounted = await wickson().deleteItems(['a1', 'b2', 'c3']);
    expect(uncounted.succeeded).toEqual([]);
    expect(uncounted.failed).toEqual([{ id: 'b2', reason: 'locked', code: 'locked' }]);
    expect(uncounted.unknown).toEqual(['a1', 'c3']);
  });

  it('ids the vendor does not mention, or reports both ways, are unknown', async () => {
    vendor().delete('/v1/media/batch').reply(200, {
      success: true,
      data: {
        deleted: { count: 2, media_ids: ['a1', 'b2'], hd_vectors: 2, ld_vectors: 2 },
        failed: { count: 1, media_ids: ['b2'], reasons: { b2: 'not_found' } },
      },
    });
    const result = await wickson().deleteItems(['a1', 'b2', 'c3']);
    expect(result.succeeded).toEqual(['a1']);
    expect(result.unknown).toEqual(['b2', 'c3']);
    expect(result.failed).toEqual([]);
  });

  it('on a retried request, "not found" means an earlier attempt already deleted it', async () => {
    const scope = vendor()
      .delete('/v1/media/batch').reply(502, 'Bad gateway')
      .delete('/v1/media/batch').reply(200, batchDeleteOk(['a1', 'b2'], { b2: 'not_found' }));
    const result = await wickson().deleteItems(['a1', 'b2']);
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ ok: true, succeeded: ['a1', 'b2'], failed: [], unknown: [] });
  });

  it('a failure without a reason still lands in failed with an explanation', async () => {
    vendor().delete('/v1/media/batch').reply(200, {
      success: true, data: { deleted: { count: 0, media_ids: [] }, failed: { count: 1, media_ids: ['a1'], reasons: {} } },
    });
    const result = await wickson().deleteItems(['a1']);
    expect(result.failed).toEqual([{ id: 'a1', reason: 'Wickson reported the item as not deleted (no reason given)' }]);
  });
});
