import type { CallMeta } from './telemetry.js';

/**
 * Vendor-neutral result types. Every one keeps what the vendor said in `raw`, so nothing is lost
 * by normalizing. This folder imports nothing: it is the contract apps code against.
 */

/**
 * The name a client was created with (`config.provider`): one of the built-in vendors, or any
 * name a plug-in registered with `registerProvider`. (`string & {}` keeps editor completion of
 * the built-in names while accepting any string.)
 */
export type ProviderName = 'wickson' | 'verifik' | (string & {});

/**
 * A collection, normalized. What a collection groups differs by vendor: media items on Wickson,
 * enrolled persons on Verifik.
 */
export interface Collection {
  /** The provider this record came from. */
  provider: ProviderName;
  /**
   * What every other call takes to address this collection.
   *
   * @remarks
   * Wickson: the collection's name (`research_papers`); there is no other id, which is why
   * Wickson collections cannot be renamed. Verifik: the record's `_id` (24 hex characters),
   * not its name: pass `id`, never `name`, to `getCollection`, `addItems` and the rest.
   */
  id: string;
  /**
   * The collection's display name. Wickson: the same as `id`. Verifik: the record's `name`
   * (free text, not unique; `''` when the vendor sent none).
   */
  name: string;
  /** Verifik's description; Wickson collections have none. */
  description?: string;
  /**
   * How many items (Wickson media, Verifik persons) the collection holds, when known.
   *
   * @remarks
   * Wickson reports counts in every read. Verifik's records carry none: `getCollection` fills
   * it with one extra request, and `listCollections` only with `withItemCounts: true` (one
   * extra request per collection). Absent when the vendor did not say.
   */
  itemCount?: number;
  /** When the collection was created, when the vendor says (Wickson's `getCollection`: its oldest item's date). */
  createdAt?: Date;
  /** When the collection last changed, when the vendor says (Wickson's `getCollection`: its newest item's date). */
  updatedAt?: Date;
  /** True for Wickson's reserved `default` collection; always false on Verifik. */
  isDefault: boolean;
  /** Vendor-specific secondary id (Verifik's face-engine `code`). */
  engineId?: string;
  /** The vendor's record exactly as it was sent (untouched by validation), for fields not normalized here. */
  raw: unknown;
  /**
   * The requests behind this result, on what a client call returns (not on nested records).
   * Not enumerable: it stays out of JSON, logs and deep equality.
   */
  meta?: CallMeta;
}

/** Wickson's count of vector embeddings removed with the deleted media, per index. */
export interface DeletedVectors {
  /** Vectors removed from the high-dimensional index. */
  hd: number;
  /** Vectors removed from the low-dimensional index. */
  ld: number;
}

/**
 * What `deleteCollection` reports.
 *
 * @remarks
 * The two vendors answer differently because they do different things: Wickson deletes the
 * collection **and every item in it** and reports counts (`deletedItems`, `deletedVectors`);
 * Verifik deletes only the collection record, leaves its persons enrolled (unlinked from it),
 * and returns a `snapshot` of the record. Each field is present only when the vendor said it.
 * A delete whose answer was lost and whose retry found the collection gone is still a success,
 * without counts or snapshot (`raw` then holds `{ alreadyDeleted: true, … }`).
 */
export interface DeletedCollection {
  /** The provider that deleted it. */
  provider: ProviderName;
  /** The id the collection had (Wickson: its name; Verifik: its `_id`). */
  collectionId: string;
  /** Items destroyed with the collection (Wickson cascades; Verifik only unlinks persons). */
  deletedItems?: number;
  /** Vector embeddings destroyed with the items (Wickson; present only when both counts were sent). */
  deletedVectors?: DeletedVectors;
  /** The collection as it was just before deletion (Verifik returns it). */
  snapshot?: Collection;
  /** The vendor's answer as sent (`null` for a Verifik 204 No Content). */
  raw: unknown;
  /**
   * The requests behind this result, on what a client call returns (not on nested records).
   * Not enumerable: it stays out of JSON, logs and deep equality.
   */
  meta?: CallMeta;
}

