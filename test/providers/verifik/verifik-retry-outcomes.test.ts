import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import {
  BASE_URL, COLLECTIONS_PATH, COLLECTION_ID, PERSONS_PATH, collectionDto, personDto, personEnvelope, personId,
} from './fixtures.js';
import { rejectionOf, useNock, vendor, verifik } from './helpers.js';

useNock();

const NOT_FOUND_BODY = { error: 'Person not found', message: 'PERSON_NOT_FOUND' };
const INTERNAL = { message: 'internal_error', code: 'ERROR' };

describe('verifik: outcomes after retries', () => {
  it('deleteItems: 429 then 404 stays failed (nothing of ours deleted it)', async () => {
    const id = personId(1);
    vendor().delete(`${PERSONS_PATH}/${id}`).reply(429, {}, { 'retry-after': '0' })
      .delete(`${PERSONS_PATH}/${id}`).reply(404, NOT_FOUND_BODY);
    const result = await verifik().deleteItems([id]);
    expect(result.succeeded).toEqual([]);
    expect(result.failed).toEqual([expect.objectContaining({ id, code: 'NOT_FOUND' })]);
  });

  it('deleteItems: 500 then 404 counts as deleted', async () => {
    const id = personId(2);
    vendor().delete(`${PERSONS_PATH}/${id}`).reply(500, INTERNAL)
      .delete(`${PERSONS_PATH}/${id}`).reply(404, NOT_FOUND_BODY);
    expect((await verifik().deleteItems([id])).succeeded).toEqual([id]);
  });

  it('addItems: a read that fails three times is failed, since nothing was written', async () => {
    const id = personId(3);
    const scope = vendor().get(`${PERSONS_PATH}/${id}`).times(3).reply(503, INTERNAL);
    const result = await verifik().addItems(COLLECTION_ID, [id]);
    expect(scope.isDone()).toBe(true);
    expect([result.failed.map((f) => f.id), result.unknown]).toEqual([[id], []]);
  });

  it('addItems: a write that got a 500, then could not be retried, is unknown', async () => {
    const id = personId(4);
    let calls = 0;
    // The token function works for the read and the first PUT, then throws on the retry.
    const token = () => {
      calls += 1;
      if (calls > 2) throw new Error('token store down');
      return 'test-token-123456';
    };
    const scope = vendor()
      .get(`${PERSONS_PATH}/${id}`).reply(200, personEnvelope(personDto(id, [])))
      .put(`${PERSONS_PATH}/${id}`).reply(500, INTERNAL);
    const result = await verifik({ token }).addItems(COLLECTION_ID, [id]);
    expect(scope.isDone()).toBe(true);
    expect([result.unknown, result.failed]).toEqual([[id], []]);
  });
});

describe('verifik: a create that may have reached the server', () => {
  it('is sent once on a 500 and says it may exist, not retryable', async () => {
    const scope = vendor().post(COLLECTIONS_PATH).reply(500, INTERNAL);
    const error = await rejectionOf(verifik().createCollection({ name: 'VIP' }));
    expect(scope.isDone()).toBe(true);
    expect([error.code, error.retryable, error.attempts]).toEqual(['PROVIDER_ERROR', false, 1]);
    expect(error.message).toMatch(/may have been carried out/);
  });

  it('is retried after a 429 and succeeds', async () => {
    vendor().post(COLLECTIONS_PATH).reply(429, {}, { 'retry-after': '0' })
      .post(COLLECTIONS_PATH).reply(200, { data: collectionDto({ name: 'VIP' }) });
    expect((await verifik().createCollection({ name: 'VIP' })).name).toBe('VIP');
  });

  it('a reset after sending is an error that is not retryable', async () => {
    // nock 15 needs a real Error instance here (a plain object hangs fetch).
    const scope = nock(BASE_URL).post(COLLECTIONS_PATH).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const error = await rejectionOf(verifik().createCollection({ name: 'VIP' }));
    expect(scope.isDone()).toBe(true);
    expect([error.code, error.retryable]).toEqual(['NETWORK', false]);
  });
});
