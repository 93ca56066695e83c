import pLimit from 'p-limit';
import type { BatchFailure, BatchResult, DeletedVectors, ProviderName } from '../spec/models.js';
import type { BatchProgress } from '../spec/options.js';
import { chunk } from './chunk.js';
import { type ChunkOutcome, outcomeOfError, settleAfterEarlierAttempts } from './chunk-outcome.js';

export interface RunBatchOptions {
  provider: ProviderName;
  /** Validated, deduplicated ids. */
  ids: readonly string[];
  chunkSize: number;
  concurrency: number;
  signal?: AbortSignal;
  onProgress?: (progress: BatchProgress) => void;
  /** Sends one chunk. Throwing is fine: the error decides between failed and unknown. */
  send: (ids: string[], signal: AbortSignal | undefined) => Promise<ChunkOutcome>;
}

/**
 * An adapter's outcome with its three lists present (a plug-in may leave one out). Anything
 * that is not an object throws here, inside the chunk's try: the chunk is then unknown.
 */
function wellFormed(outcome: ChunkOutcome): ChunkOutcome {
  const list = <T>(value: T[] | undefined): T[] => (Array.isArray(value) ? value : []);
  return { ...outcome, succeeded: list(outcome.succeeded), failed: list(outcome.failed), unknown: list(outcome.unknown) };
}

const NOT_SENT_ABORTED: Omit<BatchFailure, 'id'> = { reason: 'not sent: the batch was aborted', code: 'ABORTED' };

/**
 * Runs chunks with bounded concurrency and folds their outcomes into a BatchResult that
 * partitions the input. Whatever a vendor reports, each id lands in exactly one bucket:
 * ids it does not mention are unknown, and an id it reports both ways is unknown too.
 */
export async function runBatch(options: RunBatchOptions): Promise<BatchResult> {
  const limit = pLimit(Math.max(1, options.concurrency));
  const outcomes: ChunkOutcome[] = [];
  const progress: BatchProgress = { total: options.ids.length, done: 0, succeeded: 0, failed: 0, unknown: 0 };

  const runChunk = async (ids: string[]): Promise<void> => {
    let outcome: ChunkOutcome;
    if (options.signal?.aborted) {
      outcome = { succeeded: [], failed: ids.map((id) => ({ id, ...NOT_SENT_ABORTED })), unknown: [] };
    } else {
      try {
        outcome = settleAfterEarlierAttempts(wellFormed(await options.send(ids, options.signal)));
      } catch (error) {
        outcome = outcomeOfError(ids, error);
      }
    }
    const settled = reconcile(ids, [outcome]);
    outcomes.push({ ...outcome, ...settled });
    progress.done += ids.length;
    progress.succeeded += settled.succeeded.length;
    progress.failed += settled.failed.length;
    progress.unknown += settled.unknown.length;
    try {
      options.onProgress?.({ ...progress });
    } catch {
      // A faulty progress callback must not turn a batch that ran into a rejection that loses its results.
    }
  };

  await Promise.all(chunk(options.ids, options.chunkSize).map((ids) => limit(() => runChunk(ids))));
  return assemble(options.provider, options.ids, outcomes);
}

function reconcile(ids: readonly string[], outcomes: readonly ChunkOutcome[]): Pick<BatchResult, 'succeeded' | 'failed' | 'unknown'> {
  const requested = new Set(ids);
  const verdicts = new Map<string, 'succeeded' | BatchFailure | 'unknown'>();
  const kind = (verdict: 'succeeded' | BatchFailure | 'unknown') => (typeof verdict === 'string' ? verdict : 'failed');
  const record = (id: string, verdict: 'succeeded' | BatchFailure | 'unknown') => {
    if (!requested.has(id)) return;
    const previous = verdicts.get(id);
    if (previous === undefined) verdicts.set(id, verdict);
    // Contradictory reports are not a success: the truth is unknown. The same report twice
    // (two failure entries for one id) is not a contradiction; the first reason is kept.
    else if (kind(previous) !== kind(verdict)) verdicts.set(id, 'unknown');
  };
  for (const outcome of outcomes) {
    outcome.succeeded.forEach((id) => record(id, 'succeeded'));
    outcome.failed.forEach((failure) => record(failure.id, failure));
    outcome.unknown.forEach((id) => record(id, 'unknown'));
  }
  const result = { succeeded: [] as string[], failed: [] as BatchFailure[], unknown: [] as string[] };
  for (const id of ids) {
    const verdict = verdicts.get(id) ?? 'unknown';
    if (verdict === 'succeeded') result.succeeded.push(id);
    else if (verdict === 'unknown') result.unknown.push(id);
    else result.failed.push(verdict);
  }
  return result;
}

function sumOptional(values: Array<number | undefined>): number | undefined {
  const present = values.filter((v): v is number => v !== undefined);
  return present.length === 0 ? undefined : present.reduce((a, b) => a + b, 0);
}

function assemble(provider: ProviderName, ids: readonly string[], outcomes: ChunkOutcome[]): BatchResult {
  const { succeeded, failed, unknown } = reconcile(ids, outcomes);
  const result: BatchResult = {
    provider,
    requested: ids.length,
    ok: failed.length === 0 && unknown.length === 0,
    succeeded,
    failed,
    unknown,
    raw: outcomes.map((o) => o.raw).filter((raw) => raw !== undefined),
  };
  const moved = sumOptional(outcomes.map((o) => o.moved));
  const already = sumOptional(outcomes.map((o) => o.alreadyInCollection));
  const vectors = outcomes.map((o) => o.deletedVectors).filter((v): v is DeletedVectors => v !== undefined);
  if (moved !== undefined) result.moved = moved;
  if (already !== undefined) result.alreadyInCollection = already;
  if (vectors.length > 0) {
    result.deletedVectors = vectors.reduce((a, b) => ({ hd: a.hd + b.hd, ld: a.ld + b.ld }), { hd: 0, ld: 0 });
  }
  return result;
}
