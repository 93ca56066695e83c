import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import nock from 'nock';
import { useNock } from '../../support/use-nock.js';
import { addItemsOk, mediaItem, mediaPage, seedError } from './fixtures.js';
import { rejectionOf, trapEveryRequest, vendor, wickson } from './helpers.js';

useNock();

const collectionBody = (id: string, itemCount: number) => ({
  success: true, message: 'ok', data: { collection_id: id, stats: { item_count: itemCount } },
});

describe('wickson getItem', () => {
  it('GETs /v1/media/{media_id} and maps the item with its collection', async () => {
    const scope = vendor().get('/v1/media/doc_1').reply(200, { success: true, message: 'Media item retrieved', data: mediaItem('doc_1', 'papers') });
    const item = await wickson().getItem('doc_1');
    expect(scope.isDone()).toBe(true);
    expect(item).toMatchObject({ provider: 'wickson', id: 'doc_1', collectionIds: ['papers'], type: 'document', name: 'doc_1.pdf' });
    expect(item.raw).toEqual(mediaItem('doc_1', 'papers'));
  });

  it('maps a 404 to NOT_FOUND', async () => {
    vendor().get('/v1/media/nope').reply(404, seedError('MEDIA_NOT_FOUND', 'Media item not found'));
    expect((await rejectionOf(wickson().getItem('nope'))).code).toBe('NOT_FOUND');
  });
});

describe('wickson updateCollection', () => {
  it('is UNSUPPORTED before any request: the id is the name', async () => {
    const trap = trapEveryRequest();
    const error = await rejectionOf(wickson().updateCollection('papers', { name: 'new' }));
    expect([error.code, trap.count()]).toEqual(['UNSUPPORTED', 0]);
    expect(error.message).toMatch(/id is its name/);
    expect(wickson().capabilities.updateCollection).toBe(false);
  });
});

