import type { CollectionError } from '../errors.js';
import type { BatchFailure, BatchResult } from '../spec/models.js';

/** A batch whose every id failed before anything was written (a pre-read failed, say). */
export function failedBeforeWriting(provider: string, ids: readonly string[], error: CollectionError): BatchResult {
  return {
    provider, requested: ids.length, ok: ids.length === 0, succeeded: [], unknown: [], raw: [],
    failed: ids.map((id) => ({ id, reason: error.message, code: error.code })),
  };
}

/**
 * A batch run over some of the requested ids, completed with failures for the others (decided
 * before sending, so nothing an attempt does can make them unknown), in the input's order.
 */
export function withFailuresDecidedFirst(result: BatchResult, ids: readonly string[], decided: BatchFailure[]): BatchResult {
  const position = new Map(ids.map((id, index) => [id, index]));
  const failed = [...result.failed, ...decided].sort((a, b) => position.get(a.id)! - position.get(b.id)!);
  return { ...result, requested: ids.length, failed, ok: failed.length === 0 && result.unknown.length === 0 };
}
