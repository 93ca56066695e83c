import { describe, expect, it } from '@jest/globals';
import { useNock } from '../../support/use-nock.js';
import {
  DELETE_COLLECTION_BODY, GET_COLLECTION_BODY, LIST_COLLECTIONS_BODY, seedError,
} from './fixtures.js';
import { rejectionOf, trapEveryRequest, vendor, wickson } from './helpers.js';

useNock();

describe('wickson listCollections', () => {
  it('GETs /v1/media/collections and returns one Collection per name (seed example)', async () => {
    const scope = vendor().get('/v1/media/collections').reply(200, LIST_COLLECTIONS_BODY);
    const collections = await wickson().listCollections();
    expect(scope.isDone()).toBe(true);
    expect(collections.map((c) => c.id)).toEqual(['default', 'research_papers', 'product_images', 'training_videos']);
    expect(collections[0]).toEqual({
      provider: 'wickson',
      id: 'default',
      name: 'default',
      isDefault: true,
      itemCount: 45,
      createdAt: new Date('2024-12-01T15:30:45Z'),
      raw: { collection_id: 'default', details: { item_count: 45, created_at: '2024-12-01T15:30:45Z' } },
    });
    expect(collections[1]).toMatchObject({ id: 'research_papers', isDefault: false, itemCount: 17 });
    expect(collections[3]?.createdAt?.toISOString()).toBe('2025-03-01T14:40:12.000Z');
  });

  it('tolerates a missing details entry, nulls and invalid dates', async () => {
    vendor().get('/v1/media/collections').reply(200, {
      success: true,
      data: {
        collections: ['a', 'b', 'c'],
        collection_details: { a: { item_count: null, created_at: 'not a date' }, b: null, extra: { item_count: 1 } },
      },
    });
    const [a, b, c] = await wickson().listCollections();
    expect(a).toEqual({ provider: 'wickson', id: 'a', name: 'a', isDefault: false, raw: { collection_id: 'a', details: { item_count: null, created_at: 'not a date' } } });
    expect(a?.createdAt).toBeUndefined();
    expect(b?.itemCount).toBeUndefined();
    expect(c?.raw).toEqual({ collection_id: 'c', details: undefined });
  });

  it('answers INVALID_RESPONSE for a 200 without a collections array', async () => {
    vendor().get('/v1/media/collections').reply(200, { success: true, data: { total_collections: 1 } });
    const error = await rejectionOf(wickson().listCollections());
    expect(error.code).toBe('INVALID_RESPONSE');
  });
});

describe('wickson getCollection', () => {
  it('GETs /v1/media/collections/{id} and maps stats', async () => {
    const scope = vendor().get('/v1/media/collections/research_papers').reply(200, GET_COLLECTION_BODY);
    const collection = await wickson().getCollection('research_papers');
    expect(scope.isDone()).toBe(true);
    expect(collection).toEqual({
      provider: 'wickson',
      id: 'research_papers',
      name: 'research_papers',
      isDefault: false,
      itemCount: 17,
      createdAt: new Date('2025-01-15T10:22:33Z'),
      updatedAt: new Date('2025-03-09T12:34:56Z'),
      raw: GET_COLLECTION_BODY,
    });
  });

  it('percent-encodes the id as one path segment', async () => {
    const scope = vendor().get('/v1/media/collections/my%20papers%3F%23').reply(200, {
      success: true, data: { collection_id: 'my papers?#', stats: { item_count: 0, first_item_date: null, last_item_date: null } },
    });
    const collection = await wickson().getCollection('my papers?#');
    expect(scope.isDone()).toBe(true);
    expect(collection.itemCount).toBe(0);
    expect(collection.createdAt).toBeUndefined();
    expect(collection.updatedAt).toBeUndefined();
  });

  it('maps 404 COLLECTION_NOT_FOUND to NOT_FOUND without retrying', async () => {
    const scope = vendor().get('/v1/media/collections/missing')
      .reply(404, seedError('COLLECTION_NOT_FOUND', 'Collection not found', 'req_404'));
    const error = await rejectionOf(wickson().getCollection('missing'));
    expect(scope.isDone()).toBe(true);
    expect(error).toMatchObject({
      name: 'CollectionError', code: 'NOT_FOUND', provider: 'wickson', status: 404,
      vendorCode: 'COLLECTION_NOT_FOUND', requestId: 'req_404', attempts: 1, retryable: false,
    });
    expect(error.message).toBe('Wickson: Collection not found (COLLECTION_NOT_FOUND): error details');
  });
});

