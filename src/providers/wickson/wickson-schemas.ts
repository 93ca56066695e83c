import { z } from 'zod';

/**
 * Response schemas for the Wickson endpoints we call. Each is as small as the fields the mappers
 * read: extra vendor fields are stripped here (the untouched body travels on in `raw`), and every
 * field the docs don't promise on every answer is `.nullish()`, because vendors send `null` for
 * "nothing" as often as they leave a key out. Only what a result cannot be built without is
 * required, so a 2xx lacking it becomes INVALID_RESPONSE in the http client.
 */

const count = z.number().nullish();
const text = z.string().nullish();

/** The success envelope `{ success, message, data, metadata? }`; only `data` is read. */
function envelope<T extends z.ZodType>(data: T) {
  return z.object({ data });
}

const collectionDetailsSchema = z.object({
  item_count: count,
  created_at: text,
});

/** GET /v1/media/collections: a name array plus a details map keyed by name. */
export const listCollectionsSchema = envelope(z.object({
  collections: z.array(z.string()),
  collection_details: z.record(z.string(), collectionDetailsSchema.nullish()).nullish(),
}));
export type ListCollectionsData = z.output<typeof listCollectionsSchema>['data'];

/** GET /v1/media/collections/{id}. Dates may be null for an empty collection (undocumented). */
export const getCollectionSchema = envelope(z.object({
  collection_id: text,
  stats: z.object({
    item_count: count,
    first_item_date: text,
    last_item_date: text,
  }).nullish(),
}));
export type GetCollectionData = z.output<typeof getCollectionSchema>['data'];

/** DELETE /v1/media/collections/{id}. */
export const deleteCollectionSchema = envelope(z.object({
  collection_id: text,
  deleted_items: count,
  storage_info: z.object({
    deleted_vectors: z.object({ hd: count, ld: count }).nullish(),
  }).nullish(),
}));
export type DeleteCollectionData = z.output<typeof deleteCollectionSchema>['data'];

/**
 * POST /v1/media/collections/{id}/items. `summary` is required: it is the only evidence of how
 * many of the ids the vendor processed, and without it no id can honestly be called succeeded.
 */
export const addItemsSchema = envelope(z.object({
  collection_id: text,
  summary: z.object({
    total: count,
    succeeded: count,
    failed: count,
    already_in_collection: count,
    moved: count,
  }),
}));
export type AddItemsData = z.output<typeof addItemsSchema>['data'];

/**
 * DELETE /v1/media/batch. Both halves are optional: whatever is missing leaves the ids it would
 * have accounted for as unknown. Reasons are `unknown` because the docs only say "reason".
 */
export const batchDeleteSchema = envelope(z.object({
  deleted: z.object({
    count,
    media_ids: z.array(z.string()).nullish(),
    hd_vectors: count,
    ld_vectors: count,
  }).nullish(),
  failed: z.object({
    count,
    media_ids: z.array(z.string()).nullish(),
    reasons: z.record(z.string(), z.unknown()).nullish(),
  }).nullish(),
}));
export type BatchDeleteData = z.output<typeof batchDeleteSchema>['data'];

const mediaItemSchema = z.object({
  id: z.string(),
  media_type: text,
  file_info: z.object({ filename: text }).nullish(),
  storage: z.object({ created_at: text, collection: text }).nullish(),
});
export type MediaItemDto = z.output<typeof mediaItemSchema>;

/** GET /v1/media/{media_id}. */
export const getMediaSchema = envelope(mediaItemSchema);

/** GET /v1/media?collection=…&page=…&page_size=…. */
export const listMediaSchema = envelope(z.object({
  items: z.array(mediaItemSchema),
  pagination: z.object({
    page: count,
    total_pages: count,
    total_items: count,
  }).nullish(),
}));
