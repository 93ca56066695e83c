import type { FaultRule } from '../../src/emulator/index.js';
import type { CollectionErrorCode } from '../../src/index.js';
import { ECHO } from './canary.js';
import type { Operation } from './operations.js';
import type { RefusalStatus, VendorWorld } from './vendors.js';

export type Outcome =
  | { kind: 'ok' }
  /** A delete whose retry got 404: an earlier attempt's lost answer had deleted it. */
  | { kind: 'already-deleted' }
  | { kind: 'error'; code: CollectionErrorCode; status?: number };

export type Bucket = 'succeeded' | 'failed' | 'unknown';

/** What one cell must come to. */
export interface Expected {
  /** Requests the faulted route receives per unit (per call, or per chunk of a batch). */
  attempts: number;
  /** A single call's result; for a batch, what each unit's request came to. */
  outcome: Outcome;
  /** Batches: the bucket every id lands in. */
  bucket: Bucket;
  /** Writes: whether the vendor really carried the change out (checked on the emulator afterwards). */
  applied: boolean;
}

export interface FaultRow {
  name: string;
  /** The injected fault; the route and per-unit window are added by the cell. */
  fault(world: VendorWorld, route: string): Omit<FaultRule, 'route' | 'skip' | 'times'>;
  /** Consecutive requests of each unit the fault hits (`times`). */
  perUnit: number;
  /** Calls end on the attempt timeout: the elapsed time is checked against the bound. */
  timed: boolean;
  /** The vendor quotes the credential in text that reaches the error: `[REDACTED]` must show there. */
  echoesInMessage: boolean;
  expect(op: Operation, world: VendorWorld): Expected;
}

const succeeds = (attempts: number): Expected => ({ attempts, outcome: { kind: 'ok' }, bucket: 'succeeded', applied: true });

const fails = (attempts: number, code: CollectionErrorCode, bucket: Bucket, applied: boolean, status?: number): Expected => ({
  attempts, outcome: { kind: 'error', code, ...(status !== undefined ? { status } : {}) }, bucket, applied,
});

// Retries and side effects follow the faulted request, not the operation as a whole.
const isCreate = (op: Operation) => op.faultClass === 'non-idempotent-write';
const isWrite = (op: Operation) => op.faultClass !== 'read';

/** A 5xx or transport failure on every attempt: retried (never the create), then nothing applied. */
function exhausted(code: CollectionErrorCode, status?: number) {
  return (op: Operation): Expected => (isCreate(op) ? fails(1, code, 'unknown', false, status) : fails(3, code, 'unknown', false, status));
}

/** Once, then the real answer: retried and fine, except the create, which is sent exactly once. */
function onceThenOk(code: CollectionErrorCode, status?: number) {
  return (op: Operation): Expected => (isCreate(op) ? fails(1, code, 'unknown', false, status) : succeeds(2));
}

function refusal(status: RefusalStatus, code: CollectionErrorCode): FaultRow {
  return {
    name: `${status} with the vendor's error body (echoing the credential)`,
    fault: (world, route) => ({ kind: 'status', status, body: world.refusalBody(status, route) }),
    perUnit: 1,
    timed: false,
    echoesInMessage: true,
    // No retry on a 4xx; the vendor said no, so batch ids are failed, and nothing happened.
    expect: () => fails(1, code, 'failed', false, status),
  };
}

export const STATUS_ROWS: readonly FaultRow[] = [
  {
    name: '500 once, then OK',
    fault: () => ({ kind: 'status', status: 500 }),
    perUnit: 1, timed: false, echoesInMessage: false,
    expect: onceThenOk('PROVIDER_ERROR', 500),
  },
  {
    name: '503 ×3',
    fault: () => ({ kind: 'status', status: 503 }),
    perUnit: 3, timed: false, echoesInMessage: false,
    expect: exhausted('PROVIDER_ERROR', 503),
  },
  refusal(400, 'INVALID_INPUT'),
  refusal(401, 'UNAUTHORIZED'),
  refusal(404, 'NOT_FOUND'),
];

