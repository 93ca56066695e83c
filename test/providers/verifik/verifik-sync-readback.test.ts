import { describe, expect, it } from '@jest/globals';
import { COLLECTIONS_PATH, COLLECTION_ID, PERSONS_PATH, collectionDto, personDto, personEnvelope, personId } from './fixtures.js';
import { useNock, vendor, verifik } from './helpers.js';

useNock();

// The docs say `people` reconciles membership "subject to server rules": a 200 proves nothing
// per person. What the sync reports comes from the membership read back after the PUT.

const page = (ids: string[]) => personEnvelope(ids.map((id) => personDto(id, [COLLECTION_ID])), {
  pagination: { page: 1, limit: 100, total: ids.length, pages: ids.length === 0 ? 0 : 1 },
});

describe('verifik syncCollection: a PUT with people, read back', () => {
  it('sends the name and every desired person; an id the server did not apply is failed CONFLICT, never succeeded', async () => {
    const [a, b, c, d, x, y] = [personId(1), personId(2), personId(3), personId(4), personId(5), personId(6)];
    const listing = { collection: COLLECTION_ID, page: '1', limit: '100' };
    const scope = vendor()
      .get(`${COLLECTIONS_PATH}/${COLLECTION_ID}`).reply(200, { data: collectionDto() })
      .get(PERSONS_PATH).query(listing).reply(200, page([x, y]))
      .put(`${COLLECTIONS_PATH}/${COLLECTION_ID}`, { name: 'VIP', people: [a, b, c, d].map((_id) => ({ _id })) })
      .reply(200, { data: collectionDto() })
      // The server kept y and did not take d: "subject to server rules".
      .get(PERSONS_PATH).query(listing).reply(200, page([a, b, c, y]));
    const result = await verifik().syncCollection(COLLECTION_ID, [a, b, c, d]);
    expect(scope.isDone()).toBe(true);
    expect(result.add).toMatchObject({ succeeded: [a, b, c], unknown: [], moved: 3 });
    expect(result.add.failed).toEqual([expect.objectContaining({ id: d, code: 'CONFLICT' })]);
    expect(result.remove).toMatchObject({ succeeded: [x], unknown: [] });
    expect(result.remove.failed).toEqual([expect.objectContaining({ id: y, code: 'CONFLICT' })]);
    expect(result.remove.failed[0]!.reason).toMatch(/read back/);
    expect([result.ok, result.added, result.removed, result.unchanged]).toEqual([false, 3, 1, 0]);
  });

  it('after a 200 that followed a lost attempt, an id not applied is unknown, never failed (the earlier-attempt rule); progress reports once, at the end', async () => {
    const [a, b, x] = [personId(7), personId(8), personId(9)];
    const listing = { collection: COLLECTION_ID, page: '1', limit: '100' };
    const body = { name: 'VIP', people: [a, b].map((_id) => ({ _id })) };
    const scope = vendor()
      .get(`${COLLECTIONS_PATH}/${COLLECTION_ID}`).reply(200, { data: collectionDto() })
      .get(PERSONS_PATH).query(listing).reply(200, page([x]))
      .put(`${COLLECTIONS_PATH}/${COLLECTION_ID}`, body).reply(503, { message: 'internal_error', code: 'ERROR' })
      .put(`${COLLECTIONS_PATH}/${COLLECTION_ID}`, body).reply(200, { data: collectionDto() })
      .get(PERSONS_PATH).query(listing).reply(200, page([a]));
    const reports: unknown[] = [];
    const result = await verifik().syncCollection(COLLECTION_ID, [a, b], { onProgress: (p) => reports.push(p) });
    expect(scope.isDone()).toBe(true);
    expect(result.add).toMatchObject({ succeeded: [a], failed: [], unknown: [b] });
    expect(result.remove).toMatchObject({ succeeded: [x], failed: [], unknown: [] });
    expect(reports).toEqual([{ total: 3, done: 3, succeeded: 2, failed: 0, unknown: 1 }]);
  });

  it('a collection that does not exist is NOT_FOUND before anything is written', async () => {
    const scope = vendor().get(`${COLLECTIONS_PATH}/${COLLECTION_ID}`).reply(404, { message: 'invalid_collection', code: 'ERROR' });
    await expect(verifik().syncCollection(COLLECTION_ID, [personId(1)])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(scope.isDone()).toBe(true);
  });
});
