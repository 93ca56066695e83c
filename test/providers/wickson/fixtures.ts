/**
 * Wickson response bodies exactly as the seed doc pages show them (shared/seeds/000–003), plus
 * the rate-limit page's flat 429 body. Builders derive the bodies the seeds don't show (a chunk
 * of a given size, a page of media) in the same shapes.
 */

export const BASE_URL = 'https://api.wickson.ai';

/** seeds/002: GET /v1/media/collections. */
export const LIST_COLLECTIONS_BODY = {
  success: true,
  message: 'Collections retrieved successfully',
  data: {
    collections: ['default', 'research_papers', 'product_images', 'training_videos'],
    collection_details: {
      default: { item_count: 45, created_at: '2024-12-01T15:30:45Z' },
      research_papers: { item_count: 17, created_at: '2025-01-15T10:22:33Z' },
      product_images: { item_count: 32, created_at: '2025-02-03T09:15:00Z' },
      training_videos: { item_count: 8, created_at: '2025-03-01T14:40:12Z' },
    },
    total_collections: 4,
  },
  metadata: { api_version: '1.0.0' },
};

/** vendor-apis.md 1.4: GET /v1/media/collections/{id} (no seed page; shape from the docs). */
export const GET_COLLECTION_BODY = {
  success: true,
  message: "Collection 'research_papers' details retrieved successfully",
  data: {
    collection_id: 'research_papers',
    stats: {
      item_count: 17,
      first_item_date: '2025-01-15T10:22:33Z',
      last_item_date: '2025-03-09T12:34:56Z',
      media_type_distribution: { document: 12, image: 5 },
    },
  },
};

/** seeds/000: DELETE /v1/media/collections/research_papers. */
export const DELETE_COLLECTION_BODY = {
  success: true,
  message: "Collection 'research_papers' deleted successfully",
  data: {
    collection_id: 'research_papers',
    deleted_items: 17,
    storage_info: { deleted_vectors: { hd: 17, ld: 17 } },
  },
  metadata: { api_version: '1.0.0' },
};

/** seeds/003: the request body and the 200 of POST /v1/media/collections/research_papers/items. */
export const ADD_ITEMS_IDS = [
  'vec-3f72e4a7b916c054d32a851f',
  'doc_eb45a612-7895-52bd-a413-86f321c4e9ab',
  'img_9c16d3a5-4287-5319-b614-7a428ed09bcf',
];
export const ADD_ITEMS_BODY = {
  success: true,
  message: "3 items successfully moved to collection 'research_papers'",
  data: {
    collection_id: 'research_papers',
    summary: { total: 3, succeeded: 3, failed: 0, already_in_collection: 1, moved: 2 },
    items_by_type: { document: 2, image: 1 },
  },
  metadata: {
    request_id: 'collection_20250311_121530_4a8fb923',
    operation: 'move_to_collection',
    collection_id: 'research_papers',
    item_count: 3,
  },
};

/** seeds/001: the request body and the 200 of DELETE /v1/media/batch. */
export const BATCH_DELETE_IDS = ['vec-123abc', 'vec-456def', 'vec-789ghi'];
export const BATCH_DELETE_BODY = {
  success: true,
  message: 'Batch deletion completed: 3 deleted, 0 failed',
  data: {
    deleted: { count: 3, media_ids: ['vec-123abc', 'vec-456def', 'vec-789ghi'], hd_vectors: 3, ld_vectors: 3 },
    failed: { count: 0, media_ids: [], reasons: {} },
  },
  metadata: {
    operation_id: 'batch_delete_1234567890',
    timestamp: '2025-03-09T12:34:56Z',
    processing_time_ms: 234,
    reason: 'outdated_content',
  },
};

/** The error envelope of the seed pages. */
export function seedError(code: string, message: string, requestId = 'req_12345', specific = 'error details') {
  return { success: false, message, error: { code, details: { specific, request_id: requestId } } };
}

/** The flat 429 of the rate-limit page (vendor-apis.md 1.1). */
export function flatRateLimitBody(resetTimeSeconds: number) {
  return {
    success: false,
    code: 'rate_limit_error',
    message: 'Rate limit exceeded',
    status_code: 429,
    details: { limit: 1000, remaining: 0, reset_time: resetTimeSeconds, window_size: 3600 },
    request_id: 'req_ratelimit_42',
    suggestion: 'Reduce the request rate and retry after the reset time.',
  };
}

