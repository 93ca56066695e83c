import { afterEach, expect, it } from '@jest/globals';
import type { BatchResult } from 'unified-collections';
import { startEmulator, type RunningEmulator } from 'unified-collections/emulator';
import { QUOTA_REDIS_ENV_VAR } from '../../src/cli/client-from-options.js';
import { describeWithRedis } from '../support/redis-server.js';
import { runInProcess } from './memory-io.js';
import { parseJson } from './run-cli.js';

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

describeWithRedis('CLI: one quota for every run through UNIFIED_COLLECTIONS_QUOTA_REDIS_URL', (redis) => {
  it('two CLI runs on one key share the window through Redis: no request refused, every id deleted', async () => {
    const ids = Array.from({ length: 600 }, (_, i) => `doc_${i}`);
    const emulator = await startEmulator({
      provider: 'wickson', seed: { items: ids.map((id) => ({ id })) }, rateLimit: { limit: 2, windowMs: 1_000 },
    });
    running.push(emulator);
    const env = { WICKSON_API_KEY: 'wk_cli_shared', [QUOTA_REDIS_ENV_VAR]: redis().url };
    const run = (part: string[]) => runInProcess(['items', 'delete', '--yes', '--wait', '--json', '-p', 'wickson', '--base-url', emulator.url, ...part], { env });
    const [a, b] = await Promise.all([run(ids.slice(0, 300)), run(ids.slice(300))]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const deleted = [...parseJson<BatchResult>(a.stdout).succeeded, ...parseJson<BatchResult>(b.stdout).succeeded];
    expect(new Set(deleted).size).toBe(600);
    expect(emulator.stats.byStatus[429] ?? 0).toBe(0);
  }, 30_000);

  it('a Redis that is not there fails the command clearly, with no password in the output', async () => {
    const emulator = await startEmulator({ provider: 'wickson', seed: 'demo' });
    running.push(emulator);
    const env = { WICKSON_API_KEY: 'wk_cli_shared', [QUOTA_REDIS_ENV_VAR]: 'redis://:hunter2secret@127.0.0.1:9' };
    const result = await runInProcess(['collections', 'list', '-p', 'wickson', '--base-url', emulator.url], { env });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/quota store|Redis/i);
    expect(result.stdout + result.stderr).not.toContain('hunter2secret');
    expect(emulator.stats.total).toBe(0);
  }, 30_000);
});
