import { afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { startEmulator, type RunningEmulator } from 'unified-collections/emulator';
import { BUILD_TIMEOUT_MS, SPAWN_TEST_TIMEOUT_MS, ensureBuilt } from '../support/build-once.js';
import { VENDOR_FIXTURES, vendorFixture } from '../support/vendors.js';
import { parseJson, runCli } from './run-cli.js';

const CLI_CREDENTIAL = 'cli-test-credential';

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS);
// Every test spawns Node processes; leave room for a loaded CI machine.
jest.setTimeout(SPAWN_TEST_TIMEOUT_MS);

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

/** A demo-seeded emulator of `vendor`, and the flags and environment that point the CLI at it. */
async function standalone(vendor: string): Promise<{ emulator: RunningEmulator; args: string[]; env: Record<string, string> }> {
  const fixture = vendorFixture(vendor);
  const emulator = await startEmulator({ provider: fixture.name, seed: 'demo', credentials: fixture.emulatorCredentials(CLI_CREDENTIAL) });
  running.push(emulator);
  return { emulator, args: ['--provider', fixture.name, '--base-url', emulator.url], env: fixture.env(CLI_CREDENTIAL) };
}

const wickson = () => standalone('wickson');
const verifik = () => standalone('verifik');

function deletesSeen(emulator: RunningEmulator): number {
  return Object.entries(emulator.stats.byRoute)
    .filter(([route]) => route.startsWith('DELETE '))
    .reduce((sum, [, count]) => sum + count, 0);
}

