import type { BatchFailure } from '../index.js';
import type { StoredStepResult } from './studio-job-files.js';

/** How a job ended, per id: every requested id is in exactly one of the three lists. */
export interface JobResult {
  ok: boolean;
  succeeded: string[];
  failed: BatchFailure[];
  unknown: string[];
}

/**
 * The result of a job from its steps' results. One step: that step's. A move (add to the
 * target, then remove from the source the ids that reached it): moved are the ids both steps
 * applied; an id the add failed or left unknown was never sent to the remove, so it keeps the
 * add's outcome; an id added but not removed failed (it is now in both collections), or is
 * unknown when the remove's outcome is. An id the add settled only later (reconcile) was never
 * sent to the remove: it failed the same way.
 */
export function combineResults(ids: readonly string[], steps: readonly StoredStepResult[]): JobResult {
  const [first, second] = steps;
  if (first === undefined) throw new TypeError('combineResults needs at least one step');
  if (second === undefined) return result(first.succeeded, first.failed, first.unknown);
  // Added after the move ran (an unknown add that a reconcile found applied): never sent to the remove.
  const sentToRemove = new Set([...second.succeeded, ...second.failed.map((failure) => failure.id), ...second.unknown]);
  const neverRemoved = first.succeeded.filter((id) => !sentToRemove.has(id)).map((id) => ({
    id, reason: 'added to the target, but not removed from this collection (the add\'s outcome was unknown when the move ran): remove it to finish the move',
  }));
  const failed = [
    ...first.failed,
    ...second.failed.map((failure) => ({
      ...failure,
      reason: `added to the target, but not removed from this collection: ${failure.reason}`,
    })),
    ...neverRemoved,
  ];
  const combined = result(second.succeeded, failed, [...first.unknown, ...second.unknown]);
  const settled = combined.succeeded.length + combined.failed.length + combined.unknown.length;
  if (settled !== new Set(ids).size) throw new TypeError(`a move settled ${settled} of ${ids.length} ids`);
  return combined;
}

function result(succeeded: readonly string[], failed: readonly BatchFailure[], unknown: readonly string[]): JobResult {
  return {
    ok: failed.length === 0 && unknown.length === 0,
    succeeded: [...succeeded],
    failed: failed.map((failure) => ({ ...failure })),
    unknown: [...unknown],
  };
}
