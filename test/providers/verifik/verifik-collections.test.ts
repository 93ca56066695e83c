import { describe, expect, it } from '@jest/globals';
import {
  COLLECTION_ID, COLLECTIONS_PATH, PERSONS_PATH, OTHER_COLLECTION_ID, SEED_DELETE_RESPONSE, collectionDto,
} from './fixtures.js';
import { TOKEN, rejectionOf, useNock, vendor, verifik } from './helpers.js';

useNock();

describe('verifik listCollections', () => {
  it('GETs /collections with the bearer token and maps each record, keeping the vendor object', async () => {
    const live = collectionDto();
    const other = collectionDto({ _id: OTHER_COLLECTION_ID, code: null, name: 'Staff', description: 'team', updatedAt: 'not a date' });
    const scope = vendor().get(COLLECTIONS_PATH).reply(200, { data: [live, other] });

    const collections = await verifik().listCollections();

    expect(scope.isDone()).toBe(true);
    expect(collections).toEqual([
      {
        provider: 'verifik', id: COLLECTION_ID, name: 'VIP', description: '', engineId: 'd96db430-27d2-4f43-bcff-c4b239ac6d2e',
        createdAt: new Date('2024-01-30T20:16:34.841Z'), updatedAt: new Date('2024-01-30T20:16:34.841Z'),
        isDefault: false, raw: live,
      },
      {
        provider: 'verifik', id: OTHER_COLLECTION_ID, name: 'Staff', description: 'team',
        createdAt: new Date('2024-01-30T20:16:34.841Z'), isDefault: false, raw: other,
      },
    ]);
    // An unparseable date is left out, never an Invalid Date; there is no item count on Verifik.
    expect(collections[1]?.updatedAt).toBeUndefined();
    expect(collections[0]?.itemCount).toBeUndefined();
    // raw is the untouched vendor object, including fields the schema does not read.
    expect((collections[0]?.raw as { client: string }).client).toBe('6158e492dd0767a2b8b3f829');
  });

  it('leaves out records flagged deleted', async () => {
    const scope = vendor().get(COLLECTIONS_PATH)
      .reply(200, { data: [collectionDto({ deleted: true }), collectionDto({ _id: OTHER_COLLECTION_ID })] });
    const collections = await verifik().listCollections();
    expect(scope.isDone()).toBe(true);
    expect(collections.map((c) => c.id)).toEqual([OTHER_COLLECTION_ID]);
  });

  it('reports a body of the wrong shape as INVALID_RESPONSE', async () => {
    vendor().get(COLLECTIONS_PATH).reply(200, { data: { _id: COLLECTION_ID } });
    const error = await rejectionOf(verifik().listCollections());
    expect(error.code).toBe('INVALID_RESPONSE');
  });
});

describe('verifik getCollection', () => {
  it('GETs /collections/{_id} and maps data, with itemCount from one person page of size 1', async () => {
    const scope = vendor().get(`${COLLECTIONS_PATH}/${COLLECTION_ID}`).reply(200, { data: collectionDto() })
      .get(PERSONS_PATH).query({ collection: COLLECTION_ID, page: '1', limit: '1' })
      .reply(200, { id: 'R1', data: [], pagination: { page: 1, limit: 1, total: 42, pages: 42 } });
    const collection = await verifik().getCollection(COLLECTION_ID);
    expect(scope.isDone()).toBe(true);
    expect(collection.itemCount).toBe(42);
    expect(collection.id).toBe(COLLECTION_ID);
    expect(collection.engineId).toBe('d96db430-27d2-4f43-bcff-c4b239ac6d2e');
    expect(collection.raw).toEqual(collectionDto());
  });

  it('maps 404 invalid_collection to NOT_FOUND after one request', async () => {
    const scope = vendor().get(`${COLLECTIONS_PATH}/${COLLECTION_ID}`).reply(404, { message: 'invalid_collection', code: 'ERROR' });
    const error = await rejectionOf(verifik().getCollection(COLLECTION_ID));
    expect(scope.isDone()).toBe(true);
    expect(error).toMatchObject({ code: 'NOT_FOUND', status: 404, vendorCode: 'invalid_collection', attempts: 1 });
  });

  it('reports a record flagged deleted as NOT_FOUND, like the list hides it', async () => {
    vendor().get(`${COLLECTIONS_PATH}/${COLLECTION_ID}`).reply(200, { data: collectionDto({ deleted: true }) });
    const error = await rejectionOf(verifik().getCollection(COLLECTION_ID));
    expect(error.code).toBe('NOT_FOUND');
  });
});

