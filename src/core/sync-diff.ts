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

/** Whether the client knows a rate limit for its credential (configured, or told by the vendor). */
export async function quotaKnown(ctx: CoreContext): Promise<boolean> {
  try {
    return (await ctx.client.quotaStatus()) !== undefined;
  } catch {
    return false;
  }
}

/** Requests the per-item path sends for a diff (reads the batches make included). */
export function perItemRequests(ctx: CoreContext, diff: SyncDiff): number {
  return perItemCost(ctx, diff, (requests) => requests);
}

/** Round trips the per-item path waits for, `concurrency` requests in flight per batch. */
export function perItemRounds(ctx: CoreContext, diff: SyncDiff): number {
  return perItemCost(ctx, diff, (requests) => Math.ceil(requests / Math.max(1, ctx.concurrency)));
}

/** Per batch: a read-modify-write costs a read then a write per item; others a request per chunk (plus their reads). */
function perItemCost(ctx: CoreContext, diff: SyncDiff, cost: (parallelRequests: number) => number): number {
  const caps = ctx.capabilities;
  const rmw = caps.membershipWrites === 'read-modify-write';
  const batch = (ids: number, reads: number) => {
    if (ids === 0) return 0;
    return rmw ? 2 * cost(ids) : reads + cost(Math.ceil(ids / caps.maxAddBatch));
  };
  return batch(diff.add.length, caps.addCreatesCollection ? 1 : 0) + batch(diff.remove.length, caps.removeItems === 'move-to-default' ? 2 : 0);
}

/** Requests (and round trips: they go one after another) of the one-request path: the PUT and the read-back listing. */
export function replaceRequests(ctx: CoreContext, desired: number): number {
  return 1 + listingPages(desired, ctx.capabilities.maxPageSize);
}

/**
 * Whether the sync sets membership in one request (`replaceMembers`): the adapter has it, the
 * desired set fits its cap, there is something to change, and no journal is asked for (a
 * journaled sync resumes its batches from their journals; the one request has no chunk to
 * record). Then the cheaper path wins: with a known rate limit (a
 * quota), the one sending fewer requests, since that is what bulk work runs out of; otherwise
 * the one waiting for fewer round trips. Measured on the Verifik emulator at 20 ms a request and
 * concurrency 16 (bench/sync-crossover.ts, median of 5): for 100 desired ids one PUT is faster
 * at every number of changes; for 500, per person is faster up to 32 changed ids and one PUT from
 * 48; for 1000, per person up to 48 and one PUT from 96 (64 is a tie within 2 %). The round-trip
 * rule picks the faster path at every one of those points but that tie.
 */
export function usesReplace(
  ctx: CoreContext, desired: number, diff: SyncDiff, options: Pick<BatchOptions, 'journal'>, quotaKnown: boolean,
): boolean {
  const cap = ctx.capabilities.maxReplaceMembers;
  if (typeof ctx.adapter.replaceMembers !== 'function' || !Number.isInteger(cap) || cap! < 1 || desired > cap!) return false;
  if (options.journal !== undefined || diff.add.length + diff.remove.length === 0) return false;
  const replace = replaceRequests(ctx, desired);
  const requests = perItemRequests(ctx, diff);
  if (quotaKnown) return replace < requests;
  // Per item on a tie: its answers settle each id by themselves, with no read-back.
  const rounds = perItemRounds(ctx, diff);
  return replace < rounds || (replace === rounds && replace < requests);
}