/** Every [status, code, operation] row of the seeds' error tables. */
export const SEED_ERROR_ROWS: ReadonlyArray<{ status: number; code: string; page: 'delete-collection' | 'batch-delete' | 'list-collections' | 'add-items' }> = [
  { page: 'delete-collection', status: 401, code: 'INVALID_API_KEY' },
  { page: 'delete-collection', status: 403, code: 'INSUFFICIENT_PERMISSIONS' },
  { page: 'delete-collection', status: 404, code: 'COLLECTION_NOT_FOUND' },
  { page: 'delete-collection', status: 400, code: 'CANNOT_DELETE_DEFAULT' },
  { page: 'delete-collection', status: 429, code: 'RATE_LIMIT_EXCEEDED' },
  { page: 'delete-collection', status: 500, code: 'PROCESSING_ERROR' },
  { page: 'batch-delete', status: 400, code: 'MISSING_MEDIA_IDS' },
  { page: 'batch-delete', status: 400, code: 'INVALID_MEDIA_IDS' },
  { page: 'batch-delete', status: 400, code: 'BATCH_TOO_LARGE' },
  { page: 'batch-delete', status: 401, code: 'INVALID_API_KEY' },
  { page: 'batch-delete', status: 403, code: 'INSUFFICIENT_PERMISSIONS' },
  { page: 'batch-delete', status: 429, code: 'RATE_LIMIT_EXCEEDED' },
  { page: 'batch-delete', status: 500, code: 'PROCESSING_ERROR' },
  { page: 'list-collections', status: 401, code: 'INVALID_API_KEY' },
  { page: 'list-collections', status: 403, code: 'INSUFFICIENT_PERMISSIONS' },
  { page: 'list-collections', status: 429, code: 'RATE_LIMIT_EXCEEDED' },
  { page: 'list-collections', status: 500, code: 'PROCESSING_ERROR' },
  { page: 'add-items', status: 400, code: 'VALIDATION_ERROR' },
  { page: 'add-items', status: 400, code: 'BATCH_SIZE_EXCEEDED' },
  { page: 'add-items', status: 401, code: 'INVALID_API_KEY' },
  { page: 'add-items', status: 403, code: 'INSUFFICIENT_PERMISSIONS' },
  { page: 'add-items', status: 404, code: 'ITEMS_NOT_FOUND' },
  { page: 'add-items', status: 429, code: 'RATE_LIMIT_EXCEEDED' },
  { page: 'add-items', status: 500, code: 'STORAGE_ERROR' },
  { page: 'add-items', status: 500, code: 'PROCESSING_ERROR' },
];

/** ids like vec-0000 … for batch tests. */
export function makeIds(count: number, prefix = 'vec-'): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);
}

/** A 200 of add-items for a chunk, in the seed's shape. */
export function addItemsOk(collectionId: string, ids: readonly string[], already = 0) {
  return {
    success: true,
    message: `${ids.length} items successfully moved to collection '${collectionId}'`,
    data: {
      collection_id: collectionId,
      summary: { total: ids.length, succeeded: ids.length, failed: 0, already_in_collection: already, moved: ids.length - already },
      items_by_type: { document: ids.length },
    },
    metadata: { request_id: 'collection_20250311_121530_4a8fb923', operation: 'move_to_collection', collection_id: collectionId, item_count: ids.length },
  };
}

/** A 200 of batch delete for a chunk where `failures` (id → reason) were not deleted. */
export function batchDeleteOk(ids: readonly string[], failures: Record<string, string> = {}) {
  const deleted = ids.filter((id) => !Object.hasOwn(failures, id));
  const failed = ids.filter((id) => Object.hasOwn(failures, id));
  return {
    success: true,
    message: `Batch deletion completed: ${deleted.length} deleted, ${failed.length} failed`,
    data: {
      deleted: { count: deleted.length, media_ids: deleted, hd_vectors: deleted.length, ld_vectors: deleted.length },
      failed: { count: failed.length, media_ids: failed, reasons: failures },
    },
    metadata: { operation_id: 'batch_delete_1234567890', timestamp: '2025-03-09T12:34:56Z', processing_time_ms: 234, reason: null },
  };
}

/** One media item as GET /v1/media lists it (vendor-apis.md 1.7). */
export function mediaItem(id: string, collection: string) {
  return {
    id,
    media_type: 'document',
    file_info: { filename: `${id}.pdf`, size_bytes: 1024 },
    storage: { created_at: '2025-01-15T10:22:33Z', collection },
    metadata: { search: { summary: `summary of ${id}` } },
  };
}

export function mediaPage(items: unknown[], page: number, pageSize: number, totalItems: number) {
  return {
    success: true,
    message: 'Media items retrieved successfully',
    data: {
      items,
      pagination: { page, page_size: pageSize, total_items: totalItems, total_pages: Math.ceil(totalItems / pageSize) },
    },
  };
}
