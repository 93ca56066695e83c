import { inspect } from 'node:util';
import { expect } from '@jest/globals';
import type { RunningEmulator } from '../../src/emulator/index.js';
import {
  type BatchResult, CollectionError, type CollectionProvider, isCollectionError,
} from '../../src/index.js';
import { expectNoCanary } from './canary.js';
import { createTap, type Exchange, isValid2xx, matchesRoute, type Tap } from './http-tap.js';
import type { Operation } from './operations.js';
import { type Expected, expectationFor, type FaultRow } from './rows.js';
import { clientFor, OPERATION_TIMEOUT_MS, TIMEOUT_MS, type VendorWorld } from './vendors.js';

export interface Cell {
  world: VendorWorld;
  row: FaultRow;
  op: Operation;
  /** Freshly seeded, or shared with its faults and stats cleared. */
  emulator: RunningEmulator;
}

/** Timers fire late under load, never early by more than a tick. */
const LATE_MARGIN_MS = 600;
const EARLY_MARGIN_MS = 30;

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

/** The test name: what the cell must come to. */
export function cellName(row: FaultRow, op: Operation, world: VendorWorld): string {
  const label = op.label(world);
  if (world.routes[op.key] === undefined) return `${label} → UNSUPPORTED before any request`;
  const e = expectationFor(row, op, world);
  const tries = e.attempts === 1 ? '1 attempt' : `${e.attempts} attempts`;
  if (op.batch) {
    const per = op.chunkSize?.(world.fixture.capabilities) === 1 ? 'per item' : 'per chunk';
    const code = e.bucket === 'failed' && e.outcome.kind === 'error' ? ` (${e.outcome.code})` : '';
    return `${label} → every id ${e.bucket}${code}, ${tries} ${per}`;
  }
  if (e.outcome.kind === 'ok') return `${label} → succeeds after ${tries}`;
  if (e.outcome.kind === 'already-deleted') return `${label} → succeeds: the retry's 404 shows the first attempt deleted it`;
  const status = e.outcome.status !== undefined ? ` (${e.outcome.status})` : '';
  const once = op.faultClass === 'non-idempotent-write' ? ', sent exactly once' : ` after ${tries}`;
  return `${label} → ${e.outcome.code}${status}${once}`;
}

export async function runCell(cell: Cell): Promise<void> {
  const { world, row, op, emulator } = cell;
  const route = world.routes[op.key];
  const tap = createTap();
  const client = clientFor(world, emulator.url, tap.fetch);
  if (route === undefined) {
    await unsupportedCell(cell, client);
    return;
  }
  const expected = expectationFor(row, op, world);
  const units = op.units(world);
  // One window per unit: unit i's requests are i*attempts … (concurrency 1 keeps them in order).
  for (let unit = 0; unit < units; unit += 1) {
    emulator.faults.add({ ...row.fault(world, route), route, skip: unit * expected.attempts, times: row.perUnit });
  }

  const started = performance.now();
  const settled: Settled = await op.call(client, world).then((value) => ({ ok: true, value }), (error: unknown) => ({ ok: false, error }));
  const elapsed = performance.now() - started;

  // Counted at the server, before the verification below adds requests of its own.
  expect({ onRoute: emulator.stats.byRoute[route] ?? 0, total: emulator.stats.total })
    .toEqual({
      onRoute: units * expected.attempts,
      total: units * expected.attempts + op.extraRequests(world, expected.outcome.kind !== 'error'),
    });

  if (row.timed) {
    const bound = units * Math.min(expected.attempts * TIMEOUT_MS, OPERATION_TIMEOUT_MS);
    expect(elapsed).toBeGreaterThanOrEqual(bound - EARLY_MARGIN_MS * units * expected.attempts);
    expect(elapsed).toBeLessThan(bound + LATE_MARGIN_MS);
  }

  if (op.batch) checkBatch(cell, route, expected, settled, tap);
  else checkSingle(cell, route, expected, settled, tap);

  await verifyVendorState(cell, expected, settled);
}

/** Wickson has no create endpoint: refused before anything is sent, whatever the network does. */
async function unsupportedCell({ world, row, emulator }: Cell, client: CollectionProvider): Promise<void> {
  // Unscoped, so any request at all would meet the fault (and be counted).
  emulator.faults.add(row.fault(world, '*'));
  const error = await rejectionOf(client.createCollection({ name: world.createName }));
  expect(error.code).toBe('UNSUPPORTED');
  expect(emulator.stats.total).toBe(0);
  expectNoCanary(error);
}

async function rejectionOf(promise: Promise<unknown>): Promise<CollectionError> {
  const settled = await promise.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));
  if (settled.ok) throw new Error(`expected a rejection, got ${inspect(settled.value, { depth: 2 })}`);
  expectTypedError(settled.error);
  return settled.error as CollectionError;
}

/** A CollectionError of this library, never a raw SyntaxError / ZodError / ky or fetch error. */
function expectTypedError(error: unknown): asserts error is CollectionError {
  if (!isCollectionError(error) || !(error instanceof CollectionError)) {
    throw new Error(`expected a CollectionError, got ${inspect(error, { depth: 3 })}`);
  }
  expect(error.name).toBe('CollectionError');
  expect(Object.getPrototypeOf(error)).toBe(CollectionError.prototype);
}

function routeExchanges(tap: Tap, route: string): Exchange[] {
  return tap.exchanges.filter((e) => matchesRoute(e, route));
}

const isDelete = (op: Operation) => op.key === 'deleteCollection' || op.key === 'deleteItems';