describe('CLI collections against a standalone emulator', () => {
  it('list --json prints the normalized Collection[] with raw, exit 0', async () => {
    const { args, env } = await wickson();
    const run = await runCli(['collections', 'list', '--json', ...args], { env });
    expect(run.code).toBe(0);
    const collections = parseJson<Array<Record<string, unknown>>>(run.stdout);
    expect(collections.map((c) => c.id)).toEqual(expect.arrayContaining(['default', 'research_papers', 'product_images', 'training_videos']));
    const def = collections.find((c) => c.id === 'default');
    expect(def).toMatchObject({ provider: 'wickson', name: 'default', isDefault: true, itemCount: expect.any(Number) });
    expect(def?.raw).toBeDefined();
    expect(new Date(def?.createdAt as string).toISOString()).toBe(def?.createdAt); // Dates as ISO strings
  });

  it('list prints an aligned table without raw', async () => {
    const { args, env } = await verifik();
    const run = await runCli(['collections', 'list', ...args], { env });
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+ITEMS\s+CREATED\s+DEFAULT$/);
    const nameColumn = lines[0]?.indexOf('NAME');
    const vip = lines.find((line) => line.includes('VIP'));
    expect(vip?.indexOf('VIP')).toBe(nameColumn);
    expect(run.stdout).not.toContain('raw');
    expect(run.stdout).toContain('5 collections on verifik');
  });

  it('get of a missing id: error [NOT_FOUND] on stderr, exit 1, no stack trace', async () => {
    const { args, env } = await wickson();
    const run = await runCli(['collections', 'get', 'no_such_collection', ...args], { env });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error \[NOT_FOUND\]: /);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('get of a missing id with --json: the error\'s JSON on stderr', async () => {
    const { args, env } = await verifik();
    const run = await runCli(['collections', 'get', '0123456789abcdef01234567', '--json', ...args], { env });
    expect(run.code).toBe(1);
    expect(parseJson(run.stderr).error).toMatchObject({ name: 'CollectionError', code: 'NOT_FOUND', provider: 'verifik', status: 404 });
  });

  it('delete without --yes and without a terminal: exit 2, says to pass --yes, nothing deleted', async () => {
    const { emulator, args, env } = await wickson();
    const run = await runCli(['collections', 'delete', 'research_papers', ...args], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--yes');
    expect(deletesSeen(emulator)).toBe(0);
    expect(emulator.stats.total).toBe(0);
    const list = await runCli(['collections', 'list', '--json', ...args], { env });
    expect(parseJson<Array<{ id: string }>>(list.stdout).map((c) => c.id)).toContain('research_papers');
  });

  it('delete --yes on Wickson reports the counts of the items it deleted', async () => {
    const { args, env } = await wickson();
    const json = await runCli(['collections', 'delete', 'research_papers', '--yes', '--json', ...args], { env });
    expect(json.code).toBe(0);
    expect(parseJson(json.stdout)).toMatchObject({
      provider: 'wickson', collectionId: 'research_papers', deletedItems: 60, raw: expect.anything(),
    });
    const text = await runCli(['collections', 'delete', 'product_images', '--yes', ...args], { env });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Deleted collection "product_images" on wickson: 60 items deleted/);
  });

  it('delete --yes on Verifik shows the snapshot of the deleted collection', async () => {
    const { args, env } = await verifik();
    const listed = parseJson<Array<{ id: string; name: string }>>((await runCli(['collections', 'list', '--json', ...args], { env })).stdout);
    const staff = listed.find((c) => c.name === 'Staff');
    expect(staff).toBeDefined();
    const run = await runCli(['collections', 'delete', staff?.id ?? '', '--yes', ...args], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Snapshot');
    expect(run.stdout).toMatch(/name\s+Staff/);
    const json = await runCli(['collections', 'delete', listed[0]?.id ?? '', '--yes', '--json', ...args], { env });
    expect(parseJson(json.stdout)).toMatchObject({ provider: 'verifik', snapshot: { name: listed[0]?.name } });
  });

  it('delete of Wickson\'s default collection: PROTECTED_COLLECTION, exit 1, no request', async () => {
    const { emulator, args, env } = await wickson();
    const run = await runCli(['collections', 'delete', 'default', '--yes', ...args], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error \[PROTECTED_COLLECTION\]/);
    expect(deletesSeen(emulator)).toBe(0);
  });

  it('create works on Verifik and is UNSUPPORTED on Wickson (exit 1)', async () => {
    const v = await verifik();
    const created = await runCli(['collections', 'create', 'Contractors', '--description', 'temporary badges', '--json', ...v.args], { env: v.env });
    expect(created.code).toBe(0);
    expect(parseJson(created.stdout)).toMatchObject({ provider: 'verifik', name: 'Contractors', description: 'temporary badges' });
    const w = await wickson();
    const refused = await runCli(['collections', 'create', 'new_one', ...w.args], { env: w.env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error [UNSUPPORTED]');
  });

  it.each(VENDOR_FIXTURES.map((fixture) => fixture.name))('a rejected credential (%s) is UNAUTHORIZED, exit 1, and never printed', async (provider) => {
    const canary = 'CANARY-d41d8cd98f00b204e9800998ecf8427e';
    const fixture = vendorFixture(provider);
    const emulator = await startEmulator({ provider, seed: 'demo', credentials: fixture.emulatorCredentials('the-right-credential') });
    running.push(emulator);
    const env = fixture.env(canary);
    for (const extra of [[], ['--json']]) {
      const run = await runCli(['collections', 'list', '-p', provider, '--base-url', emulator.url, ...extra], { env });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('UNAUTHORIZED');
      for (const output of [run.stdout, run.stderr]) {
        expect(output).not.toContain(canary);
        expect(output).not.toContain(canary.slice(0, 16));
        expect(output).not.toContain(Buffer.from(canary).toString('base64'));
      }
    }
  });

  it('--emulator: a vendor error from the embedded emulator exits 1', async () => {
    const run = await runCli(['collections', 'get', '000000000000000000000000', '-p', 'verifik', '--emulator', '--json']);
    expect(run.code).toBe(1);
    expect(parseJson(run.stderr).error).toMatchObject({ code: 'NOT_FOUND', provider: 'verifik' });
  });

  it('a refused connection is a NETWORK error, exit 1', async () => {
    const emulator = await startEmulator({ provider: 'wickson' });
    const url = emulator.url;
    await emulator.close();
    const run = await runCli(['collections', 'list', '-p', 'wickson', '--base-url', url], { env: { WICKSON_API_KEY: 'k' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error \[NETWORK\]/);
  });
});
