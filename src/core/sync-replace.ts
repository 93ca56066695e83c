import { errorCertainlyChangedNothing } from '../batch/chunk-outcome.js';
import type { CollectionError } from '../errors.js';
import type { AdapterCall, ReplaceOutcome } from '../spec/adapter.js';
import type { BatchFailure, BatchResult, Collection } from '../spec/models.js';
import type { SyncCollectionOptions } from '../spec/options.js';
import { asCollectionError } from './adapter-errors.js';
import type { CoreContext } from './core-context.js';
import type { SyncDiff } from './sync-diff.js';

/** Every member's id, through the client's listing (abort is checked between pages). */
export async function listedIds(ctx: CoreContext, collectionId: string, options: SyncCollectionOptions): Promise<string[]> {
  const ids: string[] = [];
  const listing = ctx.client.listItems(collectionId, {
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
  for await (const item of listing) ids.push(item.id);
  return ids;
}

/** Both batches of a sync. */
export interface SyncBatches {
  add: BatchResult;
  remove: BatchResult;
}

type Settled = 'succeeded' | 'unknown' | BatchFailure;

/** Refusals the per-item path can do better on: it says which ids the vendor refuses (a missing person, a smaller cap). */
const PER_ITEM_DOES_BETTER: ReadonlySet<string> = new Set(['NOT_FOUND', 'INVALID_INPUT']);

/**
 * Sets the membership with one request (`replaceMembers`), then reads it back and settles every
 * changed id from what it reads, never from the answer (the vendor applies `people` "subject to
 * server rules"):
 * - an id found as desired is succeeded, whatever the request's answer was;
 * - after a 2xx, an id not found as desired is failed (the vendor did not apply it), unless an
 *   earlier attempt may have applied: then unknown (the earlier-attempt rule);
 * - after a lost answer (timeout, reset, 5xx) it is unknown, and so is every id when the
 *   read-back itself fails.
 * A refusal (4xx) changed nothing: `undefined` for NOT_FOUND and INVALID_INPUT (the caller then
 * goes per item), every id failed otherwise. An aborted signal sends nothing: failed ABORTED.
 */
export async function replaceMembership(
  ctx: CoreContext, collection: Collection, desired: string[], diff: SyncDiff, options: SyncCollectionOptions, call: AdapterCall,
): Promise<SyncBatches | undefined> {
  const changed = [...diff.add, ...diff.remove];
  if (options.signal?.aborted) {
    return settle(ctx, collection.id, diff, new Map(changed.map((id) => [id, { id, reason: 'not sent: the sync was aborted', code: 'ABORTED' }])), []);
  }
  let outcome: ReplaceOutcome | undefined;
  let failure: CollectionError | undefined;
  try {
    outcome = await ctx.adapter.replaceMembers!(collection, desired, call);
  } catch (error) {
    failure = asCollectionError(ctx.provider, error);
    if (errorCertainlyChangedNothing(failure)) {
      if (PER_ITEM_DOES_BETTER.has(failure.code)) return undefined;
      const refused = failure;
      return settle(ctx, collection.id, diff, new Map(changed.map((id) => [id, { id, reason: refused.message, code: refused.code }])), []);
    }
  }
  let members: Set<string> | undefined;
  try {
    members = new Set(await listedIds(ctx, collection.id, options));
  } catch {
    members = undefined;
  }
  const answered = failure === undefined && outcome?.earlierAttemptMayHaveApplied !== true;
  const verdicts = new Map<string, Settled>();
  const decide = (id: string, wantMember: boolean, verb: string) => {
    if (members === undefined) verdicts.set(id, 'unknown');
    else if (members.has(id) === wantMember) verdicts.set(id, 'succeeded');
    else if (!answered) verdicts.set(id, 'unknown');
    else {
      verdicts.set(id, {
        id, code: 'CONFLICT',
        reason: `${ctx.provider} accepted the membership update but did not ${verb} it: it was ${wantMember ? 'not ' : ''}a member `
          + 'when read back (the vendor applies the list subject to its own rules, or another writer changed it since)',
      });
    }
  };
  diff.add.forEach((id) => decide(id, true, 'add'));
  diff.remove.forEach((id) => decide(id, false, 'remove'));
  return settle(ctx, collection.id, diff, verdicts, outcome?.raw === undefined ? [] : [outcome.raw]);
}

function settle(ctx: CoreContext, collectionId: string, diff: SyncDiff, verdicts: ReadonlyMap<string, Settled>, raw: unknown[]): SyncBatches {
  const batch = (operation: 'addItems' | 'removeItems', ids: readonly string[]): BatchResult => {
    const result: BatchResult = {
      provider: ctx.provider, operation, collectionId, requested: ids.length, ok: true,
      succeeded: [], failed: [], unknown: [], raw: ids.length === 0 ? [] : raw,
    };
    for (const id of ids) {
      const verdict = verdicts.get(id) ?? 'unknown';
      if (verdict === 'succeeded') result.succeeded.push(id);
      else if (verdict === 'unknown') result.unknown.push(id);
      else result.failed.push(verdict);
    }
    result.ok = result.failed.length === 0 && result.unknown.length === 0;
    // A link is a move (as addItems counts it); an unlink moves nobody anywhere.
    if (operation === 'addItems' && ids.length > 0) Object.assign(result, { moved: result.succeeded.length, alreadyInCollection: 0 });
    return result;
  };
  return { add: batch('addItems', diff.add), remove: batch('removeItems', diff.remove) };
}
