import { afterEach, describe, expect, it } from '@jest/globals';
import { VERIFIK_DOC_EXAMPLE_COLLECTION, WICKSON_DOC_EXAMPLE } from 'unified-collections/emulator';
import { VERIFIK, call, emulatorPool } from './helpers.js';

/** The curl/fetch examples from the seed doc pages, with the base URL swapped for the emulator's. */
const pool = emulatorPool();
afterEach(() => pool.closeAll());

const YOUR_API_KEY = 'YOUR_API_KEY';

async function wickson() {
  const emu = await pool.start({ provider: 'wickson', seed: 'demo' });
  return { emu, headers: { 'X-Api-Key': YOUR_API_KEY } };
}

describe('seed doc examples against seed: demo', () => {
  it('List Collections: curl -X GET .../v1/media/collections', async () => {
    const { emu, headers } = await wickson();
    const res = await call(emu.url, 'GET', '/v1/media/collections', { headers });
    expect(res.status).toBe(200);
    expect(res.body.message).toBe('Collections retrieved successfully');
    const { data } = res.body;
    expect(data.collections.slice(0, 4)).toEqual(['default', 'research_papers', 'product_images', 'training_videos']);
    expect(data.collection_details.research_papers.created_at).toBe('2025-01-15T10:22:33Z');
    expect(data.total_collections).toBe(data.collections.length);
    const counts = data.collections.map((id: string) => data.collection_details[id].item_count);
    expect(counts.reduce((a: number, b: number) => a + b, 0)).toBe(300);
  });

  it('Add Items to Collection: the three example ids into research_papers', async () => {
    const { emu, headers } = await wickson();
    const res = await call(emu.url, 'POST', '/v1/media/collections/research_papers/items', {
      headers: { ...headers, 'Content-Type': 'application/json' },
      raw: `{
"items": [
"vec-3f72e4a7b916c054d32a851f",
"doc_eb45a612-7895-52bd-a413-86f321c4e9ab",
"img_9c16d3a5-4287-5319-b614-7a428ed09bcf"
]
}`,
    });
    expect(res.status).toBe(200);
    expect(res.body.message).toBe("3 items successfully moved to collection 'research_papers'");
    expect(res.body.data).toEqual({
      collection_id: 'research_papers',
      summary: { total: 3, succeeded: 3, failed: 0, already_in_collection: 1, moved: 2 },
      items_by_type: { document: 2, image: 1 },
    });
    expect(res.body.metadata).toMatchObject({ operation: 'move_to_collection', collection_id: 'research_papers', item_count: 3 });
    const image = await call(emu.url, 'GET', `/v1/media/${WICKSON_DOC_EXAMPLE.imageInProductImages}`, { headers });
    expect(image.body.data.storage.collection).toBe('research_papers');
  });

  it('Batch Delete: unknown vec- ids come back as failed on a 200', async () => {
    const { emu, headers } = await wickson();
    const res = await call(emu.url, 'DELETE', '/v1/media/batch', {
      headers: { ...headers, 'Content-Type': 'application/json' },
      raw: `{
"media_ids": ["vec-123abc", "vec-456def", "vec-789ghi"],
"reason": "outdated_content"
}`,
    });
    expect(res.status).toBe(200);
    expect(res.body.message).toBe('Batch deletion completed: 0 deleted, 3 failed');
    expect(res.body.data).toEqual({
      deleted: { count: 0, media_ids: [], hd_vectors: 0, ld_vectors: 0 },
      failed: {
        count: 3,
        media_ids: ['vec-123abc', 'vec-456def', 'vec-789ghi'],
        reasons: { 'vec-123abc': 'not_found', 'vec-456def': 'not_found', 'vec-789ghi': 'not_found' },
      },
    });
    expect(res.body.metadata.reason).toBe('outdated_content');
  });

  it('Delete Collection: curl -X DELETE .../v1/media/collections/research_papers', async () => {
    const { emu, headers } = await wickson();
    const before = await call(emu.url, 'GET', '/v1/media/collections/research_papers', { headers });
    const count = before.body.data.stats.item_count;
    expect(count).toBeGreaterThan(0);
    const res = await call(emu.url, 'DELETE', '/v1/media/collections/research_papers', { headers });
    expect(res.body).toEqual({
      success: true,
      message: "Collection 'research_papers' deleted successfully",
      data: { collection_id: 'research_papers', deleted_items: count, storage_info: { deleted_vectors: { hd: count, ld: count } } },
      metadata: { api_version: '1.0.0' },
    });
    const media = await call(emu.url, 'GET', '/v1/media?page_size=100&collection=research_papers', { headers });
    expect(media.body.data.pagination.total_items).toBe(0);
  });

  it('Verifik Delete a Collection: returns the documented snapshot', async () => {
    const emu = await pool.start({ provider: 'verifik', seed: 'demo' });
    const collectionId = '65b9592267cc4f096dbe743d';
    const auth = { Authorization: 'Bearer some.jwt.token' };
    const members = await call(emu.url, 'GET', `${VERIFIK}/persons?collection=${collectionId}`, { headers: auth });
    expect(members.body.pagination.total).toBeGreaterThan(0);
    const res = await fetch(`${emu.url}/v2/face-recognition/collections/${collectionId}`, {
      method: 'DELETE',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer some.jwt.token' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      data: {
        _id: '65b9592267cc4f096dbe743d',
        deleted: false,
        name: 'Ejemplo Ene 30',
        project: '65b955fe0577440932c77481',
        description: 'default collection for project 65b955fe0577440932c77481',
        client: '6158e492dd0767a2b8b3f829',
        code: 'd96db430-27d2-4f43-bcff-c4b239ac6d2e',
        updatedAt: '2024-01-30T20:16:34.841Z',
        createdAt: '2024-01-30T20:16:34.841Z',
        __v: 0,
      },
    });
    expect(VERIFIK_DOC_EXAMPLE_COLLECTION._id).toBe(collectionId);
    const after = await call(emu.url, 'GET', `${VERIFIK}/persons?collection=${collectionId}`, { headers: auth });
    expect(after.body.pagination.total).toBe(0);
    // Unlinked, not deleted: everyone is still there.
    expect((await call(emu.url, 'GET', `${VERIFIK}/persons`, { headers: auth })).body.pagination.total).toBe(250);
  });
});
