import { type CollectionError, isNotSent } from '../errors.js';
import type { JournalAppender } from '../jobs/journal-file.js';
import { settledRecord, type JournalRecord } from '../jobs/journal-records.js';
import type { BatchFailure, BatchResult, DeletedVectors, ProviderName } from '../spec/models.js';
import type { BatchProgress } from '../spec/options.js';
import { chunk } from './chunk.js';
import {
  type ChunkOutcome, errorCertainlyChangedNothing, outcomeOfError, settleAfterEarlierAttempts,
} from './chunk-outcome.js';

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
  /**
   * Records each chunk durably before it is sent, and its outcome after it settles (written at
   * the latest together with the slot's next chunk, so before that chunk is sent).
   */
  journal?: JournalAppender | undefined;
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

/** Refusals of a whole request that say nothing about its items: a resume sends them again. */
const REFUSED_AS_A_WHOLE: ReadonlySet<string> = new Set(['RATE_LIMITED', 'UNAUTHORIZED', 'FORBIDDEN', 'ABORTED']);

/** Whether a chunk's error proves nothing reached its items, for a reason a later run may not meet. */
function unappliedAsAWhole(error: unknown): error is CollectionError {
  return errorCertainlyChangedNothing(error) && (isNotSent(error) || REFUSED_AS_A_WHOLE.has((error as CollectionError).code));
}

function journalStopped(error: unknown): Omit<BatchFailure, 'id'> {
  const detail = error instanceof Error ? error.message : String(error);
  return { reason: `not sent: the batch stopped because its journal could not be written (${detail})`, code: 'ABORTED' };
}

const notSent = (ids: readonly string[], why: Omit<BatchFailure, 'id'>): ChunkOutcome =>
  ({ succeeded: [], failed: ids.map((id) => ({ id, ...why })), unknown: [] });

/**
 * Runs chunks with bounded concurrency and folds their outcomes into a BatchResult that
 * partitions the input. Whatever a vendor reports, each id lands in exactly one bucket:
 * ids it does not mention are unknown, and an id it reports both ways is unknown too.
 *
 * `concurrency` slots each take the next chunk in order. With a journal, a slot records a chunk
 * as sent before sending it, and its outcome before sending its next one. When the journal
 * cannot be written, no further chunk is sent (those ids are failed, code ABORTED, saying why),
 * while every outcome already known stays in the result.
 */
export async function runBatch(options: RunBatchOptions): Promise<BatchResult> {
  const { journal, signal } = options;
  const chunks = chunk(options.ids, options.chunkSize);
  const outcomes: ChunkOutcome[] = [];
  const progress: BatchProgress = { total: options.ids.length, done: 0, succeeded: 0, failed: 0, unknown: 0 };
  let journalFailure: { error: unknown } | undefined;
  let next = 0;

  const settle = (ids: string[], outcome: ChunkOutcome): ChunkOutcome => {
    const settled = { ...outcome, ...reconcile(ids, [outcome]) };
    outcomes.push(settled);
    progress.done += ids.length;
    progress.succeeded += settled.succeeded.length;
    progress.failed += settled.failed.length;
    progress.unknown += settled.unknown.length;
    try {
      options.onProgress?.({ ...progress });
    } catch {
      // A faulty progress callback must not turn a batch that ran into a rejection that loses its results.
    }
    return settled;
  };

  const write = async (records: JournalRecord[]): Promise<boolean> => {
    if (journal === undefined || records.length === 0) return true;
    try {
      await journal.append(records);
      return true;
    } catch (error) {
      journalFailure ??= { error };
      return false;
    }
  };

  const slot = async (): Promise<void> => {
    // This slot's last outcome, made durable with its next chunk's record (or at the end).
    let unwritten: JournalRecord[] = [];
    for (let index = next++; index < chunks.length; index = next++) {
      const ids = chunks[index]!;
      if (signal?.aborted) {
        settle(ids, notSent(ids, NOT_SENT_ABORTED));
        continue;
      }
      if (journalFailure !== undefined || !(await write([...unwritten, { type: 'sent', ids }]))) {
        unwritten = [];
        settle(ids, notSent(ids, journalStopped(journalFailure!.error)));
        continue;
      }
      unwritten = [];
      if (signal?.aborted) {
        // Aborted while the record was written: the chunk stays unsent, and the journal says so.
        settle(ids, notSent(ids, NOT_SENT_ABORTED));
        unwritten = [{ type: 'unsent', ids, reason: NOT_SENT_ABORTED.reason }];
        continue;
      }
      let outcome: ChunkOutcome;
      let refusal: CollectionError | undefined;
      try {
        outcome = settleAfterEarlierAttempts(wellFormed(await options.send(ids, signal)));
      } catch (error) {
        outcome = outcomeOfError(ids, error);
        if (unappliedAsAWhole(error)) refusal = error;
      }
      const settled = settle(ids, outcome);
      if (journal !== undefined) {
        unwritten = [refusal !== undefined ? { type: 'unsent', ids, reason: refusal.message } : settledRecord(settled)];
      }
    }
    await write(unwritten);
  };

  const slots = Math.min(Math.max(1, options.concurrency), chunks.length);
  await Promise.all(Array.from({ length: slots }, slot));
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