/**
 * What a success rests on: a complete, parseable 2xx for it, or (deletes only) a 404 answering a
 * retry, which the vendor state check below must confirm as "gone".
 */
function evidence(op: Operation, exchanges: Exchange[]): 'valid 2xx' | '404 on a retry' | 'none' {
  if (exchanges.some(isValid2xx)) return 'valid 2xx';
  if (isDelete(op) && exchanges.length >= 2 && exchanges.at(-1)?.status === 404) return '404 on a retry';
  return 'none';
}

function checkSingle(cell: Cell, route: string, expected: Expected, settled: Settled, tap: Tap): void {
  const { world, row, op } = cell;
  const { outcome } = expected;
  if (outcome.kind === 'error') {
    if (settled.ok) throw new Error(`expected ${outcome.code}, but the call resolved with ${inspect(settled.value, { depth: 2 })}`);
    const { error } = settled;
    expectTypedError(error);
    expect({ code: error.code, provider: error.provider, attempts: error.attempts })
      .toEqual({ code: outcome.code, provider: world.vendor, attempts: expected.attempts });
    if (outcome.status !== undefined) expect(error.status).toBe(outcome.status);
    if (row.echoesInMessage) expect(error.message).toContain('[REDACTED]');
    expectNoCanary(error);
    return;
  }
  if (!settled.ok) throw new Error(`expected success, got ${inspect(settled.error, { depth: 3 })}`);
  const mine = routeExchanges(tap, route);
  if (outcome.kind === 'ok') {
    expect(isValid2xx(mine.at(-1)!)).toBe(true);
    op.checkSuccess(settled.value, world);
  } else {
    expect(evidence(op, mine)).toBe('404 on a retry');
    expect(settled.value).toMatchObject({ provider: world.vendor, collectionId: world.doomedCollectionId });
  }
  expectNoCanary(settled.value);
}

function checkBatch(cell: Cell, route: string, expected: Expected, settled: Settled, tap: Tap): void {
  const { world, row, op } = cell;
  const ids = op.ids(world);
  // Batch methods throw only for invalid input, before any request.
  if (!settled.ok) throw new Error(`a batch must resolve, but it rejected with ${inspect(settled.error, { depth: 3 })}`);
  const result = settled.value as BatchResult;

  // A partition of the input: every id in exactly one bucket, nothing else.
  const buckets = [...result.succeeded, ...result.failed.map((f) => f.id), ...result.unknown];
  expect([...buckets].sort()).toEqual([...ids].sort());
  expect({ provider: result.provider, requested: result.requested, ok: result.ok })
    .toEqual({ provider: world.vendor, requested: ids.length, ok: result.failed.length === 0 && result.unknown.length === 0 });

  const want = { succeeded: [] as string[], failed: [] as string[], unknown: [] as string[] };
  want[expected.bucket] = ids;
  expect({ succeeded: result.succeeded, failed: result.failed.map((f) => f.id), unknown: result.unknown }).toEqual(want);
  for (const failure of result.failed) {
    if (expected.outcome.kind === 'error') expect(failure.code).toBe(expected.outcome.code);
    if (row.echoesInMessage) expect(failure.reason).toContain('[REDACTED]');
  }

  // Never a success without an answer that proves it (on the write, when the read was faulted).
  const evidenceRoute = world.routes[op.evidenceKey ?? op.key] ?? route;
  const unproven = result.succeeded
    .map((id) => [id, evidence(op, routeExchanges(tap, evidenceRoute).filter((e) => world.idsCarried(e).includes(id)))] as const)
    .filter(([, proof]) => proof === 'none');
  expect(unproven).toEqual([]);
  if (expected.outcome.kind === 'ok') op.checkSuccess(result, world);

  expectNoCanary(result);
}

/**
 * Reads the emulator (faults cleared, a clean client) to check what really happened: a write is
 * applied exactly when expected, every succeeded id really changed and every failed id did not.
 */
async function verifyVendorState({ world, op, emulator }: Cell, expected: Expected, settled: Settled): Promise<void> {
  if (op.opClass === 'read') return;
  emulator.faults.clear();
  const checker = clientFor(world, emulator.url);
  const memberIds = async () => {
    const ids: string[] = [];
    for await (const item of checker.listItems(world.collectionId)) ids.push(item.id);
    return ids;
  };
  const result = op.batch && settled.ok ? settled.value as BatchResult : undefined;

  if (op.key === 'deleteCollection') {
    const gone = await checker.getCollection(world.doomedCollectionId).then(() => false, (error: unknown) => {
      if (isCollectionError(error) && error.code === 'NOT_FOUND') return true;
      throw error;
    });
    expect({ gone }).toEqual({ gone: expected.applied });
  } else if (op.key === 'createCollection') {
    const created = (await checker.listCollections()).filter((c) => c.name === world.createName).length;
    // Never twice: a create is never repeated once it may have arrived.
    expect({ created }).toEqual({ created: expected.applied ? 1 : 0 });
  } else {
    const members = await memberIds();
    // addItems: changed = now a member; deleteItems: changed = no longer there.
    const changed = (id: string) => (op.key === 'deleteItems' ? !members.includes(id) : members.includes(id));
    const ids = op.ids(world);
    expect(ids.filter(changed)).toEqual(expected.applied ? ids : []);
    expect(result?.succeeded.filter((id) => !changed(id))).toEqual([]);
    expect(result?.failed.filter((f) => changed(f.id))).toEqual([]);
  }
}