describe('wickson createCollection', () => {
  it('is UNSUPPORTED and sends nothing', async () => {
    const trap = trapEveryRequest();
    const client = wickson();
    expect(client.capabilities.createCollection).toBe(false);
    const error = await rejectionOf(client.createCollection({ name: 'new_one' }));
    expect(error.code).toBe('UNSUPPORTED');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/implicitly when items are added.*addItems/);
    expect(trap.count()).toBe(0);
  });
});

describe('wickson deleteCollection', () => {
  it('DELETEs /v1/media/collections/{id} and reports counts (seed example)', async () => {
    const scope = vendor().delete('/v1/media/collections/research_papers').reply(200, DELETE_COLLECTION_BODY);
    const result = await wickson().deleteCollection('research_papers');
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({
      provider: 'wickson',
      collectionId: 'research_papers',
      deletedItems: 17,
      deletedVectors: { hd: 17, ld: 17 },
      raw: DELETE_COLLECTION_BODY,
    });
  });

  it('refuses "default" with PROTECTED_COLLECTION before any request', async () => {
    const trap = trapEveryRequest();
    const error = await rejectionOf(wickson().deleteCollection('default'));
    expect(error.code).toBe('PROTECTED_COLLECTION');
    expect(error.status).toBeUndefined();
    expect(trap.count()).toBe(0);
  });

  it('maps a vendor 400 CANNOT_DELETE_DEFAULT to PROTECTED_COLLECTION', async () => {
    vendor().delete('/v1/media/collections/Default')
      .reply(400, seedError('CANNOT_DELETE_DEFAULT', 'The default collection cannot be deleted'));
    const error = await rejectionOf(wickson().deleteCollection('Default'));
    expect(error).toMatchObject({ code: 'PROTECTED_COLLECTION', status: 400, vendorCode: 'CANNOT_DELETE_DEFAULT', attempts: 1 });
  });

  it('throws NOT_FOUND for a 404 on the first attempt', async () => {
    vendor().delete('/v1/media/collections/gone').reply(404, seedError('COLLECTION_NOT_FOUND', 'Collection not found'));
    const error = await rejectionOf(wickson().deleteCollection('gone'));
    expect(error).toMatchObject({ code: 'NOT_FOUND', attempts: 1 });
  });

  it('treats a 404 on a retry as already deleted (the lost first answer deleted it)', async () => {
    const scope = vendor()
      .delete('/v1/media/collections/research_papers').reply(503, seedError('PROCESSING_ERROR', 'Error during deletion processing'))
      .delete('/v1/media/collections/research_papers').reply(404, seedError('COLLECTION_NOT_FOUND', 'Collection not found', 'req_retry'));
    const result = await wickson().deleteCollection('research_papers');
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({
      provider: 'wickson',
      collectionId: 'research_papers',
      raw: { alreadyDeleted: true, status: 404, vendorCode: 'COLLECTION_NOT_FOUND', requestId: 'req_retry', attempts: 2 },
    });
    expect(result.deletedItems).toBeUndefined();
  });

  it('leaves deletedVectors out when the vendor reports only half of the pair', async () => {
    vendor().delete('/v1/media/collections/x').reply(200, {
      success: true, data: { collection_id: 'x', deleted_items: 2, storage_info: { deleted_vectors: { hd: 2, ld: null } } },
    });
    const result = await wickson().deleteCollection('x');
    expect(result.deletedItems).toBe(2);
    expect(result.deletedVectors).toBeUndefined();
  });
});

describe('wickson capabilities', () => {
  it('tells the truth about the vendor', () => {
    expect(wickson().capabilities).toEqual({
      createCollection: false,
      membership: 'exclusive',
      defaultConcurrency: 8,
      deleteCascadesItems: true,
      deleteCollectionReturns: 'counts',
      maxAddBatch: 1000,
      maxDeleteBatch: 100,
      maxPageSize: 100,
      protectedCollectionId: 'default',
      membershipWrites: 'atomic',
      missingItemFailsAddRequest: true,
      addCreatesCollection: true,
      removeItems: 'move-to-default',
      updateCollection: false,
      getItem: true,
    });
  });
});
