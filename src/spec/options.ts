import type { QuotaSnapshot } from './quota.js';

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
  /** Set while a request waits for its rate-limit window: when the wait ends (ms since the epoch). */
  waitingUntil?: number;
  /** Estimated time left, in ms, from the quota (when known) and the pace so far. */
  etaMs?: number;
  /** The rate-limit window as known at this report. */
  quota?: QuotaSnapshot;
}

/** Where a batch keeps its journal, and whether to resume from it. */
export interface JournalOptions {
  /**
   * An append-only file of JSON lines: each chunk is recorded (fsync'd) before it is sent, and
   * its outcome before the next chunk of its concurrency slot is sent.
   */
  path: string;
  /**
   * Continue the job the file records: settled chunks are never re-sent, and ids whose outcome
   * was unknown are read back from the vendor before anything is re-sent. Without it, an
   * existing journal file is refused (INVALID_INPUT) rather than overwritten.
   */
  resume?: boolean;
}

export interface BatchOptions extends CallOptions {
  /** Called after each chunk (Wickson) or item (Verifik) settles, and when a rate-limit wait begins. */
  onProgress?: (progress: BatchProgress) => void;
  /**
   * Wait out rate-limit windows, however long, instead of failing fast with RATE_LIMITED when
   * the window resets later than `maxRetryWaitMs`. The operation deadline does not run during
   * such waits; abort still ends the call at any moment. Default: the client's `quota.wait`.
   */
  waitForQuota?: boolean;
  /** Keep a crash-safe journal of the job (a path, or path plus `resume`). */
  journal?: string | JournalOptions;
}

/** Options of a destructive call that can be previewed. */
export interface DryRunOption {
  /** Compute and return the plan (an `OperationPlan`) with reads only: no write is sent. */
  dryRun?: boolean;
}

export interface DeleteItemsOptions extends BatchOptions, DryRunOption {
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

export interface AddItemsOptions extends BatchOptions, DryRunOption {
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

/** `removeItems` options. */
export interface RemoveItemsOptions extends BatchOptions, DryRunOption {}

/** `deleteCollection` options. */
export interface DeleteCollectionOptions extends CallOptions, DryRunOption {}

/** `syncCollection` options (the journal, when given, records both phases). */
export interface SyncCollectionOptions extends BatchOptions, DryRunOption {}

/** `reconcile` options. */
export interface ReconcileOptions extends CallOptions {
  /** Called after each unknown id is read back. */
  onProgress?: (progress: BatchProgress) => void;
}
