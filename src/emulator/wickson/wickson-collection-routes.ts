import type { EmulatorRequest, RouteDef } from '../emulator-server.js';
import { isJsonContentType, isNonEmptyString, isRecord, parseJsonBody } from '../request-body.js';
import type { EmulatorResponse } from '../wire.js';
import { API_VERSION, type WicksonReplies } from './wickson-replies.js';
import { DEFAULT_COLLECTION, MEDIA_TYPES, isValidCollectionId, type MediaItem, type WicksonState } from './wickson-state.js';

export const MAX_ADD_ITEMS = 1000;

export function collectionRoutes(state: WicksonState, replies: WicksonReplies): RouteDef[] {
  const notFound = (id: string): EmulatorResponse =>
    replies.error(404, 'COLLECTION_NOT_FOUND', `Collection '${id}' not found`, `No collection with id '${id}'`);

  const list = (): EmulatorResponse => {
    const collections = state.listCollections();
    const details = Object.fromEntries(
      collections.map((c) => [c.id, { item_count: c.itemCount, created_at: c.createdAt }]),
    );
    return replies.ok(
      'Collections retrieved successfully',
      { collections: collections.map((c) => c.id), collection_details: details, total_collections: collections.length },
      { api_version: API_VERSION },
    );
  };

  const get = (req: EmulatorRequest): EmulatorResponse => {
    const id = req.params.id ?? '';
    if (!state.hasCollection(id)) return notFound(id);
    const stats = state.collectionStats(id);
    return replies.ok(
      `Collection '${id}' details retrieved successfully`,
      {
        collection_id: id,
        stats: {
          item_count: stats.itemCount,
          // Undocumented for an empty `default`: null says "no items" without inventing a date.
          first_item_date: stats.firstItemDate ?? null,
          last_item_date: stats.lastItemDate ?? null,
          media_type_distribution: orderTypeCounts(stats.typeCounts),
        },
      },
      { api_version: API_VERSION },
    );
  };

  const remove = (req: EmulatorRequest): EmulatorResponse => {
    const id = req.params.id ?? '';
    if (id === DEFAULT_COLLECTION) {
      return replies.error(400, 'CANNOT_DELETE_DEFAULT', 'The default collection cannot be deleted', 'collection_id=default');
    }
    if (!state.hasCollection(id)) return notFound(id);
    const deleted = state.deleteCollection(id);
    return replies.ok(
      `Collection '${id}' deleted successfully`,
      { collection_id: id, deleted_items: deleted, storage_info: { deleted_vectors: { hd: deleted, ld: deleted } } },
      { api_version: API_VERSION },
    );
  };

  const addItems = (req: EmulatorRequest): EmulatorResponse => {
    const target = req.params.id ?? '';
    const requestId = replies.collectionRequestId();
    const invalid = (message: string, specific: string): EmulatorResponse =>
      replies.error(400, 'VALIDATION_ERROR', message, specific, requestId);

    if (!isValidCollectionId(target)) return invalid('Invalid collection ID', 'collection_id must match [A-Za-z0-9_-]{1,100}');
    if (!isJsonContentType(req.headers['content-type'])) {
      return invalid('Content-Type must be application/json', `got ${req.headers['content-type'] ?? 'none'}`);
    }
    const parsed = parseJsonBody(req.body);
    if (!parsed.ok) return invalid('Invalid JSON in request body', parsed.error);
    const items = isRecord(parsed.value) ? parsed.value.items : undefined;
    if (!Array.isArray(items) || items.length === 0) return invalid('items must be a non-empty array', 'items');
    if (items.length > MAX_ADD_ITEMS) {
      return replies.error(
        400,
        'BATCH_SIZE_EXCEEDED',
        `Maximum batch size is ${MAX_ADD_ITEMS} items per request`,
        `received ${items.length} items`,
        requestId,
      );
    }
    if (!items.every(isNonEmptyString)) return invalid('items must contain only non-empty strings', 'items');

    // Resolve everything before touching state: the move is all-or-nothing.
    const found = new Map<string, MediaItem>();
    const missing = new Set<string>();
    for (const id of items) {
      const item = state.resolve(id);
      if (item === undefined) missing.add(id);
      else found.set(item.id, item);
    }
    if (missing.size > 0) {
      const ids = [...missing];
      return replies.error(
        404,
        'ITEMS_NOT_FOUND',
        `${ids.length} item(s) not found`,
        `Items not found: ${ids.slice(0, 20).join(', ')}${ids.length > 20 ? ', ...' : ''}`,
        requestId,
      );
    }
    const resolved = [...found.values()];
    const { moved, already } = state.move(target, resolved);
    const total = resolved.length;
    return replies.ok(
      `${total} items successfully moved to collection '${target}'`,
      {
        collection_id: target,
        summary: { total, succeeded: total, failed: 0, already_in_collection: already, moved },
        items_by_type: countByType(resolved),
      },
      { request_id: requestId, operation: 'move_to_collection', collection_id: target, item_count: total },
    );
  };

  return [
    { method: 'GET', pattern: '/v1/media/collections', handler: list },
    { method: 'GET', pattern: '/v1/media/collections/:id', handler: get },
    { method: 'DELETE', pattern: '/v1/media/collections/:id', handler: remove },
    { method: 'POST', pattern: '/v1/media/collections/:id/items', handler: addItems },
  ];
}

function countByType(items: readonly MediaItem[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.mediaType, (counts.get(item.mediaType) ?? 0) + 1);
  return orderTypeCounts(counts);
}

function orderTypeCounts(counts: ReadonlyMap<string, number>): Record<string, number> {
  // Known types in the docs' order first, so equal inputs always serialize identically.
  const rank = (type: string): number => {
    const index = (MEDIA_TYPES as readonly string[]).indexOf(type);
    return index === -1 ? MEDIA_TYPES.length : index;
  };
  return Object.fromEntries([...counts].sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : 1)));
}
