import type { CallOptions, SyncCollectionOptions } from '../spec/options.js';
import type { OperationPlan } from '../spec/plan.js';
import type { CoreContext } from './core-context.js';
import { callOf, notFound, planAddDraft, planRemoveDraft, requestsFor, type PlanCall } from './plan-drafts.js';
import { finishPlan, partitionVerdicts, type Verdict } from './plan-outcome.js';
import { collectionWithCount, planReader, readItemStates } from './plan-reads.js';
import { planSyncDraft } from './sync-plan.js';

// Dry runs. Each planner reads what the run would find out (membership, existence) through a
// read-only, counting view of the adapter, and predicts per id what the run then reports: an
// `affected` id ends succeeded, a `skipped` one failed with the same code. Rules the run applies
// before any request (validation, UNSUPPORTED, the protected collection) have already been
// applied by the client; a read the run itself makes and that would end the call (a Wickson add
// target that does not exist) ends the dry run the same way.

/** The plan of `deleteCollection(id)`: what cascades, one write request. Inputs are validated. */
export async function planDeleteCollection(ctx: CoreContext, collectionId: string, call: PlanCall): Promise<OperationPlan> {
  const reader = planReader(ctx.adapter);
  // A missing collection is NOT_FOUND here, as the run's DELETE would be.
  const { itemCount } = await collectionWithCount(reader, collectionId, callOf(ctx, call));
  return finishPlan(ctx, reader, {
    operation: 'deleteCollection', collectionId, requested: 1, affected: [collectionId], skipped: [],
    cascade: { deletesItems: ctx.capabilities.deleteCascadesItems, ...(itemCount !== undefined ? { items: itemCount } : {}) },
    writeRequests: 1, readRequests: 0,
  });
}

/** The plan of `deleteItems(ids)`: every chunk is sent; ids that do not exist come back failed. */
export async function planDeleteItems(ctx: CoreContext, ids: string[], call: PlanCall): Promise<OperationPlan> {
  const reader = planReader(ctx.adapter);
  const states = await readItemStates(reader, ids, ctx.concurrency, callOf(ctx, call));
  const verdicts = new Map(ids.map((id): [string, Verdict] => {
    const state = states.get(id)!;
    return [id, state.exists ? undefined : notFound(id, state.reason)];
  }));
  return finishPlan(ctx, reader, {
    operation: 'deleteItems', requested: ids.length, ...partitionVerdicts(ids, verdicts),
    writeRequests: requestsFor(ids.length, ctx.capabilities.maxDeleteBatch), readRequests: 0,
  });
}

/** The plan of `addItems(collectionId, ids)`. */
export async function planAddItems(
  ctx: CoreContext, collectionId: string, ids: string[], call: PlanCall & { createIfMissing?: boolean },
): Promise<OperationPlan> {
  const reader = planReader(ctx.adapter);
  return finishPlan(ctx, reader, await planAddDraft(ctx, reader, collectionId, ids, call));
}

/** The plan of `removeItems(collectionId, ids)`. */
export async function planRemoveItems(ctx: CoreContext, collectionId: string, ids: string[], call: PlanCall): Promise<OperationPlan> {
  const reader = planReader(ctx.adapter);
  return finishPlan(ctx, reader, await planRemoveDraft(ctx, reader, collectionId, ids, call));
}

/** The plan of `syncCollection(collectionId, desired)`. */
export async function planSync(
  ctx: CoreContext, collectionId: string, desired: string[], call: SyncCollectionOptions,
): Promise<OperationPlan> {
  const reader = planReader(ctx.adapter);
  return finishPlan(ctx, reader, await planSyncDraft(ctx, reader, collectionId, desired, call));
}
