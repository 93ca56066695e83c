import { describe, expect, it } from '@jest/globals';
import { useNock } from '../../support/use-nock.js';
import { makeIds, mediaItem, mediaPage } from './fixtures.js';
import { collect, rejectionOf, trapEveryRequest, vendor, wickson } from './helpers.js';

useNock();

const query = (page: number, pageSize = 100) => ({ collection: 'papers', page: String(page), page_size: String(pageSize) });

describe('wickson listItems', () => {
  it('walks 3 pages of GET /v1/media?collection=…&page=…&page_size=100', async () => {
    const ids = makeIds(237, 'doc_');
    const items = ids.map((id) => mediaItem(id, 'papers'));
    const scope = vendor()
      .get('/v1/media').query(query(1)).reply(200, mediaPage(items.slice(0, 100), 1, 100, 237))
      .get('/v1/media').query(query(2)).reply(200, mediaPage(items.slice(100, 200), 2, 100, 237))
      .get('/v1/media').query(query(3)).reply(200, mediaPage(items.slice(200), 3, 100, 237));
    const result = await collect(wickson().listItems('papers'));
    expect(scope.isDone()).toBe(true);
    expect(result.map((i) => i.id)).toEqual(ids);
    expect(result[0]).toEqual({
      provider: 'wickson',
      id: 'doc_0000',
      type: 'document',
      name: 'doc_0000.pdf',
      createdAt: new Date('2025-01-15T10:22:33Z'),
      collectionIds: ['papers'],
      raw: items[0],
    });
  });

  it('clamps pageSize to 100 and passes a smaller one through', async () => {
    const big = vendor().get('/v1/media').query(query(1, 100)).reply(200, mediaPage([mediaItem('doc_1', 'papers')], 1, 100, 1));
    expect(await collect(wickson().listItems('papers', { pageSize: 500 }))).toHaveLength(1);
    expect(big.isDone()).toBe(true);
    const small = vendor()
      .get('/v1/media').query(query(1, 2)).reply(200, mediaPage([mediaItem('doc_1', 'papers'), mediaItem('doc_2', 'papers')], 1, 2, 3))
      .get('/v1/media').query(query(2, 2)).reply(200, mediaPage([mediaItem('doc_3', 'papers')], 2, 2, 3));
    expect((await collect(wickson().listItems('papers', { pageSize: 2 }))).map((i) => i.id)).toEqual(['doc_1', 'doc_2', 'doc_3']);
    expect(small.isDone()).toBe(true);
  });

  it('without pagination, stops at a short page', async () => {
    const scope = vendor()
      .get('/v1/media').query(query(1, 2)).reply(200, { success: true, data: { items: [mediaItem('a1', 'papers'), mediaItem('b2', 'papers')] } })
      .get('/v1/media').query(query(2, 2)).reply(200, { success: true, data: { items: [mediaItem('c3', 'papers')], pagination: null } });
    const result = await collect(wickson().listItems('papers', { pageSize: 2 }));
    expect(scope.isDone()).toBe(true);
    expect(result.map((i) => i.id)).toEqual(['a1', 'b2', 'c3']);
  });

  it('stops on an empty page even when total_pages claims more', async () => {
    const scope = vendor().get('/v1/media').query(query(1)).reply(200, {
      success: true, data: { items: [], pagination: { page: 1, total_items: 500, total_pages: 5 } },
    });
    expect(await collect(wickson().listItems('papers'))).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it('stops when a server ignoring `page` repeats the previous page', async () => {
    const full = [mediaItem('a1', 'papers'), mediaItem('b2', 'papers')];
    // No pagination and full pages: only the repeated first record shows the loop.
    const scope = vendor().get('/v1/media').query(true).times(2).reply(200, { success: true, data: { items: full } });
    const result = await collect(wickson().listItems('papers', { pageSize: 2 }));
    expect(scope.isDone()).toBe(true);
    expect(result.map((i) => i.id)).toEqual(['a1', 'b2']);
  });

  it('falls back to the listed collection and leaves unknown fields out', async () => {
    vendor().get('/v1/media').query(query(1)).reply(200, mediaPage([{ id: 'doc_x', media_type: null, storage: { created_at: 'garbage' } }], 1, 100, 1));
    const [item] = await collect(wickson().listItems('papers'));
    expect(item).toEqual({ provider: 'wickson', id: 'doc_x', collectionIds: ['papers'], raw: { id: 'doc_x', media_type: null, storage: { created_at: 'garbage' } } });
  });

  it('validates when iteration starts, before any request', async () => {
    const trap = trapEveryRequest();
    const iterable = wickson().listItems('a/b');
    expect(trap.count()).toBe(0);
    const error = await rejectionOf(collect(iterable));
    expect(error.code).toBe('INVALID_INPUT');
    for (const options of [{ pageSize: 0 }, { pageSize: 2.5 }, { timeoutMs: -1 }]) {
      expect((await rejectionOf(collect(wickson().listItems('papers', options)))).code).toBe('INVALID_INPUT');
    }
    expect(trap.count()).toBe(0);
  });

  it('an abort between pages stops with ABORTED and sends no further request', async () => {
    const controller = new AbortController();
    const scope = vendor().get('/v1/media').query(query(1, 1)).reply(200, mediaPage([mediaItem('a1', 'papers')], 1, 1, 3));
    const trap = trapEveryRequest();
    const seen: string[] = [];
    const error = await rejectionOf((async () => {
      for await (const item of wickson().listItems('papers', { pageSize: 1, signal: controller.signal })) {
        seen.push(item.id);
        controller.abort();
      }
    })());
    expect(scope.isDone()).toBe(true);
    expect(seen).toEqual(['a1']);
    expect(error.code).toBe('ABORTED');
    expect(trap.count()).toBe(0);
  });
});
