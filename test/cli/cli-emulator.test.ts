import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createCollectionClient } from 'unified-collections';
import { BUILD_TIMEOUT_MS, SPAWN_TEST_TIMEOUT_MS, CLI_ENTRY, ensureBuilt } from '../support/build-once.js';
import { parseJson, runCli } from './run-cli.js';

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS);
// Every test spawns Node processes; leave room for a loaded CI machine.
jest.setTimeout(SPAWN_TEST_TIMEOUT_MS);

/** Starts `unified-collections emulator …` and resolves with its first stdout line. */
function startEmulatorCommand(args: readonly string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [CLI_ENTRY, 'emulator', ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const firstLine = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    void exited.then((code) => reject(new Error(`emulator command exited (${code}) before printing: ${stderr}`)));
  });
  return { child, firstLine, exited, stderr: () => stderr };
}

describe('CLI emulator command', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('--json prints its URL, serves until %s, then exits 0', async (signal) => {
    const run = startEmulatorCommand(['--provider', 'wickson', '--json']);
    try {
      const info = parseJson<{ provider: string; url: string; seed: string }>(await run.firstLine);
      expect(info).toMatchObject({ provider: 'wickson', seed: 'demo', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
      const client = createCollectionClient({ provider: 'wickson', apiKey: 'anything', baseUrl: info.url });
      expect((await client.listCollections()).map((c) => c.id)).toContain('research_papers');
    } finally {
      run.child.kill(signal);
    }
    expect(await run.exited).toBe(0);
  });

  it('prints a readable URL line; the CLI can point at it with --base-url', async () => {
    const run = startEmulatorCommand(['-p', 'verifik', '--seed', 'empty']);
    try {
      const line = await run.firstLine;
      expect(line).toMatch(/^verifik emulator listening on http:\/\/127\.0\.0\.1:\d+ \(seed: empty\)$/);
      const url = line.split(' ')[4] ?? '';
      const listed = await runCli(['collections', 'list', '-p', 'verifik', '--base-url', url, '--json'], { env: { VERIFIK_TOKEN: 't' } });
      expect(listed.code).toBe(0);
      expect(parseJson(listed.stdout)).toEqual([]);
    } finally {
      run.child.kill('SIGINT');
    }
    expect(await run.exited).toBe(0);
  });

  it('--require-credential accepts only the credential in the environment', async () => {
    const run = startEmulatorCommand(['-p', 'wickson', '--json', '--require-credential'], { WICKSON_API_KEY: 'only-this-key' });
    try {
      const { url } = parseJson<{ url: string }>(await run.firstLine);
      const wrong = await runCli(['collections', 'list', '-p', 'wickson', '--base-url', url], { env: { WICKSON_API_KEY: 'another-key' } });
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain('UNAUTHORIZED');
      const right = await runCli(['collections', 'list', '-p', 'wickson', '--base-url', url], { env: { WICKSON_API_KEY: 'only-this-key' } });
      expect(right.code).toBe(0);
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exited).toBe(0);
  });

  it('without a provider it is a usage error', async () => {
    const run = await runCli(['emulator']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('verifik, wickson');
  });
});
