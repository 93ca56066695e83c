import { describe, expect, it } from '@jest/globals';
import {
  COLLECTION_ID, COLLECTIONS_PATH, OTHER_COLLECTION_ID, PERSONS_PATH, THIRD_COLLECTION_ID, collectionDto, personDto,
  personEnvelope, personId,
} from './fixtures.js';
import { rejectionOf, trapEveryRequest, useNock, vendor, verifik } from './helpers.js';

useNock();

const countPage = (total: number) => ({ id: 'R1', data: [], pagination: { page: 1, limit: 1, total, pages: total } });

describe('verifik getItem', () => {
  it('GETs /persons/{_id} and maps the person with its collections', async () => {
    const id = personId(1);
    const scope = vendor().get(`${PERSONS_PATH}/${id}`).reply(200, personEnvelope(personDto(id, [COLLECTION_ID, OTHER_COLLECTION_ID])));
    const item = await verifik().getItem(id);
    expect(scope.isDone()).toBe(true);
    expect(item).toMatchObject({ provider: 'verifik', id, collectionIds: [COLLECTION_ID, OTHER_COLLECTION_ID] });
  });

  it('maps 404 PERSON_NOT_FOUND to NOT_FOUND', async () => {
    const id = personId(2);
    vendor().get(`${PERSONS_PATH}/${id}`).reply(404, { error: 'Person not found', message: 'PERSON_NOT_FOUND' });
    expect((await rejectionOf(verifik().getItem(id))).code).toBe('NOT_FOUND');
  });
});

describe('verifik updateCollection', () => {
  it('PUTs name and description to /collections/{_id}', async () => {
    const scope = vendor().put(`${COLLECTIONS_PATH}/${COLLECTION_ID}`, { name: 'Renamed', description: 'new text' })
      .reply(200, { data: collectionDto({ name: 'Renamed', description: 'new text' }) });
    const updated = await verifik().updateCollection(COLLECTION_ID, { name: 'Renamed', description: 'new text' });
    expect(scope.isDone()).toBe(true);
    expect([updated.name, updated.description]).toEqual(['Renamed', 'new text']);
  });

  it('reads the current name first when only the description changes (the vendor requires name)', async () => {
    const scope = vendor()
      .get(`${COLLECTIONS_PATH}/${COLLECTION_ID}`).reply(200, { data: collectionDto() })
      .put(`${COLLECTIONS_PATH}/${COLLECTION_ID}`, { name: 'VIP', description: 'only this' })
      .reply(200, { data: collectionDto({ description: 'only this' }) });
    expect((await verifik().updateCollection(COLLECTION_ID, { description: 'only this' })).description).toBe('only this');
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ['nothing to change', {}],
    ['an empty name', { name: '  ' }],
    ['a non-string name', { name: 42 }],
  ])('refuses %s before any request', async (_label, input) => {
    const trap = trapEveryRequest();
    expect((await rejectionOf(verifik().updateCollection(COLLECTION_ID, input as never))).code).toBe('INVALID_INPUT');
    expect(trap.count()).toBe(0);
  });
});

describe('verifik removeItems: unlink', () => {
  it('reads each person and PUTs its collections without this one; a non-member is failed with no write', async () => {
    const [a, b] = [personId(10), personId(11)];
    const scope = vendor()
      .get(`${PERSONS_PATH}/${a}`).reply(200, personEnvelope(personDto(a, [COLLECTION_ID, OTHER_COLLECTION_ID])))
      .put(`${PERSONS_PATH}/${a}`, { collections: [OTHER_COLLECTION_ID] }).reply(200, personEnvelope(personDto(a, [OTHER_COLLECTION_ID])))
      .get(`${PERSONS_PATH}/${b}`).reply(200, personEnvelope(personDto(b, [THIRD_COLLECTION_ID])));
    const result = await verifik().removeItems(COLLECTION_ID, [a, b]);
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ requested: 2, ok: false, succeeded: [a], unknown: [] });
    expect(result.moved).toBeUndefined();
    expect(result.failed).toEqual([expect.objectContaining({ id: b, code: 'NOT_FOUND' })]);
  });

  it('never uses DELETE /persons/{id}?collection= (its effect is server-defined)', async () => {
    const a = personId(12);
    const scope = vendor()
      .get(`${PERSONS_PATH}/${a}`).reply(200, personEnvelope(personDto(a, [COLLECTION_ID])))
      .put(`${PERSONS_PATH}/${a}`, { collections: [] }).reply(200, personEnvelope(personDto(a, [])));
    expect((await verifik().removeItems(COLLECTION_ID, [a])).ok).toBe(true);
    expect(scope.isDone()).toBe(true);
  });
});

describe('verifik item counts', () => {
  it('listCollections({ withItemCounts: true }) reads one count per collection; without it, none', async () => {
    const other = collectionDto({ _id: OTHER_COLLECTION_ID, name: 'Other' });
    vendor().get(COLLECTIONS_PATH).reply(200, { data: [collectionDto(), other] });
    const plain = await verifik().listCollections();
    expect(plain.map((c) => c.itemCount)).toEqual([undefined, undefined]);

    const scope = vendor().get(COLLECTIONS_PATH).reply(200, { data: [collectionDto(), other] })
      .get(PERSONS_PATH).query({ collection: COLLECTION_ID, page: '1', limit: '1' }).reply(200, countPage(7))
      .get(PERSONS_PATH).query({ collection: OTHER_COLLECTION_ID, page: '1', limit: '1' }).reply(200, countPage(0));
    const counted = await verifik().listCollections({ withItemCounts: true });
    expect(scope.isDone()).toBe(true);
    expect(counted.map((c) => c.itemCount)).toEqual([7, 0]);
  });

  it('a count page without pagination.total leaves itemCount unknown rather than guessed', async () => {
    vendor().get(`${COLLECTIONS_PATH}/${COLLECTION_ID}`).reply(200, { data: collectionDto() })
      .get(PERSONS_PATH).query(true).reply(200, { success: true, data: [] });
    expect((await verifik().getCollection(COLLECTION_ID)).itemCount).toBeUndefined();
  });
});