/** A member of a collection, normalized: a media item on Wickson, an enrolled person on Verifik. */
export interface CollectionItem {
  /** The provider this record came from. */
  provider: ProviderName;
  /** The item's id: a Wickson media id (`doc_…`, `img_…`), a Verifik person's `_id` (24 hex characters). */
  id: string;
  /**
   * The collections the item belongs to, when the vendor said.
   *
   * @remarks
   * Wickson membership is exclusive: at most one id (from the item's `storage.collection`, or
   * the collection it was listed from). Verifik membership is multiple: every collection `_id`
   * of the person. Absent when the answer did not say (a Wickson item read on its own may not).
   */
  collectionIds?: string[];
  /** The media type (Wickson `media_type`: document, image, …); Verifik persons have none. */
  type?: string;
  /** Wickson: the file name; Verifik: the person's name. */
  name?: string;
  /** When the item was stored or enrolled, when the vendor said. */
  createdAt?: Date;
  /** The vendor's record exactly as it was sent, for fields not normalized here. */
  raw: unknown;
  /**
   * The requests behind this result, on what a client call returns (not on nested records).
   * Not enumerable: it stays out of JSON, logs and deep equality.
   */
  meta?: CallMeta;
}

/** One id a batch call did not apply, and why (nothing happened to it). */
export interface BatchFailure {
  /** The id as requested. */
  id: string;
  /** Why, in words: the vendor's reason (credential-free, one line) or the library's (`not sent: the batch was aborted`). */
  reason: string;
  /** A CollectionErrorCode when the failure came from an error, or the vendor's own reason code. */
  code?: string;
}

/**
 * The outcome of a batch call. It partitions the requested ids (deduplicated, in first-seen
 * order): each is in exactly one of `succeeded`, `failed` (the vendor said no, or it was never
 * sent) or `unknown` (sent, but the outcome cannot be known).
 */
export interface BatchResult {
  /** The provider that ran the batch; `reconcile` refuses a result from another one. */
  provider: ProviderName;
  /** The call that produced it, so `reconcile` knows what state to read back. */
  operation?: 'deleteItems' | 'addItems' | 'removeItems';
  /** The collection the call wrote to (add) or took items out of (remove). */
  collectionId?: string;
  /** How many distinct ids were asked for (after deduplication): the sum of the three lists' lengths. */
  requested: number;
  /** True only when every id succeeded: `failed` and `unknown` are both empty. */
  ok: boolean;
  /** Ids whose requested state now holds (for `addItems`, members already there included). */
  succeeded: string[];
  /**
   * Ids nothing happened to: the vendor refused them (a 4xx, or a per-item reason in a 200), or
   * they were never sent (aborted, rate-limited without waiting, connection refused). Retrying
   * them cannot apply anything twice.
   */
  failed: BatchFailure[];
  /**
   * Ids that may or may not have been applied: the request was sent and its answer was lost
   * (timeout, reset, 5xx), or the answer did not account for them (or reported them both ways).
   * Settle them with `reconcile`, which reads each one back.
   */
  unknown: string[];
  /** Items that changed collection (add/move). */
  moved?: number;
  /** Items that were already in the target collection (counted in `succeeded`). */
  alreadyInCollection?: number;
  /** Vector embeddings removed with the deleted items (Wickson `deleteItems`, when reported). */
  deletedVectors?: DeletedVectors;
  /** Every vendor response body, one per request that answered. */
  raw: unknown[];
  /**
   * The requests behind this result, on what a client call returns (not on nested records).
   * Not enumerable: it stays out of JSON, logs and deep equality.
   */
  meta?: CallMeta;
}

/**
 * What `syncCollection` did to make a collection's membership exactly the desired set: the ids
 * it added, the ids it took out (`removeItems` semantics: moved to `default` on Wickson,
 * unlinked on Verifik), and how many were already right.
 */
export interface SyncResult {
  /** The provider that ran the sync. */
  provider: ProviderName;
  /** The collection whose membership was set. */
  collectionId: string;
  /** Both phases partitioned every id they touched (no `failed`, no `unknown`). */
  ok: boolean;
  /** Ids that were added (succeeded in `add`). */
  added: number;
  /** Ids that were taken out (succeeded in `remove`). */
  removed: number;
  /** Desired ids that were already members (nothing sent for them). */
  unchanged: number;
  /** The add phase, partitioning the desired ids that were not members (`operation: 'addItems'`). */
  add: BatchResult;
  /** The removal phase, partitioning the members that were not desired (`operation: 'removeItems'`). */
  remove: BatchResult;
}
