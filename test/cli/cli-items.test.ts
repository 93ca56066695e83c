import { afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BatchResult, CollectionItem } from 'unified-collections';
import { startEmulator, verifikDemoSeed, wicksonDemoSeed, type RunningEmulator } from 'unified-collections/emulator';
import { BUILD_TIMEOUT_MS, SPAWN_TEST_TIMEOUT_MS, ensureBuilt } from '../support/build-once.js';
import { parseJson, runCli } from './run-cli.js';

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS);
// Every test spawns Node processes; leave room for a loaded CI machine.
jest.setTimeout(SPAWN_TEST_TIMEOUT_MS);

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

/** The demo seed is deterministic, so the embedded emulator of the child holds these very ids. */
const WICKSON_ITEMS = wicksonDemoSeed().items;
const idsIn = (collection: string): string[] => WICKSON_ITEMS.filter((i) => (i.collection ?? 'default') === collection).map((i) => i.id);

async function wickson(): Promise<{ emulator: RunningEmulator; args: string[]; env: Record<string, string> }> {
  const emulator = await startEmulator({ provider: 'wickson', seed: 'demo' });
  running.push(emulator);
  return { emulator, args: ['-p', 'wickson', '--base-url', emulator.url], env: { WICKSON_API_KEY: 'any-key' } };
}

function expectPartition(result: BatchResult, requested: readonly string[]): void {
  const seen = [...result.succeeded, ...result.failed.map((f) => f.id), ...result.unknown];
  expect(seen.sort()).toEqual([...new Set(requested)].sort());
  expect(result.requested).toBe(new Set(requested).size);
}

describe('CLI items list', () => {
  it('--limit N --json prints N normalized items with raw', async () => {
    const { args, env } = await wickson();
    const run = await runCli(['items', 'list', 'research_papers', '--limit', '5', '--json', ...args], { env });
    expect(run.code).toBe(0);
    const items = parseJson<CollectionItem[]>(run.stdout);
    expect(items).toHaveLength(5);
    for (const item of items) {
      expect(item).toMatchObject({ provider: 'wickson', id: expect.any(String), collectionIds: ['research_papers'] });
      expect(item.raw).toBeDefined();
    }
  });

  it('prints a table and says when the limit was reached', async () => {
    const { args, env } = await wickson();
    const run = await runCli(['items', 'list', 'training_videos', '--limit', '3', ...args], { env });
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+TYPE\s+COLLECTIONS\s+CREATED$/);
    expect(lines.slice(1, 4).every((line) => line.includes('training_videos'))).toBe(true);
    expect(run.stdout).toContain('3 items in "training_videos" on wickson (--limit 3 reached)');
    expect(run.stdout).not.toContain('raw');
  });
});

