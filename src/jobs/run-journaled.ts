import { rm } from 'node:fs/promises';
import type { BatchFailure, BatchResult, DeletedVectors } from '../spec/models.js';
import type { BatchOptions, BatchProgress, JournalOptions } from '../spec/options.js';
import type { JobIdentity } from './job-identity.js';
import type { JobState } from './job-state.js';
import type { JournalAppender } from './journal-file.js';
import { settledRecord } from './journal-records.js';
import { journalTarget, openJournal } from './open-journal.js';

/**
 * What reading an id back said: the job's effect holds; does not (send again); does not and
 * cannot (an item to add that is gone: settled failed, never sent); or cannot be told.
 */
export type ReadBackState = { state: 'done' | 'not-done' | 'unreadable' } | { state: 'failed'; reason: string };

export interface JournaledJob {
  identity: JobIdentity;
  journal: string | JournalOptions;
  call: BatchOptions;
  /** Reads back ids that may or may not have been written (unknown, or in flight at a crash). */
  readBack(ids: string[], call: BatchOptions): Promise<Map<string, ReadBackState>>;
  /** Runs the job's writes for `ids` (in the job's order), recording each chunk in `journal`. */
  run(ids: string[], journal: JournalAppender, call: BatchOptions): Promise<BatchResult>;
}

type Verdict = 'succeeded' | 'unknown' | BatchFailure;

/**
 * Runs a batch with a journal. A new job records everything as it goes. A resumed job never
 * sends an id the journal records settled (succeeded or failed: that outcome is reported again),
 * reads back the ids whose outcome was unknown or whose chunk was in flight when the job stopped,
 * settles those that read as done, sends only those that read as not done, and sends the ids it
 * never sent. Ids that cannot be read stay unknown and are not sent. The result covers every id
 * of the job, in its order; `raw` holds only this run's vendor answers.
 */
export async function runJournaled(job: JournaledJob): Promise<BatchResult> {
  const { ids } = job.identity;
  const opened = await openJournal(job.identity, job.journal);
  const { file, prior } = opened;
  try {
    const verdicts = new Map<string, Verdict>();
    const toRead: string[] = [];
    for (const id of ids) {
      const state = prior?.ids.get(id);
      if (state?.kind === 'succeeded') verdicts.set(id, 'succeeded');
      else if (state?.kind === 'failed') verdicts.set(id, state.failure);
      else if (state?.kind === 'sent' || state?.kind === 'unknown') toRead.push(id);
    }
    if (toRead.length > 0) {
      const read = await job.readBack(toRead, job.call);
      const done: string[] = [];
      const failed: BatchFailure[] = [];
      for (const id of toRead) {
        const verdict = read.get(id) ?? { state: 'unreadable' };
        if (verdict.state === 'done') done.push(id);
        else if (verdict.state === 'failed') failed.push({ id, reason: verdict.reason });
        else if (verdict.state === 'unreadable') verdicts.set(id, 'unknown');
      }
      done.forEach((id) => verdicts.set(id, 'succeeded'));
      failed.forEach((failure) => verdicts.set(failure.id, failure));
      // A failed write leaves the journal refusing every later one: the run then sends nothing.
      if (done.length + failed.length > 0) {
        await file.append([settledRecord({ succeeded: done, failed, unknown: [], by: 'read' })]).catch(() => undefined);
      }
    }
    const todo = ids.filter((id) => !verdicts.has(id));
    const base = baseProgress(ids.length - todo.length, verdicts);
    if (base.done > 0) report(job.call, { ...base, total: ids.length });
    const onProgress = job.call.onProgress;
    const call: BatchOptions = onProgress === undefined ? job.call : {
      ...job.call,
      onProgress: (progress) => onProgress({
        ...progress,
        total: base.done + progress.total,
        done: base.done + progress.done,
        succeeded: base.succeeded + progress.succeeded,
        failed: base.failed + progress.failed,
        unknown: base.unknown + progress.unknown,
      }),
    };
    const result = await job.run(todo, file, call);
    return merge(ids, verdicts, prior, result);
  } catch (error) {
    await file.close().catch(() => undefined);
    // A job that failed before recording anything (a missing target, say) leaves no journal behind.
    if (opened.created && file.written <= 1) await rm(journalTarget(job.journal).path, { force: true }).catch(() => undefined);
    throw error;
  } finally {
    await file.close().catch(() => undefined);
  }
}

function baseProgress(done: number, verdicts: ReadonlyMap<string, Verdict>): Omit<BatchProgress, 'total'> {
  let succeeded = 0;
  let unknown = 0;
  verdicts.forEach((verdict) => {
    if (verdict === 'succeeded') succeeded += 1;
    else if (verdict === 'unknown') unknown += 1;
  });
  return { done, succeeded, unknown, failed: done - succeeded - unknown };
}

function report(call: BatchOptions, progress: BatchProgress): void {
  try {
    call.onProgress?.(progress);
  } catch {
    // A faulty progress callback must not break the job.
  }
}

const add = (a: number | undefined, b: number | undefined): number | undefined =>
  (a === undefined ? b : b === undefined ? a : a + b);

function addVectors(a: DeletedVectors | undefined, b: DeletedVectors | undefined): DeletedVectors | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  return { hd: a.hd + b.hd, ld: a.ld + b.ld };
}

/** This run's result and what was settled before it, over every id of the job, in order. */
function merge(ids: readonly string[], decided: ReadonlyMap<string, Verdict>, prior: JobState | undefined, run: BatchResult): BatchResult {
  const verdicts = new Map<string, Verdict>(decided);
  run.succeeded.forEach((id) => verdicts.set(id, 'succeeded'));
  run.failed.forEach((failure) => verdicts.set(failure.id, failure));
  run.unknown.forEach((id) => verdicts.set(id, 'unknown'));
  const result: BatchResult = { ...run, requested: ids.length, ok: false, succeeded: [], failed: [], unknown: [] };
  for (const id of ids) {
    const verdict = verdicts.get(id) ?? 'unknown';
    if (verdict === 'succeeded') result.succeeded.push(id);
    else if (verdict === 'unknown') result.unknown.push(id);
    else result.failed.push(verdict);
  }
  result.ok = result.failed.length === 0 && result.unknown.length === 0;
  const moved = add(prior?.moved, run.moved);
  const already = add(prior?.alreadyInCollection, run.alreadyInCollection);
  const vectors = addVectors(prior?.deletedVectors, run.deletedVectors);
  if (moved !== undefined) result.moved = moved;
  if (already !== undefined) result.alreadyInCollection = already;
  if (vectors !== undefined) result.deletedVectors = vectors;
  return result;
}
