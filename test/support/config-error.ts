import { expect } from '@jest/globals';
import { CollectionError } from '../../src/index.js';

/** The CONFIG error `attempt` throws (fails the test if it throws nothing or something else). */
export function configError(attempt: () => unknown): CollectionError {
  try {
    attempt();
  } catch (error) {
    expect(error).toBeInstanceOf(CollectionError);
    expect((error as CollectionError).code).toBe('CONFIG');
    return error as CollectionError;
  }
  throw new Error('expected a CONFIG error');
}
