import { CollectionError } from '../errors.js';
import type { BatchOptions } from '../spec/options.js';
import type { CoreContext } from './core-context.js';
import { listingPages } from './plan-reads.js';

/** What a sync changes: desired ids to add, members to take out, and how many are already right. */
export interface SyncDiff {
  /** Desired ids that are not members, in the order given. */
  add: string[];
  /** Members that are not desired, in listing order. */
  remove: string[];
  unchanged: number;
}

export function diffMembership(current: readonly string[], desired: readonly string[]): SyncDiff {
  const members = new Set(current);
  const wanted = new Set(desired);
  const add = desired.filter((id) => !members.has(id));
  return { add, remove: [...members].filter((id) => !wanted.has(id)), unchanged: desired.length - add.length };
}

/**
 * Where removed items go (Wickson's `default`) can never hold exactly a set: items taken out of
 * any collection land there. Refused before any request, as removal from it is.
 */
export function refuseUnsyncable(ctx: CoreContext, collectionId: string): void {
  const { removeItems, protectedCollectionId } = ctx.capabilities;
  if (removeItems !== 'move-to-default' || collectionId !== protectedCollectionId) return;
  throw new CollectionError({
    code: 'INVALID_INPUT', provider: ctx.provider, retryable: false,
    message: `"${collectionId}" cannot be synced: items taken out of any collection go there, so its membership `
      + 'cannot be made exactly a set; sync another collection, or move items in with addItems (request not sent)',
  });
}

/** Requests the per-item path sends for a diff (reads the batches make included). */
export function perItemRequests(ctx: CoreContext, diff: SyncDiff): number {
  const caps = ctx.capabilities;
  const perChunk = (ids: number) => Math.ceil(ids / caps.maxAddBatch);
  const rmw = caps.membershipWrites === 'read-modify-write';
  const adds = diff.add.length === 0 ? 0 : rmw ? 2 * diff.add.length : perChunk(diff.add.length) + (caps.addCreatesCollection ? 1 : 0);
  const removes = diff.remove.length === 0 ? 0
    : rmw ? 2 * diff.remove.length
      : perChunk(diff.remove.length) + (caps.removeItems === 'move-to-default' ? 2 : 0);
  return adds + removes;
}

/** Requests the one-request path sends for a desired set: the PUT and the read-back listing. */
export function replaceRequests(ctx: CoreContext, desired: number): number {
  return 1 + listingPages(desired, ctx.capabilities.maxPageSize);
}

/**
 * Whether the sync sets membership in one request (`replaceMembers`): the adapter has it, the
 * desired set fits its cap, there is something to change, that path sends fewer requests than
 * the per-item one, and no journal is asked for (a journal records the per-item batches' chunks;
 * the one request has none, and a re-run sync reads membership afresh anyway).
 */
export function usesReplace(ctx: CoreContext, desired: number, diff: SyncDiff, options: Pick<BatchOptions, 'journal'>): boolean {
  const cap = ctx.capabilities.maxReplaceMembers;
  if (typeof ctx.adapter.replaceMembers !== 'function' || !Number.isInteger(cap) || cap! < 1 || desired > cap!) return false;
  if (options.journal !== undefined || diff.add.length + diff.remove.length === 0) return false;
  return replaceRequests(ctx, desired) < perItemRequests(ctx, diff);
}
