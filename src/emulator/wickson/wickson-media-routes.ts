import type { EmulatorRequest, RouteDef } from '../emulator-server.js';
import { isNonEmptyString, isRecord, parseIntParam, parseJsonBody } from '../request-body.js';
import type { EmulatorResponse } from '../wire.js';
import { API_VERSION, type WicksonReplies } from './wickson-replies.js';
import { MEDIA_TYPES, type MediaItem, type WicksonState } from './wickson-state.js';

export const MAX_BATCH_DELETE = 100;
export const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;

export function serializeMedia(item: MediaItem): Record<string, unknown> {
  return {
    id: item.id,
    media_type: item.mediaType,
    file_info: { filename: item.filename, size_bytes: item.sizeBytes },
    storage: { created_at: item.createdAt, collection: item.collection },
    metadata: { search: { summary: item.summary } },
  };
}

export function mediaRoutes(state: WicksonState, replies: WicksonReplies): RouteDef[] {
  let batchSequence = 0;
  const invalid = (message: string, specific: string): EmulatorResponse =>
    replies.error(400, 'VALIDATION_ERROR', message, specific);

  const list = (req: EmulatorRequest): EmulatorResponse => {
    const page = parseIntParam(req.query.get('page'), 1);
    const pageSize = parseIntParam(req.query.get('page_size'), DEFAULT_PAGE_SIZE);
    if (page === undefined || page < 1) return invalid('page must be an integer >= 1', `page=${req.query.get('page')}`);
    if (pageSize === undefined || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      return invalid(`page_size must be an integer between 1 and ${MAX_PAGE_SIZE}`, `page_size=${req.query.get('page_size')}`);
    }
    const mediaType = req.query.get('media_type') ?? undefined;
    if (mediaType !== undefined && !(MEDIA_TYPES as readonly string[]).includes(mediaType)) {
      return invalid(`media_type must be one of ${MEDIA_TYPES.join(', ')}`, `media_type=${mediaType}`);
    }
    // An unknown collection is just an empty filter result (the docs say nothing either way).
    const collection = req.query.get('collection') || undefined;
    const { items, total } = state.pageMedia({ collection, mediaType }, (page - 1) * pageSize, pageSize);
    return replies.ok(
      'Media items retrieved successfully',
      {
        items: items.map(serializeMedia),
        pagination: {
          page,
          page_size: pageSize,
          total_items: total,
          total_pages: Math.ceil(total / pageSize),
        },
      },
      { api_version: API_VERSION },
    );
  };

  const get = (req: EmulatorRequest): EmulatorResponse => {
    const id = req.params.id ?? '';
    const item = state.get(id);
    if (item === undefined) return replies.error(404, 'MEDIA_NOT_FOUND', `Media '${id}' not found`, `No media with id '${id}'`);
    return replies.ok('Media item retrieved successfully', serializeMedia(item), { api_version: API_VERSION });
  };

  const batchDelete = (req: EmulatorRequest): EmulatorResponse => {
    const parsed = parseJsonBody(req.body);
    if (!parsed.ok) return invalid('Invalid JSON in request body', parsed.error);
    const body = parsed.value;
    const ids = isRecord(body) ? body.media_ids : undefined;
    if (ids === undefined || ids === null) {
      return replies.error(400, 'MISSING_MEDIA_IDS', 'Required media_ids array is missing', 'media_ids');
    }
    if (!Array.isArray(ids) || ids.length === 0) {
      return replies.error(400, 'INVALID_MEDIA_IDS', 'media_ids must be a non-empty array', 'media_ids');
    }
    if (ids.length > MAX_BATCH_DELETE) {
      return replies.error(
        400,
        'BATCH_TOO_LARGE',
        `Maximum ${MAX_BATCH_DELETE} media IDs per batch deletion`,
        `received ${ids.length} media IDs`,
      );
    }
    if (!ids.every(isNonEmptyString)) {
      return replies.error(400, 'INVALID_MEDIA_IDS', 'media_ids must contain only non-empty strings', 'media_ids');
    }
    const reason = isRecord(body) ? body.reason : undefined;
    if (reason !== undefined && reason !== null && typeof reason !== 'string') {
      return invalid('reason must be a string', 'reason');
    }

    const deleted: string[] = [];
    const failed: string[] = [];
    for (const id of new Set(ids)) {
      // A second alias (vec- and doc_) of an item deleted earlier in this batch is "not_found" too.
      const item = state.resolve(id);
      if (item === undefined) {
        failed.push(id);
        continue;
      }
      state.remove(item);
      deleted.push(id);
    }
    batchSequence += 1;
    const seconds = Math.floor(Date.parse(replies.timestamp()) / 1000);
    return replies.ok(
      `Batch deletion completed: ${deleted.length} deleted, ${failed.length} failed`,
      {
        deleted: { count: deleted.length, media_ids: deleted, hd_vectors: deleted.length, ld_vectors: deleted.length },
        // fromEntries defines own properties, so even an id like "__proto__" is reported.
        failed: { count: failed.length, media_ids: failed, reasons: Object.fromEntries(failed.map((id) => [id, 'not_found'])) },
      },
      {
        operation_id: `batch_delete_${seconds}_${batchSequence}`,
        timestamp: replies.timestamp(),
        // Deterministic stand-in for a measured duration.
        processing_time_ms: 5 + 2 * ids.length,
        reason: reason ?? null,
      },
    );
  };

  return [
    { method: 'GET', pattern: '/v1/media', handler: list },
    { method: 'DELETE', pattern: '/v1/media/batch', handler: batchDelete },
    { method: 'GET', pattern: '/v1/media/:id', handler: get },
  ];
}
