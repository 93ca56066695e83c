import assert from 'node:assert/strict';
import { CollectionError, isCollectionError } from '../errors.js';
import type { BatchResult } from '../spec/models.js';
import type { CollectionProvider } from '../spec/provider.js';
import type { ConformanceTarget } from './conformance-types.js';

// Plain node:assert, so the kit runs under any test runner (or none).

export async function rejection(promise: Promise<unknown>): Promise<CollectionError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isCollectionError(error), `expected a CollectionError, got ${String(error)}`);
    return error as CollectionError;
  }
  assert.fail('expected the call to fail');
}

export async function collectIds(client: CollectionProvider, collectionId: string, pageSize?: number): Promise<string[]> {
  const ids: string[] = [];
  for await (const item of client.listItems(collectionId, pageSize === undefined ? {} : { pageSize })) ids.push(item.id);
  return ids;
}

/** Every requested id in exactly one bucket, nothing else. */
export function assertPartition(result: BatchResult, requested: readonly string[]): void {
  const buckets = [...result.succeeded, ...result.failed.map((f) => f.id), ...result.unknown];
  assert.deepEqual([...buckets].sort(), [...new Set(requested)].sort(), 'the result must partition the requested ids');
  assert.equal(result.requested, new Set(requested).size);
  assert.equal(result.ok, result.failed.length === 0 && result.unknown.length === 0);
}

/** The call fails with `code` and the vendor received no request for it. */
export async function assertRefusedBeforeRequest(t: ConformanceTarget, call: () => Promise<unknown>, code: string): Promise<void> {
  const before = t.requestCount();
  assert.equal((await rejection(call())).code, code);
  assert.equal(t.requestCount(), before, `${code} must be raised before any request`);
}

export const sorted = (ids: readonly string[]) => [...ids].sort();
