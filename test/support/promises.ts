import { expect } from '@jest/globals';
import { type CollectionError, isCollectionError } from '../../src/errors.js';

// Kept apart from test-helpers.ts, which imports nock: importing nock patches the global fetch
// for every later test file of the jest worker, so files that do not use nock import these from here.

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
