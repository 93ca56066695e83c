import type { AdapterCall, CollectionAdapter } from '../spec/adapter.js';
import type { Collection } from '../spec/models.js';
import type { SyncCollectionOptions } from '../spec/options.js';
import type { CoreContext } from './core-context.js';
import { paginate } from './paginate.js';
import { addCounts, emptyDraft, type PlanDraft } from './plan-outcome.js';
import { listingPages, readItemStates } from './plan-reads.js';
import { callOf, planAddDraft } from './plan-drafts.js';
import { diffMembership, quotaKnown, refuseUnsyncable, type SyncDiff, usesReplace } from './sync-diff.js';


/** Every member's id, one full listing (the read a sync starts with). */
export async function memberIds(adapter: CollectionAdapter, collectionId: string, call: AdapterCall): Promise<string[]> {
  const { maxPageSize } = adapter.capabilities;
  const ids: string[] = [];
  for await (const item of paginate(maxPageSize, (page) => adapter.listItemsPage(collectionId, page, maxPageSize, call))) ids.push(item.id);
  return ids;
}

/**
 * The plan of a sync, made with the reads the run starts with (the collection, its listing) and
 * those its batches would make. The one-request path (Verifik's PUT with `people`) names every
 * desired id, and the vendor refuses it whole when one does not exist: then the run goes per item,
 * and so does the plan, after that refused request.
 */
export async function planSyncDraft(
  ctx: CoreContext, reader: CollectionAdapter & { readonly reads: number }, collectionId: string, desired: string[],
  options: SyncCollectionOptions,
): Promise<PlanDraft> {
  refuseUnsyncable(ctx, collectionId);
  const call = callOf(ctx, options);
  const collection = await reader.getCollection(collectionId, call);
  const current = await memberIds(reader, collectionId, call);
  const diff = diffMembership(current, desired);
  const draft: PlanDraft = {
    ...emptyDraft('syncCollection', collectionId),
    requested: desired.length,
    changes: { add: diff.add, remove: diff.remove, unchanged: diff.unchanged },
    readRequests: reader.reads,
  };
  if (diff.add.length + diff.remove.length === 0) return draft;
  if (usesReplace(ctx, desired.length, diff, options, await quotaKnown(ctx))) {
    const states = await readItemStates(reader, diff.add, ctx.concurrency, call);
    draft.writeRequests += 1;
    if ([...states.values()].every((state) => state.exists)) {
      draft.affected.push(...diff.add, ...diff.remove);
      draft.readRequests += listingPages(desired.length, ctx.capabilities.maxPageSize);
      return draft;
    }
    // The refused PUT sent, the run continues per item.
  }
  const adds = await planAddDraft(ctx, reader, collectionId, diff.add, options);
  addCounts(draft, adds);
  addCounts(draft, removalDraft(ctx, collection, current.length + adds.affected.length, diff));
  return draft;
}

/**
 * The removal batch of a sync takes out ids the listing just showed as members, so every one is
 * affected; its requests are the ones `removeItems` makes, with the collection's size after the
 * adds deciding how it reads membership.
 */
function removalDraft(ctx: CoreContext, collection: Collection, sizeAfterAdds: number, diff: SyncDiff): PlanDraft {
  const draft = { ...emptyDraft('removeItems', collection.id), requested: diff.remove.length, affected: [...diff.remove] };
  const count = diff.remove.length;
  if (count === 0) return draft;
  const caps = ctx.capabilities;
  if (caps.membershipWrites === 'read-modify-write') return { ...draft, writeRequests: count, readRequests: count };
  const writeRequests = Math.ceil(count / caps.maxAddBatch);
  if (caps.removeItems !== 'move-to-default') return { ...draft, writeRequests };
  const countRead = collection.itemCount === undefined && ctx.adapter.countItems !== undefined ? 1 : 0;
  const pages = listingPages(sizeAfterAdds, caps.maxPageSize);
  const membershipReads = ctx.adapter.getItem === undefined || pages <= count ? pages : count;
  return { ...draft, writeRequests, readRequests: 1 + countRead + membershipReads };
}
