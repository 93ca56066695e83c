import { createHash } from 'node:crypto';
import { JOURNAL_FORMAT, type JobHeader, type JobOperation } from './journal-records.js';

/** What makes two runs the same job: the vendor, the operation, its collection and the set of ids. */
export interface JobIdentity {
  provider: string;
  operation: JobOperation;
  collectionId?: string | undefined;
  ids: readonly string[];
}

/**
 * The ids as a set: sorted, then hashed as JSON (ids may hold any printable character, so no
 * separator would be unambiguous). The journal keeps the hash, not the list: it identifies the
 * job without repeating what the sent records already hold.
 */
export function hashIds(ids: readonly string[]): string {
  const sorted = [...ids].sort();
  return `sha256:${createHash('sha256').update(JSON.stringify(sorted)).digest('hex')}`;
}

export function jobHeader(identity: JobIdentity, startedAt: Date): JobHeader {
  return {
    type: 'job',
    format: JOURNAL_FORMAT,
    provider: identity.provider,
    operation: identity.operation,
    ...(identity.collectionId !== undefined ? { collectionId: identity.collectionId } : {}),
    count: identity.ids.length,
    ids: hashIds(identity.ids),
    startedAt: startedAt.toISOString(),
  };
}

const describe = (value: unknown): string => (value === undefined ? 'none' : JSON.stringify(value));

/** How a recorded job differs from the one asked for, or undefined when they are the same job. */
export function identityMismatch(recorded: JobHeader, wanted: JobHeader): string | undefined {
  const fields = ['provider', 'operation', 'collectionId', 'count'] as const;
  for (const field of fields) {
    if (recorded[field] !== wanted[field]) {
      return `its ${field === 'count' ? 'number of ids' : field} is ${describe(recorded[field])}, this call's is ${describe(wanted[field])}`;
    }
  }
  return recorded.ids === wanted.ids ? undefined : 'it records a different set of ids';
}
