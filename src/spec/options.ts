/** Options every call accepts. */
export interface CallOptions {
  /** Cancels the call (also during a retry wait and between batch chunks). */
  signal?: AbortSignal;
  /** Overrides the client's per-operation deadline for this call, in milliseconds. */
  timeoutMs?: number;
}

export interface BatchProgress {
  total: number;
  done: number;
  succeeded: number;
  failed: number;
  unknown: number;
}

export interface BatchOptions extends CallOptions {
  /** Called after each chunk (Wickson) or item (Verifik) settles. */
  onProgress?: (progress: BatchProgress) => void;
}

export interface DeleteItemsOptions extends BatchOptions {
  /** Free text the vendor logs with the deletion (Wickson `reason`). */
  reason?: string;
}

export interface ListItemsOptions extends CallOptions {
  /** Items per request, clamped to the vendor maximum (100 on both). */
  pageSize?: number;
}

export interface CreateCollectionInput {
  name: string;
  description?: string;
}

/** What `updateCollection` changes; at least one field. */
export interface UpdateCollectionInput {
  name?: string;
  description?: string;
}

export interface AddItemsOptions extends BatchOptions {
  /**
   * Where the vendor would silently create a missing target collection (Wickson), the call
   * first checks that it exists and fails with NOT_FOUND, sending no write, unless this is true.
   */
  createIfMissing?: boolean;
}

export interface ListCollectionsOptions extends CallOptions {
  /**
   * Fill `itemCount` where the listing lacks it (Verifik), at one extra request per collection.
   * Ignored where the listing already has counts.
   */
  withItemCounts?: boolean;
}
