import { CollectionError } from '../errors.js';
import type { BatchFailure, BatchResult } from '../spec/models.js';
import type { BatchProgress, ReconcileOptions } from '../spec/options.js';
import { validateId, validateIdList } from '../validation/input.js';
import type { CoreContext } from './core-context.js';
import { unsupported } from './core-errors.js';
import { readBack, type ReadTarget } from './read-back.js';

const OPERATIONS: ReadonlySet<unknown> = new Set(['deleteItems', 'addItems', 'removeItems']);

function invalid(provider: string, message: string): CollectionError {
  return new CollectionError({ code: 'INVALID_INPUT', provider, retryable: false, message: `reconcile: ${message} (nothing was read)` });
}

/** What to read back for a result, from the fields the batch methods set on it. */
function targetOf(ctx: CoreContext, result: BatchResult): ReadTarget {
  if (typeof result !== 'object' || result === null) throw invalid(ctx.provider, 'expected a BatchResult');
  if (result.provider !== ctx.provider) {
    throw invalid(ctx.provider, `the result is from ${JSON.stringify(result.provider)}, this client is ${ctx.provider}`);
  }
  if (!OPERATIONS.has(result.operation)) {
    throw invalid(ctx.provider, 'the result does not say which operation produced it (`operation`); '
      + 'only results of deleteItems, addItems and removeItems can be reconciled');
  }
  if (!Array.isArray(result.succeeded) || !Array.isArray(result.failed) || !Array.isArray(result.unknown)) {
    throw invalid(ctx.provider, 'the result lacks its succeeded, failed and unknown lists');
  }
  const operation = result.operation as ReadTarget['operation'];
  if (operation === 'deleteItems') return { operation };
  if (result.collectionId === undefined) throw invalid(ctx.provider, `a result of ${operation} must name its collection (\`collectionId\`)`);
  return { operation, collectionId: validateId(ctx.provider, result.collectionId, 'result.collectionId') };
}

/**
 * Settles the unknown ids of a batch result by reading each item back: an id whose state is
 * what the call asked for moves to `succeeded`, one whose state is not to `failed` (the reason
 * says what was read), and one that cannot be read stays `unknown`. Succeeded and failed keep
 * their order, with the settled ids appended in the order `unknown` had them; everything else
 * (`raw`, counts) is kept as it was. An abort stops further reads: the ids not read stay unknown.
 */
export async function reconcileResult(ctx: CoreContext, result: BatchResult, options: ReconcileOptions): Promise<BatchResult> {
  const target = targetOf(ctx, result);
  if (ctx.adapter.getItem === undefined) throw unsupported(ctx.provider, 'reconcile (it reads items back with getItem)', ctx.adapter.unsupported?.getItem);
  const unknown = validateIdList(ctx.provider, result.unknown, 'result.unknown');
  const progress: BatchProgress = { total: unknown.length, done: 0, succeeded: 0, failed: 0, unknown: 0 };
  const verdicts = await readBack(ctx.adapter, target, unknown, ctx.concurrency, { signal: options.signal, timeoutMs: options.timeoutMs }, (_id, verdict) => {
    progress.done += 1;
    if (verdict.state === 'done') progress.succeeded += 1;
    else if (verdict.state === 'not-done' || verdict.state === 'failed') progress.failed += 1;
    else progress.unknown += 1;
    options.onProgress?.({ ...progress });
  });
  const succeeded = [...result.succeeded];
  const failed: BatchFailure[] = [...result.failed];
  const stillUnknown: string[] = [];
  for (const id of unknown) {
    const verdict = verdicts.get(id);
    if (verdict?.state === 'done') succeeded.push(id);
    else if (verdict?.state === 'not-done' || verdict?.state === 'failed') failed.push({ id, reason: verdict.reason });
    else stillUnknown.push(id);
  }
  return { ...result, succeeded, failed, unknown: stillUnknown, ok: failed.length === 0 && stillUnknown.length === 0 };
}
