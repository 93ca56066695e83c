import type { BatchFailure, DeletedVectors } from '../spec/models.js';
import type { JournalRecord } from './journal-records.js';

/**
 * Where an id stands after the records so far:
 * - `sent`: its chunk was sent (or about to be) and nothing came back before the job stopped;
 * - `unknown`: its chunk's answer did not settle it;
 * - `unsent`: its chunk was refused as a whole, provably unapplied: free to send again;
 * - `succeeded` / `failed`: settled; never sent again.
 */
export type IdState =
  | { kind: 'sent' | 'unknown' | 'unsent' | 'succeeded' }
  | { kind: 'failed'; failure: BatchFailure };

/** What a journal says about its job's ids, and the totals its answers reported. */
export interface JobState {
  /** Ids the journal mentions; an id it never mentions was never sent. */
  ids: Map<string, IdState>;
  moved?: number;
  alreadyInCollection?: number;
  deletedVectors?: DeletedVectors;
}

const SENT: IdState = { kind: 'sent' };
const UNKNOWN: IdState = { kind: 'unknown' };
const UNSENT: IdState = { kind: 'unsent' };
const SUCCEEDED: IdState = { kind: 'succeeded' };

/** Folds records in order: the latest record about an id says where it stands. */
export function foldRecords(records: readonly JournalRecord[], jobIds: ReadonlySet<string>): JobState {
  const state: JobState = { ids: new Map() };
  const set = (id: string, value: IdState) => {
    if (jobIds.has(id)) state.ids.set(id, value);
  };
  for (const record of records) {
    if (record.type === 'sent') record.ids.forEach((id) => set(id, SENT));
    else if (record.type === 'unsent') record.ids.forEach((id) => set(id, UNSENT));
    else if (record.type === 'settled') {
      record.succeeded.forEach((id) => set(id, SUCCEEDED));
      record.failed.forEach((failure) => set(failure.id, { kind: 'failed', failure }));
      record.unknown.forEach((id) => set(id, UNKNOWN));
      if (record.moved !== undefined) state.moved = (state.moved ?? 0) + record.moved;
      if (record.alreadyInCollection !== undefined) state.alreadyInCollection = (state.alreadyInCollection ?? 0) + record.alreadyInCollection;
      if (record.deletedVectors !== undefined) {
        const { hd, ld } = state.deletedVectors ?? { hd: 0, ld: 0 };
        state.deletedVectors = { hd: hd + record.deletedVectors.hd, ld: ld + record.deletedVectors.ld };
      }
    }
  }
  return state;
}
