import type { ProviderName } from './models.js';
import type { QuotaSnapshot } from './quota.js';

/** The destructive operations that can be previewed with `dryRun: true`. */
export type PlannedOperation = 'deleteCollection' | 'deleteItems' | 'addItems' | 'removeItems' | 'syncCollection';

/** An id the run would report failed, with the reason and code it would give (not a member, missing, …). */
export interface PlannedSkip {
  /** The id as requested. */
  id: string;
  /** Why the run would fail it, in words. */
  reason: string;
  /** The code the run's `failed` entry would carry (`NOT_FOUND`, …). */
  code?: string;
}

/**
 * What a destructive call would do, computed with reads only: no write is sent. Its counts are
 * the ones the real run then reports (given the same state): `affected` are the ids the run
 * would write for, `skipped` the ones it would report failed (or leave alone) without writing.
 */
export interface OperationPlan {
  /** The provider that planned it. */
  provider: ProviderName;
  /** The call that was previewed. */
  operation: PlannedOperation;
  /** Always true: tells a plan from a real result. */
  dryRun: true;
  /** The collection the call names (absent for `deleteItems`). */
  collectionId?: string;
  /** Ids asked for, deduplicated. */
  requested: number;
  /** Ids the run would write for, in request order. */
  affected: string[];
  /** Ids the run would report failed, with the reason and code (not a member, missing, …). */
  skipped: PlannedSkip[];
  /**
   * What a collection delete does to its items: `items` (when the vendor counts them) are
   * destroyed with it when `deletesItems` (Wickson), only unlinked otherwise (Verifik). Set for
   * `deleteCollection` only.
   */
  cascade?: {
    /** True when the delete destroys the items too (Wickson); false when it only unlinks them (Verifik). */
    deletesItems: boolean;
    /** How many items the collection holds, when known. */
    items?: number;
  };
  /**
   * The membership changes the run attempts (`addItems`, `syncCollection`): ids not yet members
   * to add, members to take out, and how many ids are already right (sent for nothing to change,
   * or not sent at all by a sync). Whether each succeeds is `affected` / `skipped`.
   */
  changes?: {
    /** Ids not yet members, which the run would add. */
    add: string[];
    /** Members the run would take out (`syncCollection` only). */
    remove: string[];
    /** Ids already as desired. */
    unchanged: number;
  };
  /** Write requests the run would send. */
  writeRequests: number;
  /** Reads the run itself would make before writing (membership checks), not counting this plan's. */
  readRequests: number;
  /** Reads this dry run sent to compute the plan (no write was sent). */
  readsSent: number;
  /** The rate-limit window as known now, when the provider has one. */
  quota?: QuotaSnapshot;
  /** The share of one window's allowance the run needs (1 = a whole window), with `quota`. */
  quotaShare?: number;
  /**
   * Estimated time for the run, in ms: the quota's waits (requests beyond this window's remainder
   * wait for the next) and the pace of this dry run's reads over the client's concurrency.
   */
  etaMs?: number;
}
