import pLimit from 'p-limit';
import { isCollectionError } from '../errors.js';
import type { AdapterCall, CollectionAdapter } from '../spec/adapter.js';
import type { BatchResult, CollectionItem } from '../spec/models.js';

/**
 * What reading an item back says about a write to it:
 * - `done`: the state the call asked for holds (a deleted item is gone, an added one is a member);
 * - `not-done`: it does not (the reason says what was read): sending it again may do it;
 * - `failed`: it does not and cannot (an item to add that does not exist): sending it again would
 *   only be refused, and on a vendor whose add is all-or-nothing would sink the ids sent with it;
 * - `unreadable`: the read failed otherwise, was aborted, or did not say (membership missing).
 */
export type ReadVerdict =
  | { state: 'done' } | { state: 'not-done' | 'failed'; reason: string } | { state: 'unreadable' };

/** The call a result came from: what to read back. */
export interface ReadTarget {
  operation: NonNullable<BatchResult['operation']>;
  collectionId?: string | undefined;
}

const DONE: ReadVerdict = { state: 'done' };
const UNREADABLE: ReadVerdict = { state: 'unreadable' };
const quoted = (value: string) => JSON.stringify(value);

/** The verdict on one item from its read (`undefined`: the vendor says there is no such item). */
export function verdictOf(target: ReadTarget, item: CollectionItem | undefined): ReadVerdict {
  if (target.operation === 'deleteItems') {
    return item === undefined ? DONE : { state: 'not-done', reason: 'read back after the call: the item still exists' };
  }
  const collection = target.collectionId ?? '';
  if (item === undefined) {
    return target.operation === 'removeItems' ? DONE : { state: 'failed', reason: 'read back after the call: the item does not exist' };
  }
  if (item.collectionIds === undefined) return UNREADABLE;
  const member = item.collectionIds.includes(collection);
  if (target.operation === 'addItems') {
    return member ? DONE : {
      state: 'not-done',
      reason: `read back after the call: not in collection ${quoted(collection)} (in ${item.collectionIds.map(quoted).join(', ') || 'none'})`,
    };
  }
  return member ? { state: 'not-done', reason: `read back after the call: still in collection ${quoted(collection)}` } : DONE;
}

/**
 * Reads each id back with `getItem`, `concurrency` at a time. Nothing is read once the signal
 * has fired (those ids are unreadable), and a read that fails for any reason but "no such item"
 * is unreadable: only what the vendor states settles an id.
 */
export async function readBack(
  adapter: CollectionAdapter, target: ReadTarget, ids: readonly string[], concurrency: number, call: AdapterCall,
  onRead?: (id: string, verdict: ReadVerdict) => void,
): Promise<Map<string, ReadVerdict>> {
  const verdicts = new Map<string, ReadVerdict>();
  const getItem = adapter.getItem?.bind(adapter);
  const limit = pLimit(Math.max(1, concurrency));
  await Promise.all(ids.map((id) => limit(async () => {
    let verdict = UNREADABLE;
    if (getItem !== undefined && call.signal?.aborted !== true) {
      try {
        verdict = verdictOf(target, await getItem(id, call));
      } catch (error) {
        if (isCollectionError(error) && error.code === 'NOT_FOUND') verdict = verdictOf(target, undefined);
      }
    }
    verdicts.set(id, verdict);
    try {
      onRead?.(id, verdict);
    } catch {
      // A faulty progress callback must not lose the reads.
    }
  })));
  return verdicts;
}
