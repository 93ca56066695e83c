import type { OperationPlan, PlannedOperation, PlannedSkip } from '../spec/plan.js';
import type { QuotaSnapshot } from '../spec/quota.js';
import type { CoreContext } from './core-context.js';
import { estimateEtaMs } from './eta.js';
import type { PlanReader } from './plan-reads.js';

/** What the run would do, before the plan adds the quota, its share and the ETA. */
export interface PlanDraft {
  operation: PlannedOperation;
  collectionId?: string;
  requested: number;
  affected: string[];
  skipped: PlannedSkip[];
  cascade?: OperationPlan['cascade'];
  changes?: OperationPlan['changes'];
  writeRequests: number;
  readRequests: number;
}

/** One id's predicted outcome: succeeded (`undefined`) or failed with the run's reason and code. */
export type Verdict = PlannedSkip | undefined;

/** Splits ids (in request order) into the ids the run would succeed on and the ones it would fail. */
export function partitionVerdicts(ids: readonly string[], verdicts: ReadonlyMap<string, Verdict>): Pick<PlanDraft, 'affected' | 'skipped'> {
  const affected: string[] = [];
  const skipped: PlannedSkip[] = [];
  for (const id of ids) {
    const verdict = verdicts.get(id);
    if (verdict === undefined) affected.push(id);
    else skipped.push(verdict);
  }
  return { affected, skipped };
}

/** A draft for a call with nothing to do: no request at all. */
export function emptyDraft(operation: PlannedOperation, collectionId?: string): PlanDraft {
  return {
    operation, ...(collectionId !== undefined ? { collectionId } : {}),
    requested: 0, affected: [], skipped: [], writeRequests: 0, readRequests: 0,
  };
}

/** Sums two drafts' counts into the first's shape (sync: its phases). */
export function addCounts(into: PlanDraft, part: PlanDraft): void {
  into.affected.push(...part.affected);
  into.skipped.push(...part.skipped);
  into.writeRequests += part.writeRequests;
  into.readRequests += part.readRequests;
}

async function quotaOf(ctx: CoreContext): Promise<QuotaSnapshot | undefined> {
  try {
    return await ctx.client.quotaStatus();
  } catch {
    // A plan without the window is still a plan: the quota fields are left out.
    return undefined;
  }
}

/**
 * The plan: the draft, the reads this dry run sent, the window as known now, the share of one
 * window the run needs, and an ETA. The pace is this dry run's own mean read time spread over
 * the requests the run keeps in flight (its concurrency, at most its write requests).
 */
export async function finishPlan(ctx: CoreContext, reader: PlanReader, draft: PlanDraft): Promise<OperationPlan> {
  const quota = await quotaOf(ctx);
  const requests = draft.writeRequests + draft.readRequests;
  const inFlight = Math.max(1, Math.min(ctx.concurrency, draft.writeRequests));
  const meanReadMs = reader.meanReadMs;
  const etaMs = estimateEtaMs({
    requestsLeft: requests, now: Date.now(), quota, msPerRequest: meanReadMs === undefined ? undefined : meanReadMs / inFlight,
  });
  return {
    provider: ctx.provider,
    operation: draft.operation,
    dryRun: true,
    ...(draft.collectionId !== undefined ? { collectionId: draft.collectionId } : {}),
    requested: draft.requested,
    affected: draft.affected,
    skipped: draft.skipped,
    ...(draft.cascade !== undefined ? { cascade: draft.cascade } : {}),
    ...(draft.changes !== undefined ? { changes: draft.changes } : {}),
    writeRequests: draft.writeRequests,
    readRequests: draft.readRequests,
    readsSent: reader.reads,
    ...(quota !== undefined ? { quota } : {}),
    ...(quota !== undefined && quota.limit > 0 ? { quotaShare: requests / quota.limit } : {}),
    ...(etaMs !== undefined ? { etaMs } : {}),
  };
}