describe('CLI items delete', () => {
  it('--emulator --yes --json with 250 existing ids: a BatchResult with ok true, exit 0', async () => {
    const ids = WICKSON_ITEMS.slice(0, 250).map((i) => i.id);
    const run = await runCli(['items', 'delete', '--provider', 'wickson', '--emulator', '--yes', '--json', ...ids]);
    expect(run.code).toBe(0);
    const result = parseJson<BatchResult>(run.stdout);
    expect(result).toMatchObject({ provider: 'wickson', requested: 250, ok: true, failed: [], unknown: [] });
    expect(result.succeeded).toHaveLength(250);
    expect(result.raw).toHaveLength(3); // ⌈250 / 100⌉ requests
  });

  it('--emulator --yes --json with some missing ids: the honest partial result, exit 3', async () => {
    const missing = ['doc_missing-1', 'img_missing-2', 'vid_missing-3', 'nope'];
    const ids = [...WICKSON_ITEMS.slice(0, 246).map((i) => i.id), ...missing];
    const run = await runCli(['items', 'delete', '--provider', 'wickson', '--emulator', '--yes', '--json', ...ids]);
    expect(run.code).toBe(3);
    const result = parseJson<BatchResult>(run.stdout);
    expect(result.ok).toBe(false);
    expect(result.succeeded).toHaveLength(246);
    expect(result.failed.map((f) => f.id).sort()).toEqual([...missing].sort());
    for (const failure of result.failed) expect(failure.reason).toEqual(expect.any(String));
    expectPartition(result, ids);
  });

  it('prints a readable summary with the failures (exit 3)', async () => {
    const { args, env } = await wickson();
    const ids = [...idsIn('cad_models').slice(0, 2), 'doc_gone'];
    const run = await runCli(['items', 'delete', '--yes', '--reason', 'cleanup', ...args, ...ids], { env });
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('wickson: deleted 2 of 3 items');
    expect(run.stdout).toMatch(/succeeded\s+2/);
    expect(run.stdout).toMatch(/Failed \(1\):\nID\s+CODE\s+REASON\ndoc_gone\s+/);
  });

  it('without --yes and without a terminal: exit 2, no request at all', async () => {
    const { emulator, args, env } = await wickson();
    const run = await runCli(['items', 'delete', ...args, ...idsIn('default').slice(0, 3)], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Pass --yes');
    expect(emulator.stats.total).toBe(0);
  });

  it('reads ids from --file (blank lines and # comments ignored), chunked by 100', async () => {
    const { emulator, args, env } = await wickson();
    const ids = idsIn('default');
    const dir = await mkdtemp(join(tmpdir(), 'uc-cli-'));
    try {
      const file = join(dir, 'ids.txt');
      await writeFile(file, `# items to delete\n${ids.join('\n')}\n\n`);
      const run = await runCli(['items', 'delete', '--yes', '--json', '--file', file, ...args], { env });
      expect(run.code).toBe(0);
      expect(parseJson<BatchResult>(run.stdout).succeeded).toHaveLength(ids.length);
      expect(emulator.stats.byRoute['DELETE /v1/media/batch']).toBe(Math.ceil(ids.length / 100));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const left = await runCli(['items', 'list', 'default', '--json', ...args], { env });
    expect(parseJson<CollectionItem[]>(left.stdout)).toEqual([]);
  });

  it.each([
    ['--file -', ['--file', '-']],
    ['piped stdin', []],
  ])('reads ids from stdin (%s)', async (_label, flags) => {
    const { args, env } = await wickson();
    const ids = idsIn('podcast_archive');
    const run = await runCli(['items', 'delete', '--yes', '--json', ...flags, ...args], { env, input: `${ids.join('\r\n')}\r\n` });
    expect(run.code).toBe(0);
    const result = parseJson<BatchResult>(run.stdout);
    expect(result.succeeded.sort()).toEqual([...ids].sort());
  });
});

describe('CLI items add', () => {
  it('Wickson moves items and reports moved / already in collection', async () => {
    const { args, env } = await wickson();
    const ids = [...idsIn('default').slice(0, 3), idsIn('research_papers')[0] ?? ''];
    const json = await runCli(['items', 'add', 'research_papers', '--json', ...ids, ...args], { env });
    expect(json.code).toBe(0);
    expect(parseJson<BatchResult>(json.stdout)).toMatchObject({ ok: true, moved: 3, alreadyInCollection: 1 });
    const text = await runCli(['items', 'add', 'product_images', ...ids, ...args], { env });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/moved\s+4/);
  });

  it('Wickson: a missing id fails the atomic chunk, exit 3', async () => {
    const { args, env } = await wickson();
    const run = await runCli(['items', 'add', 'research_papers', '--json', idsIn('default')[0] ?? '', 'doc_missing', ...args], { env });
    expect(run.code).toBe(3);
    expect(parseJson<BatchResult>(run.stdout).ok).toBe(false);
  });

  it('Verifik adds persons to a collection, keeping their other collections', async () => {
    const seed = verifikDemoSeed();
    const emulator = await startEmulator({ provider: 'verifik', seed });
    running.push(emulator);
    const args = ['-p', 'verifik', '--base-url', emulator.url];
    const env = { VERIFIK_TOKEN: 'any-token' };
    const blocked = seed.collections.find((c) => c.name === 'Blocked')?._id ?? '';
    const chosen = seed.persons.filter((p) => (p.collections ?? []).length > 0 && !(p.collections ?? []).includes(blocked)).slice(0, 3);
    const persons = chosen.map((p) => p._id ?? '');
    const run = await runCli(['items', 'add', blocked, '--json', ...persons, ...args], { env });
    expect(run.code).toBe(0);
    expect(parseJson<BatchResult>(run.stdout)).toMatchObject({ provider: 'verifik', ok: true, succeeded: persons });
    const listed = parseJson<CollectionItem[]>((await runCli(['items', 'list', blocked, '--json', ...args], { env })).stdout);
    for (const person of chosen) {
      const after = listed.find((p) => p.id === person._id);
      expect(after?.collectionIds).toEqual(expect.arrayContaining([blocked, ...(person.collections ?? [])]));
    }
  });
});