describe('wickson addItems into a collection that may not exist', () => {
  it('reads the target first; a missing one is NOT_FOUND that says the vendor would create it, and nothing is written', async () => {
    const scope = vendor().get('/v1/media/collections/reserch_papers').reply(404, seedError('COLLECTION_NOT_FOUND', 'Collection not found'));
    const error = await rejectionOf(wickson().addItems('reserch_papers', ['doc_1', 'doc_2']));
    expect(scope.isDone()).toBe(true);
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toMatch(/would have created it/);
    expect(error.message).toMatch(/createIfMissing/);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('an existing target gets one read, then the chunked POSTs', async () => {
    const scope = vendor().get('/v1/media/collections/papers').reply(200, collectionBody('papers', 3))
      .post('/v1/media/collections/papers/items', { items: ['doc_1'] }).reply(200, addItemsOk('papers', ['doc_1']));
    const result = await wickson().addItems('papers', ['doc_1']);
    expect(scope.isDone()).toBe(true);
    expect(result.ok).toBe(true);
  });

  it('createIfMissing: true sends the POST without reading first', async () => {
    const scope = vendor().post('/v1/media/collections/brand_new/items', { items: ['doc_1'] }).reply(200, addItemsOk('brand_new', ['doc_1']));
    expect((await wickson().addItems('brand_new', ['doc_1'], { createIfMissing: true })).ok).toBe(true);
    expect(scope.isDone()).toBe(true);
  });
});

describe('wickson removeItems: members move back to default', () => {
  it('refuses "default" itself before any request', async () => {
    const trap = trapEveryRequest();
    const error = await rejectionOf(wickson().removeItems('default', ['doc_1']));
    expect([error.code, trap.count()]).toEqual(['INVALID_INPUT', 0]);
  });

  it('a small collection is listed once (cheaper than one read per id); only members move', async () => {
    const moved: string[][] = [];
    const scope = vendor()
      .get('/v1/media/collections/papers').reply(200, collectionBody('papers', 3))
      .get('/v1/media').query({ collection: 'papers', page: '1', page_size: '100' })
      .reply(200, mediaPage(['doc_1', 'doc_2', 'doc_3'].map((id) => mediaItem(id, 'papers')), 1, 100, 3))
      .post('/v1/media/collections/default/items', (body: { items: string[] }) => {
        moved.push(body.items);
        return true;
      })
      .reply(200, addItemsOk('default', ['doc_1', 'doc_3']));
    const result = await wickson().removeItems('papers', ['doc_1', 'stranger', 'doc_3', 'doc_1']);
    expect(scope.isDone()).toBe(true);
    expect(moved).toEqual([['doc_1', 'doc_3']]);
    expect(result).toMatchObject({ requested: 3, ok: false, succeeded: ['doc_1', 'doc_3'], unknown: [] });
    expect(result.failed).toEqual([{ id: 'stranger', reason: 'not a member of collection papers', code: 'NOT_FOUND' }]);
  });

  it('a large collection is not listed: each id is read once instead (fewest requests)', async () => {
    const scope = vendor()
      .get('/v1/media/collections/big').reply(200, collectionBody('big', 5000))
      .get('/v1/media/doc_1').reply(200, { success: true, data: mediaItem('doc_1', 'big') })
      .get('/v1/media/doc_2').reply(200, { success: true, data: mediaItem('doc_2', 'elsewhere') })
      .get('/v1/media/doc_3').reply(404, seedError('MEDIA_NOT_FOUND', 'Media item not found'))
      .post('/v1/media/collections/default/items', { items: ['doc_1'] }).reply(200, addItemsOk('default', ['doc_1']));
    const result = await wickson().removeItems('big', ['doc_1', 'doc_2', 'doc_3']);
    expect(scope.isDone()).toBe(true);
    expect(result.succeeded).toEqual(['doc_1']);
    expect(result.failed.map((f) => [f.id, f.code])).toEqual([['doc_2', 'NOT_FOUND'], ['doc_3', 'NOT_FOUND']]);
  });

  it('reads min(ids, pages) times for any collection size and id count (property)', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 1, max: 12 }), async (size, n) => {
      const ids = Array.from({ length: n }, (_, i) => `doc_${i}`);
      const pages = Math.max(1, Math.ceil(size / 100));
      // Exactly the cheaper read is expected: nock refuses any request not listed here.
      const scope = vendor().get('/v1/media/collections/c').reply(200, collectionBody('c', size));
      if (pages <= n) scope.get('/v1/media').query(true).reply(200, mediaPage([], 1, 100, 0));
      else for (const id of ids) scope.get(`/v1/media/${id}`).reply(200, { success: true, data: mediaItem(id, 'other') });
      const result = await wickson().removeItems('c', ids);
      expect(scope.isDone()).toBe(true);
      expect(result.failed).toHaveLength(n);
      nock.cleanAll();
    }), { numRuns: 40 });
  });

  it('non-members stay failed when the move of the members ends unknown (5xx three times)', async () => {
    const scope = vendor()
      .get('/v1/media/collections/papers').reply(200, collectionBody('papers', 1))
      .get('/v1/media').query(true).reply(200, mediaPage([mediaItem('doc_1', 'papers')], 1, 100, 1))
      .post('/v1/media/collections/default/items').times(3).reply(503, seedError('PROCESSING_ERROR', 'busy'));
    const result = await wickson().removeItems('papers', ['stranger', 'doc_1']);
    expect(scope.isDone()).toBe(true);
    expect(result.unknown).toEqual(['doc_1']);
    expect(result.failed.map((f) => f.id)).toEqual(['stranger']);
    expect(result.requested).toBe(2);
  });

  it('an item read that does not say its collection falls back to listing the collection', async () => {
    const bare = (id: string) => ({ success: true, data: { id, media_type: 'document' } });
    const scope = vendor()
      .get('/v1/media/collections/big').reply(200, collectionBody('big', 5000))
      .get('/v1/media/doc_1').reply(200, bare('doc_1'))
      .get('/v1/media/doc_2').optionally().reply(200, bare('doc_2'))
      .get('/v1/media').query(true).reply(200, mediaPage([mediaItem('doc_1', 'big')], 1, 100, 1))
      .post('/v1/media/collections/default/items', { items: ['doc_1'] }).reply(200, addItemsOk('default', ['doc_1']));
    const result = await wickson().removeItems('big', ['doc_1', 'doc_2']);
    expect(scope.isDone()).toBe(true);
    expect(result.succeeded).toEqual(['doc_1']);
    expect(result.failed.map((f) => f.id)).toEqual(['doc_2']);
  });

  it('a failed membership read fails every id, sends no write, and does not throw', async () => {
    const scope = vendor().get('/v1/media/collections/papers').times(3).reply(503, seedError('PROCESSING_ERROR', 'busy'));
    const result = await wickson().removeItems('papers', ['doc_1', 'doc_2']);
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ ok: false, succeeded: [], unknown: [] });
    expect(result.failed.map((f) => [f.id, f.code])).toEqual([['doc_1', 'PROVIDER_ERROR'], ['doc_2', 'PROVIDER_ERROR']]);
  });
});

describe('wickson deleteItems: a chunk-level 404 after a lost attempt', () => {
  it('cannot say which of several ids existed: they are unknown, not succeeded', async () => {
    const scope = vendor()
      .delete('/v1/media/batch').reply(502, 'Bad gateway')
      .delete('/v1/media/batch').reply(404, seedError('ITEMS_NOT_FOUND', 'No items found'));
    const result = await wickson().deleteItems(['a1', 'b2']);
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ succeeded: [], failed: [], unknown: ['a1', 'b2'] });
  });
});
