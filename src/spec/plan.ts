import type { ProviderName } from './models.js';
import type { QuotaSnapshot } from './quota.js';

/** The destructive operations that can be previewed with `dryRun: true`. */
export type PlannedOperation = 'deleteCollection' | 'deleteItems' | 'addItems' | 'removeItems' | 'syncCollection';

/** An id the run would leave alone, and why (not a member, already there, …). */
export interface PlannedSkip {
  id: string;
  reason: string;
  code?: string;
}

/**
 * What a destructive call would do, computed with reads only: no write is sent. Its counts are
 * the ones the real run then reports (given the same state): `affected` are the ids the run
 * would write for, `skipped` the ones it would report failed (or leave alone) without writing.
 */
export interface OperationPlan {
  provider: ProviderName;
  operation: PlannedOperation;
  dryRun: true;
  collectionId?: string;
  /** Ids asked for, deduplicated. */
  requested: number;
  /** Ids the run would write for, in request order. */
  affected: string[];
  skipped: PlannedSkip[];
  /** What a collection delete destroys with it (Wickson deletes its items; Verifik only unlinks). */
  cascade?: { deletesItems: boolean; items?: number };
  /** For `syncCollection`: ids that would be added, removed, or are already right. */
  changes?: { add: string[]; remove: string[]; unchanged: number };
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
  /** Estimated time for the run at the current quota and concurrency, in ms. */
  etaMs?: number;
}
