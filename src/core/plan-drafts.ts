import { isCollectionError } from '../errors.js';
import type { AdapterCall, CollectionAdapter } from '../spec/adapter.js';
import type { AddItemsOptions, BatchOptions, CallOptions } from '../spec/options.js';
import { asCollectionError } from './adapter-errors.js';
import type { CoreContext } from './core-context.js';
import { missingTarget } from './core-errors.js';
import { readNonMembers } from './membership.js';
import { emptyDraft, partitionVerdicts, type PlanDraft, type Verdict } from './plan-outcome.js';
import { collectionIfAny, collectionWithCount, readItemStates } from './plan-reads.js';

// The membership planners, shared by the addItems/removeItems dry runs and the sync plan.

/** A dry run's call options: those of the run it previews. */
export type PlanCall = CallOptions & Pick<BatchOptions, 'waitForQuota'>;

/** A planner's reads wait out an exhausted quota as the run's would (`waitForQuota`, else the client's `quota.wait`). */
export const callOf = (ctx: CoreContext, options: PlanCall): AdapterCall => ({
  signal: options.signal, timeoutMs: options.timeoutMs, quota: { wait: options.waitForQuota ?? ctx.waitForQuota ?? false },
});
export const requestsFor = (ids: number, perRequest: number): number => Math.ceil(ids / Math.max(1, perRequest));
export const notFound = (id: string, reason: string): Verdict => ({ id, reason, code: 'NOT_FOUND' });

/**
 * Adds, as the run makes them: a target the vendor would create is checked first (the same
 * read; missing is NOT_FOUND unless `createIfMissing`); a read-modify-write vendor reads each
 * item and writes only where it is not yet a member; others send every chunk, and a vendor whose
 * add requests are all-or-nothing fails a whole chunk for one missing id.
 */
export async function planAddDraft(
  ctx: CoreContext, reader: CollectionAdapter, collectionId: string, ids: string[], call: Pick<AddItemsOptions, 'signal' | 'timeoutMs' | 'createIfMissing'>,
): Promise<PlanDraft> {
  if (ids.length === 0) return { ...emptyDraft('addItems', collectionId), changes: { add: [], remove: [], unchanged: 0 } };
  const caps = ctx.capabilities;
  const adapterCall = callOf(ctx, call);
  let targetExists = true;
  let runReads = 0;
  if (caps.addCreatesCollection && call.createIfMissing !== true) {
    runReads += 1;
    try {
      await reader.getCollection(collectionId, adapterCall);
    } catch (error) {
      const failure = asCollectionError(ctx.provider, error);
      throw failure.code === 'NOT_FOUND' ? missingTarget(ctx.provider, collectionId, failure.status) : failure;
    }
  } else if (!caps.addCreatesCollection) {
    targetExists = (await collectionIfAny(reader, collectionId, adapterCall)) !== undefined;
  }
  const states = await readItemStates(reader, ids, ctx.concurrency, adapterCall);
  const member = (id: string) => {
    const state = states.get(id)!;
    return state.exists && state.collectionIds?.includes(collectionId) === true;
  };
  const verdicts = new Map<string, Verdict>();
  for (const id of ids) {
    const state = states.get(id)!;
    if (!state.exists) verdicts.set(id, notFound(id, state.reason));
    else if (!member(id) && !targetExists) verdicts.set(id, notFound(id, `collection ${collectionId} does not exist`));
  }
  const rmw = caps.membershipWrites === 'read-modify-write';
  if (caps.missingItemFailsAddRequest && !rmw) failWholeChunks(ctx, ids, verdicts);
  const toAdd = ids.filter((id) => !member(id));
  return {
    operation: 'addItems', collectionId, requested: ids.length, ...partitionVerdicts(ids, verdicts),
    changes: { add: toAdd, remove: [], unchanged: ids.length - toAdd.length },
    writeRequests: rmw ? toAdd.filter((id) => states.get(id)!.exists).length : requestsFor(ids.length, caps.maxAddBatch),
    readRequests: runReads + (rmw ? ids.length : 0),
  };
}

/** All-or-nothing add requests: one failing id fails every id chunked with it. */
function failWholeChunks(ctx: CoreContext, ids: readonly string[], verdicts: Map<string, Verdict>): void {
  const size = ctx.capabilities.maxAddBatch;
  for (let start = 0; start < ids.length; start += size) {
    const chunk = ids.slice(start, start + size);
    const missing = chunk.find((id) => verdicts.get(id) !== undefined);
    if (missing === undefined) continue;
    for (const id of chunk) {
      if (verdicts.get(id) !== undefined) continue;
      verdicts.set(id, notFound(id, `sent in the same request as ${missing}, which does not exist: `
        + `${ctx.provider} refuses the whole request`));
    }
  }
}

/**
 * Removals: members go (moved to the default collection, or unlinked); non-members and missing
 * items end failed NOT_FOUND. `move-to-default` makes exactly the reads the run makes before
 * writing (the collection with its count, then the fewest reads that find non-members).
 */
export async function planRemoveDraft(
  ctx: CoreContext, reader: CollectionAdapter & { readonly reads: number }, collectionId: string, ids: string[], call: CallOptions,
): Promise<PlanDraft> {
  if (ids.length === 0) return emptyDraft('removeItems', collectionId);
  const caps = ctx.capabilities;
  const before = reader.reads;
  let nonMembers: Map<string, string>;
  try {
    const { itemCount } = await collectionWithCount(reader, collectionId, callOf(ctx, call));
    nonMembers = await readNonMembers(reader, collectionId, ids, itemCount, ctx.concurrency, callOf(ctx, call));
  } catch (error) {
    if (!isCollectionError(error) || error.code !== 'NOT_FOUND') throw error;
    // No such collection: nobody is a member (the run's own read fails every id the same way).
    nonMembers = new Map(ids.map((id) => [id, error.message]));
  }
  const members = ids.filter((id) => !nonMembers.has(id));
  const verdicts = new Map([...nonMembers].map(([id, reason]): [string, Verdict] => [id, notFound(id, reason)]));
  const rmw = caps.membershipWrites === 'read-modify-write';
  const moves = caps.removeItems === 'move-to-default';
  return {
    operation: 'removeItems', collectionId, requested: ids.length, ...partitionVerdicts(ids, verdicts),
    writeRequests: rmw ? members.length : requestsFor(moves ? members.length : ids.length, caps.maxAddBatch),
    readRequests: moves ? reader.reads - before : rmw ? ids.length : 0,
  };
}
