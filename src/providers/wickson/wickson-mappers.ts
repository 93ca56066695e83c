import type { ChunkOutcome } from '../../batch/chunk-outcome.js';
import type { BatchFailure, Collection, CollectionItem, DeletedCollection } from '../../spec/models.js';
import type {
  AddItemsData, BatchDeleteData, DeleteCollectionData, GetCollectionData, ListCollectionsData, MediaItemDto,
} from './wickson-schemas.js';
import { cutAtWord } from '../../http/single-line.js';
import { toDate } from '../shared/to-date.js';

export { mapWicksonError } from './wickson-error-mapper.js';

/**
 * Pure Wickson DTO → spec mappings. The validated DTO (stripped to the fields we read) decides
 * the normalized fields; `raw` always comes from the body exactly as the vendor sent it.
 */

const PROVIDER = 'wickson';
export const WICKSON_DEFAULT_COLLECTION = 'default';

function count(value: number | null | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Walks a parsed JSON body by own keys only, so a vendor key can never reach a prototype. */
export function rawAt(raw: unknown, ...path: Array<string | number>): unknown {
  let node = raw;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

function baseCollection(id: string, raw: unknown): Collection {
  return { provider: PROVIDER, id, name: id, isDefault: id === WICKSON_DEFAULT_COLLECTION, raw };
}

/**
 * One Collection per name in `collections` (the docs' source of truth; the details map only
 * decorates it). `raw` is `{ collection_id, details }`: that collection's own entry as sent,
 * named so it stays unambiguous; the list-level envelope is not repeated in every item.
 */
export function mapCollectionList(data: ListCollectionsData, rawBody: unknown): Collection[] {
  const seen = new Set<string>();
  const collections: Collection[] = [];
  for (const id of data.collections) {
    if (seen.has(id)) continue;
    seen.add(id);
    const details = data.collection_details && Object.hasOwn(data.collection_details, id)
      ? data.collection_details[id] : undefined;
    const collection = baseCollection(id, {
      collection_id: id,
      details: rawAt(rawBody, 'data', 'collection_details', id),
    });
    const itemCount = count(details?.item_count);
    const createdAt = toDate(details?.created_at);
    if (itemCount !== undefined) collection.itemCount = itemCount;
    if (createdAt !== undefined) collection.createdAt = createdAt;
    collections.push(collection);
  }
  return collections;
}

/** The requested id names the result: the echo in `collection_id` is only informative. */
export function mapCollectionDetails(id: string, data: GetCollectionData, rawBody: unknown): Collection {
  const collection = baseCollection(id, rawBody);
  const itemCount = count(data.stats?.item_count);
  const createdAt = toDate(data.stats?.first_item_date);
  const updatedAt = toDate(data.stats?.last_item_date);
  if (itemCount !== undefined) collection.itemCount = itemCount;
  if (createdAt !== undefined) collection.createdAt = createdAt;
  if (updatedAt !== undefined) collection.updatedAt = updatedAt;
  return collection;
}

export function mapDeletedCollection(id: string, data: DeleteCollectionData, rawBody: unknown): DeletedCollection {
  const result: DeletedCollection = { provider: PROVIDER, collectionId: id, raw: rawBody };
  const deletedItems = count(data.deleted_items);
  const hd = count(data.storage_info?.deleted_vectors?.hd);
  const ld = count(data.storage_info?.deleted_vectors?.ld);
  if (deletedItems !== undefined) result.deletedItems = deletedItems;
  // Half a pair would read as "0 deleted" for the missing half: report vectors only when whole.
  if (hd !== undefined && ld !== undefined) result.deletedVectors = { hd, ld };
  return result;
}

/**
 * A 200 from add-items is atomic: all of the chunk or nothing. The ids are claimed as succeeded
 * only when the summary accounts for every one of them with no failure; any other summary
 * (a failure count, a total that doesn't match, e.g. when two aliases named one item) leaves
 * the whole chunk unknown rather than guessing which ids it covered.
 */
export function mapAddItemsOutcome(ids: readonly string[], data: AddItemsData, rawBody: unknown): ChunkOutcome {
  const { summary } = data;
  const processed = count(summary.succeeded) ?? count(summary.total);
  const accounted = processed === ids.length
    && (count(summary.total) ?? ids.length) === ids.length
    && (count(summary.failed) ?? 0) === 0;
  const outcome: ChunkOutcome = {
    succeeded: accounted ? [...ids] : [],
    failed: [],
    unknown: accounted ? [] : [...ids],
    raw: rawBody,
  };
  const moved = count(summary.moved);
  const already = count(summary.already_in_collection);
  if (moved !== undefined) outcome.moved = moved;
  if (already !== undefined) outcome.alreadyInCollection = already;
  return outcome;
}

const NOT_FOUND_REASON = /not[\s_-]*found|does\s*n[o']?t\s*exist|no\s+such|unknown[\s_-]*(media|item|id)/i;
/** A reason short and token-like enough to be the vendor's own code (e.g. `not_owned`). */
const CODE_LIKE_REASON = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

const MAX_REASON_LENGTH = 300;

/**
 * The vendor's reason for one item, as one bounded line. The body reaching the mappers is
 * already redacted (the http layer does it on the decoded values before anything else), so the
 * cut here can never leave a shortened credential the redactor would no longer recognize.
 */
function reasonText(value: unknown): string | undefined {
  const text = typeof value === 'string' ? value
    : typeof value === 'object' && value !== null
      ? rawAt(value, 'message') ?? rawAt(value, 'code') ?? rawAt(value, 'reason')
      : undefined;
  if (typeof text !== 'string') return undefined;
  // Line breaks go (they could forge log lines); other spacing is the vendor's and stays.
  // eslint-disable-next-line no-control-regex
  return cutAtWord(text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trim(), MAX_REASON_LENGTH) || undefined;
}

export function isNotFoundReason(reason: string | undefined): boolean {
  return reason !== undefined && NOT_FOUND_REASON.test(reason);
}

/**
 * Reads one batch-delete answer for its chunk.
 * - `deleted.media_ids` → succeeded; `failed.media_ids` / keys of `failed.reasons` → failed, with
 *   the vendor's reason; code `NOT_FOUND` when the reason says so, else the reason itself when it
 *   is token-like (the vendor's own code), else no code.
 * - A not-found after an earlier attempt that may have been carried out (it timed out, was
 *   reset or got a 5xx) is succeeded: that attempt may have deleted it, and either way the item
 *   is gone (the reliability rule for deletes). After a 429 or an unsent attempt it stays failed.
 *   Any other per-item reason after such an attempt is left for the batch runner to make unknown
 *   (the outcome carries the flag): the refusal says nothing about what the earlier attempt did.
 * - Without `deleted.media_ids`, the rest of the chunk is succeeded only if the counts prove it:
 *   `deleted.count` equals the ids not reported failed and `failed.count` equals those reported.
 *   Otherwise the ids nobody mentioned are left out, and the batch runner makes them unknown.
 */
export function mapBatchDeleteOutcome(
  ids: readonly string[], data: BatchDeleteData, rawBody: unknown, earlierAttemptMayHaveApplied: boolean,
): ChunkOutcome {
  const inChunk = new Set(ids);
  const reasons = data.failed?.reasons ?? {};
  const reportedFailed = new Set(
    [...(data.failed?.media_ids ?? []), ...Object.keys(reasons)].filter((id) => inChunk.has(id)),
  );
  const succeeded = new Set<string>();
  const failed: BatchFailure[] = [];
  for (const id of reportedFailed) {
    const reason = reasonText(Object.hasOwn(reasons, id) ? reasons[id] : undefined);
    const notFound = isNotFoundReason(reason);
    if (notFound && earlierAttemptMayHaveApplied) {
      succeeded.add(id);
      continue;
    }
    const failure: BatchFailure = { id, reason: reason ?? 'Wickson reported the item as not deleted (no reason given)' };
    if (notFound) failure.code = 'NOT_FOUND';
    else if (reason !== undefined && CODE_LIKE_REASON.test(reason)) failure.code = reason;
    failed.push(failure);
  }

  const deletedIds = data.deleted?.media_ids;
  if (deletedIds) {
    for (const id of deletedIds) if (inChunk.has(id)) succeeded.add(id);
  } else {
    const deletedCount = count(data.deleted?.count);
    const failedCount = count(data.failed?.count) ?? reportedFailed.size;
    if (deletedCount === ids.length - reportedFailed.size && failedCount === reportedFailed.size) {
      for (const id of ids) if (!reportedFailed.has(id)) succeeded.add(id);
    }
  }

  const outcome: ChunkOutcome = { succeeded: [...succeeded], failed, unknown: [], raw: rawBody, earlierAttemptMayHaveApplied };
  const hd = count(data.deleted?.hd_vectors);
  const ld = count(data.deleted?.ld_vectors);
  // As for a deleted collection: a half-reported pair is left out rather than summed as zero.
  if (hd !== undefined && ld !== undefined) outcome.deletedVectors = { hd, ld };
  return outcome;
}

/**
 * `collectionIds` falls back to the filter we listed by, since membership is exclusive; an item
 * read on its own without `storage.collection` has no known collection.
 */
export function mapMediaItem(listedIn: string | undefined, item: MediaItemDto, rawItem: unknown): CollectionItem {
  const collection = item.storage?.collection ?? listedIn;
  const result: CollectionItem = { provider: PROVIDER, id: item.id, raw: rawItem };
  if (collection !== undefined) result.collectionIds = [collection];
  const type = item.media_type ?? undefined;
  const name = item.file_info?.filename ?? undefined;
  const createdAt = toDate(item.storage?.created_at);
  if (type !== undefined) result.type = type;
  if (name !== undefined) result.name = name;
  if (createdAt !== undefined) result.createdAt = createdAt;
  return result;
}
