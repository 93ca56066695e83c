import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, expect, it } from '@jest/globals';
import { startEmulator } from 'unified-collections/emulator';
import { BUILD_TIMEOUT_MS, ROOT, ensureBuilt } from '../support/build-once.js';
import { describeWithRedis } from '../support/redis-server.js';

// Several OS processes, one credential, one redis-server, one vendor window: the instances of an
// app share one quota through the Redis store, so none of them is refused once the limit is
// known, and every id ends settled. Real time here: a window of 1 s, 20 requests each, which the
// clients learn from the answers (their default is Wickson's documented hour).

const API_KEY = 'wk_shared_quota_key';
const PROCESSES = 4;
const IDS_PER_PROCESS = 1_500; // 15 batch deletes each: 60 requests, 3 windows of 20
const LIMIT = 20;
const WINDOW_MS = 1_000;
const WORKER = join(ROOT, 'test', 'quota', 'scripts', 'shared-quota-worker.mjs');

interface WorkerReport {
  succeeded: string[];
  failed: Array<{ id: string; code?: string; reason: string }>;
  unknown: string[];
}

function runWorker(job: object): Promise<WorkerReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER, pathToFileURL(join(ROOT, 'dist', 'index.js')).href, JSON.stringify(job)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString('utf8'); });
    child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString('utf8'); });
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0 && err === '') resolve(JSON.parse(out) as WorkerReport);
      else reject(new Error(`worker exited with ${code}: ${err.slice(-2_000)}`));
    });
  });
}

describeWithRedis('several processes sharing one quota through Redis', (redis) => {
  beforeAll(ensureBuilt, BUILD_TIMEOUT_MS);

  it(`${PROCESSES} processes at concurrency 8, ${LIMIT} requests per ${WINDOW_MS} ms: no 429, every id settled once`, async () => {
    const ids = Array.from({ length: PROCESSES * IDS_PER_PROCESS }, (_, i) => `doc_${String(i).padStart(6, '0')}`);
    const emulator = await startEmulator({
      provider: 'wickson',
      seed: { items: ids.map((id) => ({ id })) },
      credentials: { apiKey: API_KEY },
      rateLimit: { limit: LIMIT, windowMs: WINDOW_MS },
    });
    try {
      const reports = await Promise.all(Array.from({ length: PROCESSES }, (_, p) => runWorker({
        url: emulator.url, redisUrl: redis().url, apiKey: API_KEY, concurrency: 8,
        first: p * IDS_PER_PROCESS, count: IDS_PER_PROCESS,
      })));
      // Counted at the emulator: every answer it gave, by status.
      expect(emulator.stats.byStatus).toEqual({ 200: ids.length / 100 });
      const settled = reports.flatMap((r) => [...r.succeeded, ...r.failed.map((f) => f.id), ...r.unknown]);
      expect(reports.flatMap((r) => r.failed)).toEqual([]);
      expect(reports.flatMap((r) => r.unknown)).toEqual([]);
      expect(settled.sort()).toEqual(ids);
      // Each batch sent once: no retries were needed.
      expect(emulator.stats.byRoute['DELETE /v1/media/batch']).toBe(ids.length / 100);
      expect(emulator.stats.total).toBe(ids.length / 100);
    } finally {
      await emulator.close();
    }
  }, 60_000);
});
