import { z } from 'zod';
import type { BatchFailure, BatchResult, DeletedVectors } from '../spec/models.js';

/**
 * The records of a job journal: JSON lines, appended in order, never rewritten. Version 1:
 *
 *   {"type":"job","format":1,"provider":"wickson","operation":"deleteItems","count":250,"ids":"sha256:…","startedAt":"…"}
 *   {"type":"sent","ids":["a","b"]}                        before a chunk is sent (it may reach the vendor)
 *   {"type":"settled","succeeded":["a"],"failed":[{"id":"b","reason":"…"}],"unknown":[]}   its outcome
 *   {"type":"unsent","ids":["c"],"reason":"…"}             a sent chunk that provably changed nothing
 *   {"type":"resumed","at":"…"}                            a later run took the job over
 *
 * A `sent` record with no `settled` (or `unsent`) after it marks a chunk that was in flight when
 * the job stopped: it may have been carried out, so its ids are read back before anything is
 * re-sent. The header names the job, never a credential; failure reasons are the redacted ones
 * the batch result holds.
 */
export const JOURNAL_FORMAT = 1;

export type JobOperation = NonNullable<BatchResult['operation']>;

export interface JobHeader {
  type: 'job';
  format: typeof JOURNAL_FORMAT;
  provider: string;
  operation: JobOperation;
  collectionId?: string;
  /** How many ids the job has (validated, deduplicated). */
  count: number;
  /** `sha256:` of the sorted ids: the same set of ids is the same job, whatever their order. */
  ids: string;
  startedAt: string;
}

export interface SentRecord {
  type: 'sent';
  ids: string[];
}

export interface SettledRecord {
  type: 'settled';
  succeeded: string[];
  failed: BatchFailure[];
  unknown: string[];
  moved?: number;
  alreadyInCollection?: number;
  deletedVectors?: DeletedVectors;
  /** `read`: settled by reading the vendor's state on resume, not by a write's answer. */
  by?: 'read';
}

export interface UnsentRecord {
  type: 'unsent';
  ids: string[];
  reason: string;
}

export interface ResumedRecord {
  type: 'resumed';
  at: string;
}

export type JournalRecord = JobHeader | SentRecord | SettledRecord | UnsentRecord | ResumedRecord;

const ids = z.array(z.string());
const count = z.number().int().nonnegative();

const recordSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('job'),
    format: z.literal(JOURNAL_FORMAT),
    provider: z.string(),
    operation: z.enum(['deleteItems', 'addItems', 'removeItems']),
    collectionId: z.string().optional(),
    count,
    ids: z.string(),
    startedAt: z.string(),
  }),
  z.object({ type: z.literal('sent'), ids }),
  z.object({
    type: z.literal('settled'),
    succeeded: ids,
    failed: z.array(z.object({ id: z.string(), reason: z.string(), code: z.string().optional() })),
    unknown: ids,
    moved: count.optional(),
    alreadyInCollection: count.optional(),
    deletedVectors: z.object({ hd: count, ld: count }).optional(),
    by: z.literal('read').optional(),
  }),
  z.object({ type: z.literal('unsent'), ids, reason: z.string() }),
  z.object({ type: z.literal('resumed'), at: z.string() }),
]);

/** One record per line, each ending in `\n` (a line without one was cut short by a crash). */
export function encodeRecords(records: readonly JournalRecord[]): Buffer {
  return Buffer.from(records.map((record) => `${JSON.stringify(record)}\n`).join(''), 'utf8');
}

/** A complete line as a record, or undefined when it is not one of ours. */
export function parseRecord(line: string): JournalRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  const parsed = recordSchema.safeParse(value);
  return parsed.success ? (parsed.data as JournalRecord) : undefined;
}

/** The record of a chunk's outcome (its lists already partition the chunk's ids). */
export function settledRecord(outcome: Omit<SettledRecord, 'type'>): SettledRecord {
  const record: SettledRecord = {
    type: 'settled', succeeded: outcome.succeeded, failed: outcome.failed, unknown: outcome.unknown,
  };
  if (outcome.moved !== undefined) record.moved = outcome.moved;
  if (outcome.alreadyInCollection !== undefined) record.alreadyInCollection = outcome.alreadyInCollection;
  if (outcome.deletedVectors !== undefined) record.deletedVectors = outcome.deletedVectors;
  if (outcome.by !== undefined) record.by = outcome.by;
  return record;
}
