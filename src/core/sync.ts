import type { AdapterCall } from '../spec/adapter.js';
import type { BatchResult, SyncResult } from '../spec/models.js';
import type { BatchOptions, BatchProgress, SyncCollectionOptions } from '../spec/options.js';
import type { CoreContext } from './core-context.js';
import { diffMembership, quotaKnown, refuseUnsyncable, type SyncDiff, usesReplace } from './sync-diff.js';
import { journaledSync, type JournaledSync } from './sync-journal.js';
import { listedIds, replaceMembership, type SyncBatches } from './sync-replace.js';

const callOf = (options: SyncCollectionOptions): AdapterCall => ({ signal: options.signal, timeoutMs: options.timeoutMs });

/** A faulty progress callback must not break the sync it reports on. */
function safely(report: () => void): void {
  try {
    report();
  } catch {
    // Ignored, as the batch runner does.
  }
}

/**
 * Makes a collection's membership exactly `desired` (validated, unique ids). It reads the
 * collection (missing: NOT_FOUND, nothing written) and its listing, then changes only the
 * difference: in one request where the adapter can set membership whole and that is cheaper
 * (Verifik's PUT with `people`, read back afterwards), otherwise through the public `addItems`
 * and `removeItems`, so every batch promise holds (partition, the earlier-attempt rule, abort,
 * per-item serialization). With a journal, the difference is recorded first and each batch keeps
 * its own journal beside it (see sync-journal.ts), so a resumed sync continues the same batches.
 * Progress counts both batches as one job.
 */
export async function syncCollection(
  ctx: CoreContext, collectionId: string, desired: string[], options: SyncCollectionOptions,
): Promise<SyncResult> {
  refuseUnsyncable(ctx, collectionId);
  const call = callOf(options);
  const decide = async () => {
    const collection = await ctx.adapter.getCollection(collectionId, call);
    return { collection, diff: diffMembership(await listedIds(ctx, collectionId, options), desired) };
  };
  let diff: SyncDiff;
  let batches: SyncBatches | undefined;
  if (options.journal !== undefined) {
    const journaled = await journaledSync(ctx, collectionId, desired, options.journal, async () => (await decide()).diff);
    diff = journaled.diff;
    batches = await perItem(ctx, collectionId, diff, options, journaled);
  } else {
    const decided = await decide();
    diff = decided.diff;
    if (usesReplace(ctx, desired.length, diff, options, await quotaKnown(ctx))) {
      const quota = { wait: options.waitForQuota ?? ctx.waitForQuota ?? false };
      batches = await replaceMembership(ctx, decided.collection, desired, diff, options, { ...call, quota });
      const report = options.onProgress;
      const replaced = batches;
      if (replaced !== undefined && report !== undefined) {
        const total = diff.add.length + diff.remove.length;
        safely(() => report({ total, done: total, ...counts(replaced.add, replaced.remove) }));
      }
    }
    batches ??= await perItem(ctx, collectionId, diff, options, undefined);
  }
  const { add, remove } = batches;
  return {
    provider: ctx.provider, collectionId, ok: add.ok && remove.ok,
    added: add.succeeded.length, removed: remove.succeeded.length, unchanged: diff.unchanged, add, remove,
  };
}

function counts(...results: BatchResult[]): Pick<BatchProgress, 'succeeded' | 'failed' | 'unknown'> {
  const sum = (pick: (r: BatchResult) => number) => results.reduce((n, r) => n + pick(r), 0);
  return { succeeded: sum((r) => r.succeeded.length), failed: sum((r) => r.failed.length), unknown: sum((r) => r.unknown.length) };
}

/** A batch over no ids: nothing sent. */
function emptyBatch(ctx: CoreContext, operation: 'addItems' | 'removeItems', collectionId: string): BatchResult {
  return { provider: ctx.provider, operation, collectionId, requested: 0, ok: true, succeeded: [], failed: [], unknown: [], raw: [] };
}

/** Adds then removals, through the public batch methods; progress offsets the second by the first. */
async function perItem(
  ctx: CoreContext, collectionId: string, { add, remove }: SyncDiff, options: SyncCollectionOptions, journals: JournaledSync | undefined,
): Promise<SyncBatches> {
  const report = options.onProgress;
  const total = add.length + remove.length;
  const phase = (kind: 'add' | 'remove', before: BatchResult | undefined): BatchOptions => {
    const journal = journals?.[kind];
    const base = before === undefined ? { done: 0, succeeded: 0, failed: 0, unknown: 0 } : { done: before.requested, ...counts(before) };
    return {
      ...(options.signal !== undefined ? { signal: options.signal } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.waitForQuota !== undefined ? { waitForQuota: options.waitForQuota } : {}),
      ...(journal !== undefined ? { journal } : {}),
      ...(report === undefined ? {} : {
        onProgress: (progress: BatchProgress) => report({
          ...progress, total, done: base.done + progress.done, succeeded: base.succeeded + progress.succeeded,
          failed: base.failed + progress.failed, unknown: base.unknown + progress.unknown,
        }),
      }),
    };
  };
  const added = add.length === 0 ? emptyBatch(ctx, 'addItems', collectionId) : await ctx.client.addItems(collectionId, add, phase('add', undefined));
  const removed = remove.length === 0
    ? emptyBatch(ctx, 'removeItems', collectionId) : await ctx.client.removeItems(collectionId, remove, phase('remove', added));
  return { add: added, remove: removed };
}
