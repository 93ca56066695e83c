import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { BUILD_TIMEOUT_MS, ROOT, SPAWN_TEST_TIMEOUT_MS, ensureBuilt } from '../support/build-once.js';

// Issue #8 item 4: Node's fetch closes the connection after a DELETE that carries a body, so
// each 100-id Wickson batch delete would open a new one. The client keeps them alive: a batch of
// many chunks uses at most `concurrency` connections, counted at a real loopback server.

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS);

describe('Wickson batch deletes reuse connections', () => {
  it('20 chunks open at most `concurrency` connections, where plain fetch opens one per chunk', () => {
    const script = join(ROOT, 'test', 'http', 'scripts', 'connection-reuse.mjs');
    const run = spawnSync(process.execPath, [script, pathToFileURL(join(ROOT, 'dist', 'index.js')).href], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as Record<string, { ok: boolean; requests: number; connections: number }>;
    for (const concurrency of [1, 2, 4, 8]) {
      const row = report[`concurrency ${concurrency}`]!;
      expect({ concurrency, ok: row.ok, requests: row.requests }).toEqual({ concurrency, ok: true, requests: 20 });
      expect(row.connections).toBeLessThanOrEqual(concurrency);
    }
    // The control: the same batch through an app's plain fetch reconnects for nearly every chunk.
    expect(report['plain fetch']!.connections).toBeGreaterThan(10);
  }, SPAWN_TEST_TIMEOUT_MS);
});
