import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { foldRecords } from '../../src/jobs/job-state.js';
import { parseJournal } from '../../src/jobs/read-journal.js';
import type { BatchResult } from '../../src/index.js';
import { BUILD_TIMEOUT_MS, ROOT, SPAWN_TEST_TIMEOUT_MS, ensureBuilt } from '../support/build-once.js';
import { startCountingProxy, type CountingProxy } from '../support/counting-proxy.js';
import { IdCounter, idsOfRequest } from '../support/id-requests.js';
import { perVendor, VENDOR_FIXTURES, type VendorFixture } from '../support/vendors.js';
import { CONTRACT_CREDENTIAL, mappingFor } from '../contract/vendor-mappings.js';

// Issue #9, done when: "a job killed with SIGKILL mid-run resumes from its journal: every id ends
// settled exactly once, and the emulator's counts show no settled chunk re-sent". The emulator
// runs here; the job runs in a child process on the built library, behind a proxy that counts
// what the vendor received per id. The child is killed the moment the vendor has carried out a
// chunk whose answer the child has not seen yet (so the journal holds that chunk as sent, not
// settled), once the journal already records settled chunks. A fresh child then resumes.

const SCRIPT = join(ROOT, 'test', 'jobs', 'scripts', 'journaled-delete.mjs');
const DIST = pathToFileURL(join(ROOT, 'dist', 'index.js')).href;
const CHUNKS = 20;
const CONCURRENCY = 3;
/** Settled chunks the journal must hold before the kill. */
const SETTLED_BEFORE_KILL = 3;

/** The route of one delete request, per vendor (what the emulator's stats count). */
const DELETE_ROUTE: Record<string, string> = {
  wickson: 'DELETE /v1/media/batch',
  verifik: 'DELETE /v2/face-recognition/persons/:id',
};

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS);

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function job(fixture: VendorFixture, spec: Record<string, unknown>): { child: ChildProcess; exit: Promise<Exit> } {
  const child = spawn(process.execPath, [SCRIPT, DIST, JSON.stringify(spec)], {
    cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...fixture.env(CONTRACT_CREDENTIAL) }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  const exit = new Promise<Exit>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, exit };
}

function settledRecords(path: string): number {
  try {
    return parseJournal(readFileSync(path)).records.filter((r) => r.type === 'settled').length;
  } catch {
    return 0;
  }
}

describe.each(VENDOR_FIXTURES.map((f) => [f.name, f] as const))('a journaled deleteItems on %s killed with SIGKILL', (_name, fixture) => {
  it('resumes in a fresh process: every id settled exactly once, no settled chunk re-sent, only the in-flight ids read back', async () => {
    const route = perVendor(DELETE_ROUTE, fixture, 'delete route');
    const labels = Array.from({ length: fixture.capabilities.maxDeleteBatch * CHUNKS }, (_, i) => `k${i}`);
    const mapping = mappingFor(fixture, { collections: [{ key: 'a', items: labels }] });
    const emulator: RunningEmulator = await startEmulator({
      provider: fixture.name, seed: mapping.seed, credentials: fixture.emulatorCredentials(CONTRACT_CREDENTIAL),
    });
    cleanup.push(() => emulator.close());
    const counter = new IdCounter(idsOfRequest(fixture));
    let onAnswered: (() => void) | undefined;
    const proxy: CountingProxy = await startCountingProxy(emulator.url, counter, { answered: () => onAnswered?.() });
    cleanup.push(() => proxy.close());
    const dir = await mkdtemp(join(tmpdir(), 'uc-sigkill-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const ids = labels.map(mapping.itemId);
    const idsFile = join(dir, 'ids.json');
    await writeFile(idsFile, JSON.stringify(ids));
    const journal = join(dir, 'job.jsonl');
    const spec = { provider: fixture.name, baseUrl: proxy.url, idsFile, journal, concurrency: CONCURRENCY };

    // Run 1: killed as the vendor answers a chunk, once the journal records settled ones.
    const first = job(fixture, { ...spec, resume: false });
    onAnswered = () => {
      if (settledRecords(journal) < SETTLED_BEFORE_KILL) return;
      onAnswered = undefined;
      first.child.kill('SIGKILL');
    };
    const killed = await first.exit;
    expect(killed.stderr).toBe('');
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.stdout).toBe('');
    // Every request that got through lands before anything looks at the vendor.
    await proxy.idle();

    const left = parseJournal(readFileSync(journal));
    const state = foldRecords(left.records, new Set(ids)).ids;
    const inFlight = ids.filter((id) => state.get(id)?.kind === 'sent');
    const settledBefore = ids.filter((id) => state.get(id)?.kind === 'succeeded');
    expect(settledBefore.length).toBeGreaterThanOrEqual(SETTLED_BEFORE_KILL * fixture.capabilities.maxDeleteBatch);
    // At least the chunk whose answer the kill cut off: carried out, but recorded as sent only.
    expect(inFlight.length).toBeGreaterThanOrEqual(fixture.capabilities.maxDeleteBatch);
    expect(settledBefore.length + inFlight.length).toBeLessThan(ids.length);
    const deletesBefore = emulator.stats.byRoute[route] ?? 0;

    // Run 2: a fresh process resumes the job.
    const firstWrites = new Map(counter.writes);
    counter.reset();
    const second = await job(fixture, { ...spec, resume: true }).exit;
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    const result = JSON.parse(second.stdout) as BatchResult;
    expect(result).toMatchObject({ provider: fixture.name, operation: 'deleteItems', requested: ids.length, ok: true, failed: [], unknown: [] });
    expect(result.succeeded).toEqual(ids);

    // The vendor's side: the resume wrote no id the first run had settled, and no id twice.
    settledBefore.forEach((id) => expect([id, counter.writesOf(id), counter.readsOf(id)]).toEqual([id, 0, 0]));
    // It read back exactly the ids in flight at the kill, once each, and re-sent none that read as deleted.
    expect([...counter.reads.keys()].sort()).toEqual([...inFlight].sort());
    inFlight.forEach((id) => expect([id, counter.readsOf(id)]).toEqual([id, 1]));
    const gone = inFlight.filter((id) => counter.writesOf(id) === 0);
    expect(gone.length).toBeGreaterThanOrEqual(fixture.capabilities.maxDeleteBatch);
    // Over both runs the emulator received one delete request per chunk: nothing was sent twice.
    expect(deletesBefore).toBeLessThan(CHUNKS);
    expect(emulator.stats.byRoute[route]).toBe(CHUNKS);
    // Per id: the vendor received it in exactly one delete request, over both runs.
    ids.forEach((id) => expect([id, (firstWrites.get(id) ?? 0) + counter.writesOf(id)]).toEqual([id, 1]));
  }, SPAWN_TEST_TIMEOUT_MS);
});
