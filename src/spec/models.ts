import type { CallMeta } from './telemetry.js';

/**
 * Vendor-neutral result types. Every one keeps what the vendor said in `raw`, so nothing is lost
 * by normalizing. This folder imports nothing: it is the contract apps code against.
 */

export type ProviderName = 'wickson' | 'verifik' | (string & {});

export interface Collection {
  provider: ProviderName;
  id: string;
  name: string;
  description?: string;
  itemCount?: number;
  createdAt?: Date;
  updatedAt?: Date;
  /** True for Wickson's reserved `default` collection; always false on Verifik. */
  isDefault: boolean;
  /** Vendor-specific secondary id (Verifik's face-engine `code`). */
  engineId?: string;
  raw: unknown;
  /**
   * The requests behind this result, on what a client call returns (not on nested records).
   * Not enumerable: it stays out of JSON, logs and deep equality.
   */
  meta?: CallMeta;
}

export interface DeletedVectors {
  hd: number;
  ld: number;
}

export interface DeletedCollection {
  provider: ProviderName;
  collectionId: string;
  /** Items destroyed with the collection (Wickson cascades; Verifik only unlinks persons). */
  deletedItems?: number;
  deletedVectors?: DeletedVectors;
  /** The collection as it was just before deletion (Verifik returns it). */
  snapshot?: Collection;
  raw: unknown;
  /**
   * The requests behind this result, on what a client call returns (not on nested records).
   * Not enumerable: it stays out of JSON, logs and deep equality.
   */
  meta?: CallMeta;
}

export interface CollectionItem {
  provider: ProviderName;
  id: string;
  collectionIds?: string[];
  type?: string;
  name?: string;
  createdAt?: Date;
  raw: unknown;
  /**
   * The requests behind this result, on what a client call returns (not on nested records).
   * Not enumerable: it stays out of JSON, logs and deep equality.
   */
  meta?: CallMeta;
}

export interface BatchFailure {
  id: string;
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
  provider: ProviderName;
  /** The call that produced it, so `reconcile` knows what state to read back. */
  operation?: 'deleteItems' | 'addItems' | 'removeItems';
  /** The collection the call wrote to (add) or took items out of (remove). */
  collectionId?: string;
  requested: number;
  ok: boolean;
  succeeded: string[];
  failed: BatchFailure[];
  unknown: string[];
  /** Items that changed collection (add/move). */
  moved?: number;
  /** Items that were already in the target collection (counted in `succeeded`). */
  alreadyInCollection?: number;
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
  provider: ProviderName;
  collectionId: string;
  /** Both phases partitioned every id they touched (no `failed`, no `unknown`). */
  ok: boolean;
  /** Ids that were added (succeeded in `add`). */
  added: number;
  /** Ids that were taken out (succeeded in `remove`). */
  removed: number;
  /** Desired ids that were already members (nothing sent for them). */
  unchanged: number;
  add: BatchResult;
  remove: BatchResult;
}
