import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { BUILD_TIMEOUT_MS, SPAWN_TEST_TIMEOUT_MS, ensureBuilt } from '../support/build-once.js';
import { parseJson, runCli } from './run-cli.js';

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS);
// Every test spawns Node processes; leave room for a loaded CI machine.
jest.setTimeout(SPAWN_TEST_TIMEOUT_MS);

describe('CLI: help and usage errors (exit code 2)', () => {
  it('--help lists the commands and the exit codes, exit 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const text of ['collections', 'items', 'emulator', '--provider', '--json', '--emulator', 'Exit codes', 'WICKSON_API_KEY']) {
      expect(run.stdout).toContain(text);
    }
  });

  it('--version prints the package version, exit 0', async () => {
    const run = await runCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('an unknown command is a usage error', async () => {
    const run = await runCli(['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error \[USAGE\]: unknown command 'frobnicate'/);
  });

  it('a command group without its subcommand prints its help, exit 2', async () => {
    const run = await runCli(['items']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('delete');
  });

  it('an unknown provider exits 2 naming the known ones', async () => {
    const run = await runCli(['collections', 'list', '--provider', 'acme']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error [USAGE]');
    expect(run.stderr).toContain('verifik, wickson');
  });

  it('an unknown provider from UNIFIED_COLLECTIONS_PROVIDER is refused the same way', async () => {
    const run = await runCli(['collections', 'list'], { env: { UNIFIED_COLLECTIONS_PROVIDER: 'acme' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('verifik, wickson');
  });

  it('with --json the usage error is a JSON object on stderr, stdout stays empty', async () => {
    const run = await runCli(['collections', 'list', '--provider', 'acme', '--json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const body = parseJson(run.stderr);
    expect(body.error.code).toBe('USAGE');
    expect(body.error.message).toContain('verifik, wickson');
  });

  it('a missing --provider exits 2 naming the known ones', async () => {
    const run = await runCli(['collections', 'list']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--provider');
    expect(run.stderr).toContain('verifik, wickson');
  });

  it.each([
    ['wickson', 'WICKSON_API_KEY'],
    ['verifik', 'VERIFIK_TOKEN'],
  ])('a missing %s credential exits 2 with a CONFIG error naming %s', async (provider, envVar) => {
    const run = await runCli(['collections', 'list', '--provider', provider]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error \[CONFIG\]: /);
    expect(run.stderr).toContain(envVar);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('an invalid --limit is a usage error', async () => {
    const run = await runCli(['items', 'list', 'default', '--limit', 'zero', '--provider', 'wickson', '--emulator']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--limit');
  });

  it('--emulator and --base-url together are a usage error', async () => {
    const run = await runCli(['collections', 'list', '-p', 'wickson', '--emulator', '--base-url', 'http://127.0.0.1:9']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--emulator and --base-url');
  });

  it('a plain-http, non-loopback --base-url is refused before any request (CONFIG, exit 2)', async () => {
    const run = await runCli(['collections', 'list', '-p', 'wickson', '--base-url', 'http://example.com'], {
      env: { WICKSON_API_KEY: 'k' },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error \[CONFIG\]: .*https/);
  });

  it('items delete with no ids at all (empty stdin) is a usage error', async () => {
    const run = await runCli(['items', 'delete', '-p', 'wickson', '--emulator', '--yes'], { input: '\n\n' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no ids given');
  });

  it('an unreadable --file is a usage error', async () => {
    const run = await runCli(['items', 'delete', '-p', 'wickson', '--emulator', '--yes', '--file', '/nonexistent/ids.txt']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('ENOENT');
  });
});
