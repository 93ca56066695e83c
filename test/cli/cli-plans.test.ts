import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BatchResult, OperationPlan, SyncResult } from 'unified-collections';
import type { RunningEmulator } from 'unified-collections/emulator';
import { BUILD_TIMEOUT_MS, SPAWN_TEST_TIMEOUT_MS, ensureBuilt } from '../support/build-once.js';
import { DEMO_COLLECTIONS, collectionId, idsIn, inProcess, spawned, startTarget, writesSeen, type Target } from './emulator-target.js';
import { parseJson } from './run-cli.js';

// --dry-run on every destructive command, and `collections sync`. Most runs are in process
// (the same program, in-memory streams); the spawned binary is checked on a sample.

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS);
jest.setTimeout(SPAWN_TEST_TIMEOUT_MS);

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

const run = (target: Target, args: string[], input?: string) => (input === undefined
  ? inProcess([...args, ...target.args], target.env)
  : import('./memory-io.js').then(({ runInProcess }) => runInProcess([...args, ...target.args], { env: target.env, stdin: [input] })));

const PROVIDERS = ['wickson', 'verifik'] as const;

describe('CLI --dry-run', () => {
  it.each(PROVIDERS)('%s items delete --dry-run --json: no confirmation, no write, exit 0; the real run then does what it said', async (provider) => {
    const target = await startTarget(provider, running);
    const members = (await idsIn(target, await collectionId(target, DEMO_COLLECTIONS[provider].small), inProcess)).slice(0, 3);
    const missing = DEMO_COLLECTIONS[provider].missingItem;
    const dry = await run(target, ['items', 'delete', '--dry-run', '--json', ...members, missing]);
    expect([dry.code, dry.stderr]).toEqual([0, '']);
    const plan = parseJson<OperationPlan>(dry.stdout);
    expect(plan).toMatchObject({ provider, operation: 'deleteItems', dryRun: true, requested: 4, affected: members });
    expect(plan.skipped).toEqual([expect.objectContaining({ id: missing, code: 'NOT_FOUND' })]);
    expect(writesSeen(target.emulator)).toBe(0);
    const real = await run(target, ['items', 'delete', '--yes', '--json', ...members, missing]);
    expect(real.code).toBe(3);
    const result = parseJson<BatchResult>(real.stdout);
    expect(result.succeeded).toEqual(plan.affected);
    expect(writesSeen(target.emulator)).toBe(plan.writeRequests);
  });

  it('items remove --dry-run reads ids from stdin without a terminal and without --yes, and prints the plan for people', async () => {
    const target = await startTarget('wickson', running);
    const members = (await idsIn(target, 'research_papers', inProcess)).slice(0, 2);
    const dry = await run(target, ['items', 'remove', 'research_papers', '--dry-run'], `${members.join('\n')}\ndoc_missing\n`);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('wickson: dry run of remove items "research_papers". Nothing was written');
    expect(dry.stdout).toMatch(/would succeed\s+2/);
    expect(dry.stdout).toMatch(/would fail\s+1/);
    expect(dry.stdout).toMatch(/doc_missing\s+NOT_FOUND/);
    expect(writesSeen(target.emulator)).toBe(0);
  });

  it('items add --dry-run: a missing Wickson collection is NOT_FOUND with the --create hint (exit 1); with --create, a plan', async () => {
    const target = await startTarget('wickson', running);
    const [id] = await idsIn(target, 'research_papers', inProcess);
    const missing = await run(target, ['items', 'add', 'no_such_collection', '--dry-run', id!]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('hint: to create "no_such_collection" and move the items into it, pass --create');
    const created = await run(target, ['items', 'add', 'no_such_collection', '--dry-run', '--create', '--json', id!]);
    expect(created.code).toBe(0);
    expect(parseJson<OperationPlan>(created.stdout)).toMatchObject({ affected: [id], changes: { add: [id], unchanged: 0 }, writeRequests: 1 });
    expect(writesSeen(target.emulator)).toBe(0);
  });

  it.each([
    ['wickson', /cascade\s+deletes \d+ items with it \(cannot be undone\)/],
    ['verifik', /cascade\s+unlinks \d+ items? from it \(not deleted\)/],
  ] as const)('%s collections delete --dry-run says what goes with it, asks nothing, writes nothing', async (provider, cascade) => {
    const target = await startTarget(provider, running);
    const id = await collectionId(target, DEMO_COLLECTIONS[provider].members, inProcess);
    const dry = await run(target, ['collections', 'delete', id, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(cascade);
    expect(dry.stdout).toMatch(/write requests\s+1/);
    expect(writesSeen(target.emulator)).toBe(0);
    expect((await run(target, ['collections', 'get', id])).code).toBe(0);
  });

  it('collections delete default --dry-run is PROTECTED_COLLECTION before any request (exit 1)', async () => {
    const target = await startTarget('wickson', running);
    const dry = await run(target, ['collections', 'delete', 'default', '--dry-run']);
    expect(dry.code).toBe(1);
    expect(dry.stderr).toMatch(/^error \[PROTECTED_COLLECTION\]/);
    expect(target.emulator.stats.total).toBe(0);
  });
});

describe('CLI collections sync', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'uc-cli-sync-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each(PROVIDERS)('%s: ids from a file; the dry run lists the changes, the run makes the membership exactly those ids', async (provider) => {
    const target = await startTarget(provider, running);
    const id = await collectionId(target, DEMO_COLLECTIONS[provider].small, inProcess);
    const members = await idsIn(target, id, inProcess);
    const outsider = (await idsIn(target, await collectionId(target, DEMO_COLLECTIONS[provider].other, inProcess), inProcess))
      .find((candidate) => !members.includes(candidate))!;
    const desired = [...members.slice(1), outsider];
    const file = join(dir, `${provider}.txt`);
    await writeFile(file, `# desired members\n${desired.join('\n')}\n`);
    const dry = await run(target, ['collections', 'sync', id, '--file', file, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`To add (1): "${outsider}"`);
    expect(dry.stdout).toContain(`To take out (1): "${members[0]}"`);
    expect(writesSeen(target.emulator)).toBe(0);
    const real = await run(target, ['collections', 'sync', id, '--file', file, '--yes', '--json']);
    expect(real.code).toBe(0);
    expect(parseJson<SyncResult>(real.stdout)).toMatchObject({ ok: true, added: 1, removed: 1, unchanged: desired.length - 1 });
    expect((await idsIn(target, id, inProcess)).sort()).toEqual([...desired].sort());
  });

  it('text output with a failure: the counts and the failed ids, exit 3', async () => {
    const target = await startTarget('wickson', running);
    const members = await idsIn(target, 'product_images', inProcess);
    const sync = await run(target, ['collections', 'sync', 'product_images', '-y', ...members.slice(2), 'doc_missing']);
    expect(sync.code).toBe(3);
    expect(sync.stdout).toContain('wickson: collection "product_images" did not fully reach the ids given');
    expect(sync.stdout).toMatch(/taken out\s+2/);
    expect(sync.stdout).toMatch(/doc_missing\s+NOT_FOUND/);
  });

  it('refusals: no terminal and no --yes (exit 2, nothing sent), the default collection (exit 2), an empty list (exit 2)', async () => {
    const target = await startTarget('wickson', running);
    const asked = await run(target, ['collections', 'sync', 'research_papers'], 'doc_1\n');
    expect(asked.code).toBe(2);
    expect(asked.stderr).toContain('--yes');
    const home = await run(target, ['collections', 'sync', 'default', '--yes', 'doc_1']);
    expect(home.code).toBe(2);
    expect(home.stderr).toMatch(/^error \[INVALID_INPUT\]: "default" cannot be synced/);
    const empty = await run(target, ['collections', 'sync', 'research_papers', '--yes'], '');
    expect(empty.code).toBe(2);
    expect(target.emulator.stats.total).toBe(0);
  });

  it('the spawned binary: sync --dry-run --json prints the plan and exits 0', async () => {
    const target = await startTarget('verifik', running);
    const id = await collectionId(target, 'VIP', spawned);
    const [first] = await idsIn(target, id, spawned);
    const dry = await spawned(['collections', 'sync', id, '--dry-run', '--json', first!, ...target.args], target.env);
    expect(dry.code).toBe(0);
    expect(parseJson<OperationPlan>(dry.stdout)).toMatchObject({ provider: 'verifik', operation: 'syncCollection', dryRun: true, changes: { add: [] } });
    expect(writesSeen(target.emulator)).toBe(0);
  });
});
