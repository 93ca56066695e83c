import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ROOT } from '../support/build-once.js';
import { REDIS_INSTALL_COMMAND } from '../support/redis-server.js';

// Without redis-server, the Redis tests skip with a notice naming the install command; under
// CI=true the same run fails. Checked by running Jest on one Redis test file with the binary
// hidden (REDIS_SERVER_BIN=none).

function jest(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [
      '--experimental-vm-modules', '--disable-warning=ExperimentalWarning', join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'),
      '--ci', join('test', 'quota', 'redis-quota-concurrency.test.ts'),
    ], { cwd: ROOT, env: { ...process.env, REDIS_SERVER_BIN: 'none', CI: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

describe('Redis tests without redis-server', () => {
  it('skip locally with a notice naming the install command, and fail under CI=true', async () => {
    const [local, ci] = await Promise.all([jest({}), jest({ CI: 'true' })]);
    expect(local.code).toBe(0);
    expect(local.output).toContain(`redis-server is not installed. Install it to run these tests: ${REDIS_INSTALL_COMMAND}`);
    expect(local.output).toMatch(/Tests:\s+2 skipped, 2 total/);
    expect(ci.code).toBe(1);
    expect(ci.output).toContain(`redis-server is not installed; CI must install it: ${REDIS_INSTALL_COMMAND}`);
    expect(ci.output).toMatch(/Tests:\s+1 failed, 1 total/);
  }, 60_000);
});
