import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { useNock } from '../../support/use-nock.js';
import { ADD_ITEMS_BODY, ADD_ITEMS_IDS, addItemsOk, makeIds, seedError } from './fixtures.js';
import { jsonBody, vendor, wickson } from './helpers.js';

useNock();

const JSON_HEADERS = { 'content-type': /^application\/json/ };

describe('wickson addItems', () => {
  it('POSTs {items} to /v1/media/collections/{id}/items (seed example)', async () => {
    const scope = nock('https://api.wickson.ai', { reqheaders: { 'x-api-key': 'test-key-123456', ...JSON_HEADERS } })
      .post('/v1/media/collections/research_papers/items', { items: ADD_ITEMS_IDS })
      .reply(200, ADD_ITEMS_BODY);
    const result = await wickson().addItems('research_papers', ADD_ITEMS_IDS, { createIfMissing: true });
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({
      provider: 'wickson',
      operation: 'addItems',
      collectionId: 'research_papers',
      requested: 3,
      ok: true,
      succeeded: ADD_ITEMS_IDS,
      failed: [],
      unknown: [],
      moved: 2,
      alreadyInCollection: 1,
      raw: [ADD_ITEMS_BODY],
    });
  });

  it('accepts "default" as the target (moves items back)', async () => {
    const scope = vendor().post('/v1/media/collections/default/items', { items: ['doc_1'] })
      .reply(200, addItemsOk('default', ['doc_1']));
    const result = await wickson().addItems('default', ['doc_1'], { createIfMissing: true });
    expect(scope.isDone()).toBe(true);
    expect(result.succeeded).toEqual(['doc_1']);
  });

  it('splits 2500 ids into 3 POSTs of 1000/1000/500 and sums the summaries', async () => {
    const ids = makeIds(2500, 'doc_');
    const sizes: number[] = [];
    const scope = vendor().post('/v1/media/collections/papers/items').times(3).reply(200, async (request: Request) => {
      const { items } = await jsonBody<{ items: string[] }>(request);
      sizes.push(items.length);
      return addItemsOk('papers', items, 10);
    });
    const progress: number[] = [];
    const result = await wickson({ concurrency: 2 }).addItems('papers', ids, { createIfMissing: true, onProgress: (p) => progress.push(p.done) });
    expect(scope.isDone()).toBe(true);
    expect(sizes.sort((a, b) => b - a)).toEqual([1000, 1000, 500]);
    expect(result.ok).toBe(true);
    expect(result.succeeded).toEqual(ids);
    expect(result.moved).toBe(2500 - 30);
    expect(result.alreadyInCollection).toBe(30);
    expect(result.raw).toHaveLength(3);
    expect(progress.sort((a, b) => a - b).at(-1)).toBe(2500);
  });

  it('deduplicates ids and sends none for an empty list', async () => {
    const scope = vendor().post('/v1/media/collections/c/items', { items: ['a1', 'b2'] })
      .reply(200, addItemsOk('c', ['a1', 'b2']));
    const result = await wickson().addItems('c', ['a1', 'b2', 'a1'], { createIfMissing: true });
    expect(scope.isDone()).toBe(true);
    expect(result.requested).toBe(2);
    const empty = await wickson().addItems('c', [], { createIfMissing: true });
    expect(empty).toMatchObject({ requested: 0, ok: true, succeeded: [], raw: [] });
  });

  it('a 404 ITEMS_NOT_FOUND fails only that chunk with NOT_FOUND (atomic: nothing moved)', async () => {
    const ids = makeIds(1500, 'doc_');
    vendor()
      .post('/v1/media/collections/c/items', (b: { items: string[] }) => b.items[0] === 'doc_0000')
      .reply(200, addItemsOk('c', ids.slice(0, 1000)))
      .post('/v1/media/collections/c/items', (b: { items: string[] }) => b.items[0] === 'doc_1000')
      .reply(404, seedError('ITEMS_NOT_FOUND', 'One or more specified items don\'t exist', 'collection_20250311_121530_4a8fb923'));
    const result = await wickson().addItems('c', ids, { createIfMissing: true });
    expect(result.ok).toBe(false);
    expect(result.succeeded).toEqual(ids.slice(0, 1000));
    expect(result.unknown).toEqual([]);
    expect(result.failed).toHaveLength(500);
    expect(result.failed[0]).toEqual({
      id: 'doc_1000',
      code: 'NOT_FOUND',
      reason: 'Wickson: One or more specified items don\'t exist (ITEMS_NOT_FOUND): error details',
    });
  });

  it('a 400 VALIDATION_ERROR fails the chunk with INVALID_INPUT and is not retried', async () => {
    const scope = vendor().post('/v1/media/collections/c/items')
      .reply(400, seedError('VALIDATION_ERROR', 'Invalid request format, empty items list, or invalid collection ID'));
    const result = await wickson().addItems('c', ['x1', 'x2'], { createIfMissing: true });
    expect(scope.isDone()).toBe(true);
    expect(result.failed.map((f) => [f.id, f.code])).toEqual([['x1', 'INVALID_INPUT'], ['x2', 'INVALID_INPUT']]);
  });

  it('a chunk answering 500 STORAGE_ERROR three times is unknown', async () => {
    const scope = vendor().post('/v1/media/collections/c/items').times(3)
      .reply(500, seedError('STORAGE_ERROR', 'Error moving items, transaction failure'));
    const result = await wickson().addItems('c', ['x1', 'x2'], { createIfMissing: true });
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ ok: false, succeeded: [], failed: [], unknown: ['x1', 'x2'] });
  });

  it('does not claim success when the summary does not account for every id', async () => {
    vendor().post('/v1/media/collections/c/items').reply(200, {
      success: true,
      data: { collection_id: 'c', summary: { total: 2, succeeded: 2, failed: 0, already_in_collection: 0, moved: 2 } },
    });
    vendor().post('/v1/media/collections/d/items').reply(200, {
      success: true,
      data: { collection_id: 'd', summary: { total: 3, succeeded: 2, failed: 1, already_in_collection: 0, moved: 2 } },
    });
    vendor().post('/v1/media/collections/e/items').reply(200, {
      success: true,
      data: { collection_id: 'e', summary: { total: 3, succeeded: 3, failed: 1 } },
    });
    const short = await wickson().addItems('c', ['x1', 'x2', 'x3'], { createIfMissing: true });
    expect(short).toMatchObject({ ok: false, succeeded: [], unknown: ['x1', 'x2', 'x3'], moved: 2 });
    const withFailure = await wickson().addItems('d', ['x1', 'x2', 'x3'], { createIfMissing: true });
    expect(withFailure).toMatchObject({ ok: false, succeeded: [], unknown: ['x1', 'x2', 'x3'] });
    // Self-contradictory (all succeeded, one failed): still not a success.
    const contradictory = await wickson().addItems('e', ['x1', 'x2', 'x3'], { createIfMissing: true });
    expect(contradictory).toMatchObject({ ok: false, succeeded: [], unknown: ['x1', 'x2', 'x3'] });
  });

  it('a 200 without a summary is INVALID_RESPONSE, so the chunk is unknown', async () => {
    vendor().post('/v1/media/collections/c/items').reply(200, { success: true, data: { collection_id: 'c' } });
    const result = await wickson().addItems('c', ['x1'], { createIfMissing: true });
    expect(result).toMatchObject({ ok: false, succeeded: [], failed: [], unknown: ['x1'] });
  });
});
