import { describe, expect, it } from '@jest/globals';
import {
  COLLECTION_ID, OTHER_COLLECTION_ID, PERSONS_PATH, olderPersonEnvelope, personDto, personEnvelope, personId,
} from './fixtures.js';
import { collect, rejectionOf, useNock, vendor, verifik } from './helpers.js';

useNock();

function pageQuery(page: number, limit: number): Record<string, string> {
  return { collection: COLLECTION_ID, page: String(page), limit: String(limit) };
}

function persons(from: number, count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => personDto(personId(from + i)));
}

describe('verifik listItems', () => {
  it('follows pagination.pages with the newer envelope and maps each person', async () => {
    const first = persons(1, 2);
    const populated = personDto(personId(3), [{ _id: COLLECTION_ID, name: 'VIP' }, { _id: OTHER_COLLECTION_ID, name: 'Staff' }]);
    const scope = vendor()
      .get(PERSONS_PATH).query(pageQuery(1, 2))
      .reply(200, personEnvelope(first, { pagination: { page: 1, limit: 2, total: 3, pages: 2 } }))
      .get(PERSONS_PATH).query(pageQuery(2, 2))
      .reply(200, personEnvelope([populated], { pagination: { page: 2, limit: 2, total: 3, pages: 2 } }));

    const items = await collect(verifik().listItems(COLLECTION_ID, { pageSize: 2 }));

    expect(scope.isDone()).toBe(true);
    expect(items.map((i) => i.id)).toEqual([personId(1), personId(2), personId(3)]);
    expect(items[0]).toEqual({
      provider: 'verifik', id: personId(1), name: 'Person 0001', collectionIds: [COLLECTION_ID],
      createdAt: new Date('2024-02-01T10:00:00.000Z'), raw: first[0],
    });
    // Populated collection objects become their ids.
    expect(items[2]?.collectionIds).toEqual([COLLECTION_ID, OTHER_COLLECTION_ID]);
  });

  it('stops on pagination.pages even when the last page is full (no extra request)', async () => {
    const scope = vendor()
      .get(PERSONS_PATH).query(pageQuery(1, 2))
      .reply(200, personEnvelope(persons(1, 2), { pagination: { page: 1, limit: 2, total: 2, pages: 1 } }));
    const items = await collect(verifik().listItems(COLLECTION_ID, { pageSize: 2 }));
    expect(scope.isDone()).toBe(true);
    expect(items).toHaveLength(2);
  });

  it('walks 3 pages of the older {success, data} envelope without pagination, ending on the short page', async () => {
    const scope = vendor()
      .get(PERSONS_PATH).query(pageQuery(1, 2)).reply(200, olderPersonEnvelope(persons(1, 2)))
      .get(PERSONS_PATH).query(pageQuery(2, 2)).reply(200, olderPersonEnvelope(persons(3, 2)))
      .get(PERSONS_PATH).query(pageQuery(3, 2)).reply(200, olderPersonEnvelope(persons(5, 1)));
    const items = await collect(verifik().listItems(COLLECTION_ID, { pageSize: 2 }));
    expect(scope.isDone()).toBe(true);
    expect(items.map((i) => i.id)).toEqual([1, 2, 3, 4, 5].map(personId));
  });

  it('ends on an empty page when there is no pagination', async () => {
    const scope = vendor()
      .get(PERSONS_PATH).query(pageQuery(1, 2)).reply(200, olderPersonEnvelope(persons(1, 2)))
      .get(PERSONS_PATH).query(pageQuery(2, 2)).reply(200, olderPersonEnvelope([]));
    const items = await collect(verifik().listItems(COLLECTION_ID, { pageSize: 2 }));
    expect(scope.isDone()).toBe(true);
    expect(items).toHaveLength(2);
  });

  it('stops when a server ignoring `page` repeats the first page', async () => {
    const scope = vendor()
      .get(PERSONS_PATH).query(pageQuery(1, 2)).reply(200, olderPersonEnvelope(persons(1, 2)))
      .get(PERSONS_PATH).query(pageQuery(2, 2)).reply(200, olderPersonEnvelope(persons(1, 2)));
    const items = await collect(verifik().listItems(COLLECTION_ID, { pageSize: 2 }));
    expect(scope.isDone()).toBe(true);
    expect(items.map((i) => i.id)).toEqual([personId(1), personId(2)]);
  });

  it('asks for 100 by default and clamps larger page sizes to 100', async () => {
    const scope = vendor()
      .get(PERSONS_PATH).query(pageQuery(1, 100)).reply(200, personEnvelope(persons(1, 1)))
      .get(PERSONS_PATH).query(pageQuery(1, 100)).reply(200, personEnvelope(persons(1, 1)));
    await collect(verifik().listItems(COLLECTION_ID));
    await collect(verifik().listItems(COLLECTION_ID, { pageSize: 5000 }));
    expect(scope.isDone()).toBe(true);
  });

  it('skips persons flagged deleted but still counts them for the end-of-list decision', async () => {
    const scope = vendor()
      .get(PERSONS_PATH).query(pageQuery(1, 2))
      .reply(200, olderPersonEnvelope([personDto(personId(1), [COLLECTION_ID], { deleted: true }), personDto(personId(2))]))
      .get(PERSONS_PATH).query(pageQuery(2, 2)).reply(200, olderPersonEnvelope([personDto(personId(3))]));
    const items = await collect(verifik().listItems(COLLECTION_ID, { pageSize: 2 }));
    expect(scope.isDone()).toBe(true);
    expect(items.map((i) => i.id)).toEqual([personId(2), personId(3)]);
  });

  it('stops between pages when the signal aborts, without requesting the next page', async () => {
    const controller = new AbortController();
    const scope = vendor()
      .get(PERSONS_PATH).query(pageQuery(1, 2)).reply(200, olderPersonEnvelope(persons(1, 2)));
    const seen: string[] = [];
    const error = await rejectionOf((async () => {
      for await (const item of verifik().listItems(COLLECTION_ID, { pageSize: 2, signal: controller.signal })) {
        seen.push(item.id);
        controller.abort();
      }
    })());
    expect(scope.isDone()).toBe(true);
    expect(seen).toEqual([personId(1), personId(2)]);
    expect(error.code).toBe('ABORTED');
  });

  it('reports a page of the wrong shape as INVALID_RESPONSE', async () => {
    vendor().get(PERSONS_PATH).query(pageQuery(1, 100)).reply(200, personEnvelope({ _id: personId(1) }));
    const error = await rejectionOf(collect(verifik().listItems(COLLECTION_ID)));
    expect(error.code).toBe('INVALID_RESPONSE');
  });
});
