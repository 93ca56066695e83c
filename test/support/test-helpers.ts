import { expect } from '@jest/globals';
import nock from 'nock';
import { type CollectionError, isCollectionError } from '../../src/errors.js';

/** Answers every request to `origin` with a 599 and counts them: proves bad input sends nothing. */
export function trapEveryRequest(origin: string): { count: () => number } {
  let hits = 0;
  const scope = nock(origin).persist();
  const reply = (): [number, object] => {
    hits += 1;
    return [599, {}];
  };
  scope.get(/.*/).reply(reply);
  scope.post(/.*/).reply(reply);
  scope.put(/.*/).reply(reply);
  scope.delete(/.*/).reply(reply);
  return { count: () => hits };
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

/** The CollectionError a promise rejects with (fails the test if it resolves or throws something else). */
export async function rejectionOf(promise: Promise<unknown>): Promise<CollectionError> {
  try {
    await promise;
  } catch (error) {
    expect(isCollectionError(error)).toBe(true);
    return error as CollectionError;
  }
  throw new Error('expected the call to reject');
}
