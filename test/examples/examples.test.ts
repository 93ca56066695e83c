import { beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BUILD_TIMEOUT_MS, ROOT, SPAWN_TEST_TIMEOUT_MS, ensureBuilt } from '../support/build-once.js';

/**
 * The README promises these files run as written: each is executed the way a reader would
 * (Node strips the types; the package name resolves to dist/ by self-reference).
 */
function runExample(file: string) {
  const env = { ...process.env };
  for (const name of ['WICKSON_BASE_URL', 'VERIFIK_BASE_URL', 'WICKSON_API_KEY', 'VERIFIK_TOKEN']) delete env[name];
  return spawnSync(process.execPath, [join(ROOT, 'examples', file)], { cwd: ROOT, env, encoding: 'utf8', timeout: 50_000 });
}

describe('examples', () => {
  beforeAll(ensureBuilt, BUILD_TIMEOUT_MS);

  it('the demo tours both emulators and exits 0', () => {
    const run = runExample('demo.ts');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/requests sent: 3/);
    expect(run.stdout).toMatch(/246 succeeded, 4 failed, 0 unknown/);
    expect(run.stdout).toMatch(/wickson\s+NOT_FOUND\s+404/);
    expect(run.stdout).toMatch(/verifik\s+NOT_FOUND\s+404/);
  }, SPAWN_TEST_TIMEOUT_MS);

  it('the Wickson quickstart runs against its embedded emulator', () => {
    const run = runExample('quickstart-wickson.ts');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/default cannot be deleted/);
    expect(run.stderr).toMatch(/not deleted: doc_that-does-not-exist/);
  }, SPAWN_TEST_TIMEOUT_MS);

  it('the crash-safe jobs example resumes from its journal and reconciles a lost answer', () => {
    const run = runExample('crash-safe-jobs.ts');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/first run: 100 deleted, 150 not sent/);
    // 150 ids left: 2 requests of 100, nothing the first run settled sent again.
    expect(run.stdout).toMatch(/resumed: 250 of 250 deleted, 2 requests/);
    expect(run.stdout).toMatch(/answer lost: 2 unknown\nreconciled: 2 deleted, 0 unknown, ok: true/);
  }, SPAWN_TEST_TIMEOUT_MS);

  it('the dry-run and sync example plans without writing, then syncs both vendors', () => {
    const run = runExample('dry-runs-and-sync.ts');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/deleteCollection plan: deletes its items: true, 8 items/);
    expect(run.stdout).toMatch(/addItems plan: 0 would move, 3 would fail .*doc_missing NOT_FOUND.*, 1 write request/);
    expect(run.stdout).toMatch(/writes sent by the dry runs: 0\naddItems run: 0 moved, 3 failed/);
    expect(run.stdout).toMatch(/sync plan: add 2, take out 2, already right 6, 2 write requests\nsync: added 2, removed 2, unchanged 6, ok: true/);
    expect(run.stdout).toMatch(/verifik sync: added 6, removed 3, unchanged 3 with 1 collection PUT/);
  }, SPAWN_TEST_TIMEOUT_MS);

  it('the Verifik quickstart runs against its embedded emulator', () => {
    const run = runExample('quickstart-verifik.ts');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/deleted Quickstart VIP/);
    expect(run.stdout).toMatch(/gone, as expected/);
  }, SPAWN_TEST_TIMEOUT_MS);
});