describe('verifik createCollection', () => {
  it('POSTs {name, description} and maps the created record', async () => {
    const created = collectionDto({ name: 'VIP', description: 'front desk' });
    const scope = vendor().post(COLLECTIONS_PATH, { name: 'VIP', description: 'front desk' }).reply(200, { data: created });
    const collection = await verifik().createCollection({ name: '  VIP ', description: 'front desk' });
    expect(scope.isDone()).toBe(true);
    expect(collection).toMatchObject({ id: COLLECTION_ID, name: 'VIP', description: 'front desk', raw: created });
  });

  it('omits description when none is given', async () => {
    let body: unknown;
    const scope = vendor().post(COLLECTIONS_PATH).reply(async (request: Request) => {
      body = await request.json();
      return [200, { data: collectionDto() }];
    });
    await verifik().createCollection({ name: 'VIP' });
    expect(scope.isDone()).toBe(true);
    expect(body).toEqual({ name: 'VIP' });
  });

  it('never retries a 500: exactly one request, and the error says PROVIDER_ERROR', async () => {
    let hits = 0;
    const scope = vendor().post(COLLECTIONS_PATH).times(3).reply(() => {
      hits += 1;
      return [500, { message: 'internal_error', code: 'ERROR' }];
    });
    const error = await rejectionOf(verifik().createCollection({ name: 'VIP' }));
    expect(hits).toBe(1);
    expect(error).toMatchObject({ code: 'PROVIDER_ERROR', status: 500, attempts: 1 });
    expect(scope.pendingMocks()).toHaveLength(1);
  });

  it('retries a 429 (the server refused it, so nothing was created)', async () => {
    const scope = vendor()
      .post(COLLECTIONS_PATH).reply(429, { message: 'Too many requests' }, { 'retry-after': '0' })
      .post(COLLECTIONS_PATH, { name: 'VIP' }).reply(200, { data: collectionDto() });
    const collection = await verifik().createCollection({ name: 'VIP' });
    expect(scope.isDone()).toBe(true);
    expect(collection.id).toBe(COLLECTION_ID);
  });

  it.each([
    ['no input', undefined],
    ['an empty name', { name: '' }],
    ['a blank name', { name: '   ' }],
    ['a name over 200 characters', { name: 'x'.repeat(201) }],
    ['a non-string name', { name: 42 }],
    ['a non-string description', { name: 'VIP', description: 7 }],
  ])('refuses %s with INVALID_INPUT before any request', async (_label, input) => {
    const error = await rejectionOf(verifik().createCollection(input as never));
    expect(error.code).toBe('INVALID_INPUT');
  });
});

describe('verifik deleteCollection', () => {
  it('DELETEs /collections/{_id} without a body and returns the seed snapshot', async () => {
    let body: unknown = 'unset';
    const scope = vendor().delete(`${COLLECTIONS_PATH}/${COLLECTION_ID}`).reply(async (request: Request) => {
      body = await request.text();
      return [200, SEED_DELETE_RESPONSE];
    });
    const deleted = await verifik().deleteCollection(COLLECTION_ID);
    expect(scope.isDone()).toBe(true);
    expect(body).toBe('');
    expect(deleted).toEqual({
      provider: 'verifik',
      collectionId: COLLECTION_ID,
      snapshot: {
        provider: 'verifik', id: COLLECTION_ID, name: 'Ejemplo Ene 30',
        description: 'default collection for project 65b955fe0577440932c77481',
        engineId: 'd96db430-27d2-4f43-bcff-c4b239ac6d2e',
        createdAt: new Date('2024-01-30T20:16:34.841Z'), updatedAt: new Date('2024-01-30T20:16:34.841Z'),
        isDefault: false, raw: SEED_DELETE_RESPONSE.data,
      },
      raw: SEED_DELETE_RESPONSE,
    });
  });

  it('retries a 503, and a 404 on the retry means the lost first attempt deleted it', async () => {
    const scope = vendor()
      .delete(`${COLLECTIONS_PATH}/${COLLECTION_ID}`).reply(503, 'upstream unavailable')
      .delete(`${COLLECTIONS_PATH}/${COLLECTION_ID}`).reply(404, { message: 'invalid_collection', code: 'ERROR' });
    const deleted = await verifik().deleteCollection(COLLECTION_ID);
    expect(scope.isDone()).toBe(true);
    // The snapshot was in the lost answer: success without it, and `raw` says what was seen.
    expect(deleted).toEqual({
      provider: 'verifik', collectionId: COLLECTION_ID,
      raw: { alreadyDeleted: true, status: 404, vendorCode: 'invalid_collection', requestId: undefined, attempts: 2 },
    });
  });

  it('a 204 No Content still means deleted (no snapshot to report)', async () => {
    const scope = vendor().delete(`${COLLECTIONS_PATH}/${COLLECTION_ID}`).reply(204);
    const deleted = await verifik().deleteCollection(COLLECTION_ID);
    expect(scope.isDone()).toBe(true);
    expect(deleted).toEqual({ provider: 'verifik', collectionId: COLLECTION_ID, raw: null });
  });

  it('a 404 on the first attempt is NOT_FOUND', async () => {
    const scope = vendor().delete(`${COLLECTIONS_PATH}/${COLLECTION_ID}`).reply(404, { message: 'invalid_collection', code: 'ERROR' });
    const error = await rejectionOf(verifik().deleteCollection(COLLECTION_ID));
    expect(scope.isDone()).toBe(true);
    expect(error).toMatchObject({ code: 'NOT_FOUND', attempts: 1 });
  });

  it('sends the token given to the client, not another', async () => {
    const scope = vendor(TOKEN).delete(`${COLLECTIONS_PATH}/${COLLECTION_ID}`).reply(200, SEED_DELETE_RESPONSE);
    await verifik().deleteCollection(COLLECTION_ID);
    expect(scope.isDone()).toBe(true);
  });
});
