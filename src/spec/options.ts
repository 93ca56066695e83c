import type { QuotaSnapshot } from './quota.js';

/** Options every call accepts. */
export interface CallOptions {
  /**
   * Cancels the call (also during a retry wait and between batch chunks); the call then rejects
   * with `ABORTED`, or, in a batch, ends the ids not yet sent `failed` with code `ABORTED`.
   * Nothing is retained on the signal once the call ends, so one long-lived signal can serve any
   * number of calls.
   */
  signal?: AbortSignal;
  /**
   * Overrides the client's per-operation deadline (config `timeoutMs`) for this call, in
   * milliseconds: one request with its retries and their waits. A batch or a listing applies it
   * to each request it makes. Running out is a `TIMEOUT` error.
   */
  timeoutMs?: number;
}

/**
 * A batch call's progress, passed to `onProgress`. The counts are ids, not requests: a Wickson
 * chunk reports up to 1000 ids at once, a Verifik report is one person.
 */
export interface BatchProgress {
  /** Distinct ids in the batch. */
  total: number;
  /** Ids settled so far (`succeeded + failed + unknown`). */
  done: number;
  /** Ids settled as succeeded so far. */
  succeeded: number;
  /** Ids settled as failed so far. */
  failed: number;
  /** Ids whose outcome is unknown so far. */
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

/** Options of every batch call (`addItems`, `removeItems`, `deleteItems`, `syncCollection`). */
export interface BatchOptions extends CallOptions {
  /**
   * Called after each chunk (Wickson) or item (Verifik) settles, and when a rate-limit wait
   * begins. A callback that throws does not break the batch.
   */
  onProgress?: (progress: BatchProgress) => void;
  /**
   * Wait out rate-limit windows, however long, instead of failing fast with RATE_LIMITED when
   * the window resets later than `maxRetryWaitMs`. The operation deadline does not run during
   * such waits; abort still ends the call at any moment. Default: the client's `quota.wait`.
   */
  waitForQuota?: boolean;
  /**
   * Keep a crash-safe journal of the job (a path, or path plus `resume`). A dry run ignores it.
   *
   * @example
   * ```ts
   * // The same call after a crash continues the job; nothing settled is sent again.
   * await client.deleteItems(ids, { journal: { path: 'cleanup.jsonl', resume: true } });
   * ```
   */
  journal?: string | JournalOptions;
}

/** Options of a destructive call that can be previewed. */
export interface DryRunOption {
  /**
   * Compute and return the plan (an `OperationPlan`) with reads only: no write is sent. The
   * same validation and refusals as the run (`UNSUPPORTED`, `PROTECTED_COLLECTION`, …) apply.
   */
  dryRun?: boolean;
}

/** `deleteItems` options. */
export interface DeleteItemsOptions extends BatchOptions, DryRunOption {
  /**
   * Free text the vendor logs with the deletion (Wickson `reason`, at most 1000 characters).
   * Verifik has no such field: it is not sent there.
   */
  reason?: string;
}

/** `listItems` options. */
export interface ListItemsOptions extends CallOptions {
  /** Items per request (default and maximum: the vendor's, 100 on both); larger values are clamped. */
  pageSize?: number;
}

/** What `createCollection` creates (Verifik; Wickson creates collections implicitly). */
export interface CreateCollectionInput {
  /** Trimmed, 1 to 200 characters. Verifik does not require names to be unique. */
  name: string;
  /** Free text. */
  description?: string;
}

/** What `updateCollection` changes; at least one field. */
export interface UpdateCollectionInput {
  /**
   * The new name (trimmed, 1 to 200 characters). Verifik requires a name on every update, so
   * when this is left out the current one is read first and sent again.
   */
  name?: string;
  /** The new description. */
  description?: string;
}

/** `addItems` options. */
export interface AddItemsOptions extends BatchOptions, DryRunOption {
  /**
   * Where the vendor would silently create a missing target collection (Wickson), the call
   * first checks that it exists and fails with NOT_FOUND, sending no write, unless this is true.
   * Without it, a typo in the collection id would move the items into a new collection.
   * Has no effect on Verifik, which never creates a collection this way.
   */
  createIfMissing?: boolean;
}

/** `listCollections` options. */
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