const PROXY_PAGE = `<!DOCTYPE html>\n<html><head><title>200 OK</title></head><body><p>proxy saw ${ECHO}</p></body></html>\n`;

export const BODY_ROWS: readonly FaultRow[] = [
  {
    name: 'HTML page on 200 (echoing the credential)',
    fault: () => ({ kind: 'html', status: 200, body: PROXY_PAGE }),
    perUnit: 1, timed: false, echoesInMessage: false,
    // Sent before the handler runs: nothing applied, but a client can't know that from a 200.
    expect: () => fails(1, 'INVALID_RESPONSE', 'unknown', false, 200),
  },
  {
    name: 'truncated JSON on 200',
    fault: () => ({ kind: 'truncated-json' }),
    perUnit: 1, timed: false, echoesInMessage: false,
    // The real answer cut in half: the handler ran, so writes did happen.
    expect: (op) => fails(1, 'INVALID_RESPONSE', 'unknown', isWrite(op), 200),
  },
];

export const RESET_ROWS: readonly FaultRow[] = [
  {
    name: 'connection reset once, then OK',
    fault: () => ({ kind: 'reset' }),
    perUnit: 1, timed: false, echoesInMessage: false,
    expect: onceThenOk('NETWORK'),
  },
  {
    name: 'connection reset ×3',
    fault: () => ({ kind: 'reset' }),
    perUnit: 3, timed: false, echoesInMessage: false,
    expect: exhausted('NETWORK'),
  },
];

export const TIMEOUT_ROWS: readonly FaultRow[] = [
  {
    name: 'stall ×3 (never answers)',
    fault: () => ({ kind: 'stall' }),
    perUnit: 3, timed: true, echoesInMessage: false,
    expect: exhausted('TIMEOUT'),
  },
  {
    name: 'stall-body ×3 (headers, half the body, then silence)',
    fault: () => ({ kind: 'stall-body' }),
    perUnit: 3, timed: true, echoesInMessage: false,
    // The handler runs before the body stalls: writes happen, their outcome stays unknown.
    expect: (op) => fails(isCreate(op) ? 1 : 3, 'TIMEOUT', 'unknown', isWrite(op)),
  },
  {
    name: 'drip ×3 (1 byte per 200 ms)',
    fault: () => ({ kind: 'drip', ms: 200 }),
    perUnit: 3, timed: true, echoesInMessage: false,
    expect(op, world) {
      if (isCreate(op)) return fails(1, 'TIMEOUT', 'unknown', true);
      // The first attempt deleted it; the retry's answer is a 404 (dripped, but its status is
      // enough): the thing is gone, which is what the caller asked for.
      if (op.key === 'deleteCollection') return { attempts: 2, outcome: { kind: 'already-deleted' }, bucket: 'succeeded', applied: true };
      // Deleted one item per request, the retry's 404 likewise shows the first attempt deleted it.
      if (op.key === 'deleteItems' && world.fixture.capabilities.maxDeleteBatch === 1) {
        return { attempts: 2, outcome: { kind: 'already-deleted' }, bucket: 'succeeded', applied: true };
      }
      // Wickson's batch delete retried answers 200 (reporting not_found), dripped like the first.
      return fails(3, 'TIMEOUT', 'unknown', isWrite(op));
    },
  },
];

export const ALL_ROWS: readonly FaultRow[] = [...STATUS_ROWS, ...BODY_ROWS, ...RESET_ROWS, ...TIMEOUT_ROWS];

/** A row's expectation for one cell, with the operation's own rule for where failed ids go. */
export function expectationFor(row: FaultRow, op: Operation, world: VendorWorld): Expected {
  const expected = row.expect(op, world);
  return op.bucketOnFailure !== undefined && expected.outcome.kind === 'error'
    ? { ...expected, bucket: op.bucketOnFailure }
    : expected;
}
