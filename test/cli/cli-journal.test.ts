import { afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BatchResult } from 'unified-collections';
import type { RunningEmulator } from 'unified-collections/emulator';
import { BUILD_TIMEOUT_MS, SPAWN_TEST_TIMEOUT_MS, ensureBuilt } from '../support/build-once.js';
import { perVendor, vendorFixture } from '../support/vendors.js';
import { DEMO_COLLECTIONS, collectionId, idsIn, inProcess, spawned, startTarget, writesSeen, type Target } from './emulator-target.js';
import { parseJson } from './run-cli.js';

// `items delete|add|remove --journal FILE [--resume]`: the library's journal from the command
// line, with the exit codes and JSON output of the other batch commands.

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS);
jest.setTimeout(SPAWN_TEST_TIMEOUT_MS);

const running: RunningEmulator[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function journalPath(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'uc-cli-journal-'));
  dirs.push(dir);
  return join(dir, 'job.jsonl');
}

/** A demo collection other than DEMO_COLLECTIONS' `members`, to add to. */
const OTHER_COLLECTION: Record<Target['provider'], string> = { wickson: 'product_images', verifik: 'VIP' };

const DELETE_ROUTE: Record<string, string> = {
  wickson: 'DELETE /v1/media/batch',
  verifik: 'DELETE /v2/face-recognition/persons/:id',
};

describe.each(['wickson', 'verifik'] as const)('CLI journals on %s', (provider) => {
  async function setUp(): Promise<{ target: Target; ids: string[]; path: string }> {
    const target = await startTarget(provider, running);
    const collection = await collectionId(target, DEMO_COLLECTIONS[provider].members, inProcess);
    const ids = (await idsIn(target, collection, inProcess)).slice(0, 3);
    return { target, ids, path: await journalPath() };
  }

  it('items delete --journal: unknown outcomes are read back by --resume, which sends no delete again', async () => {
    const { target, ids, path } = await setUp();
    const route = perVendor(DELETE_ROUTE, vendorFixture(provider), 'delete route');
    // The vendor carries the deletes out, but the answers arrive cut short: outcome unknown.
    target.emulator.faults.add({ route, kind: 'truncated-json' });
    const first = await inProcess(['items', 'delete', '--yes', '--journal', path, ...ids, ...target.args], target.env);
    expect(first.code).toBe(3);
    expect(first.stdout).toMatch(/Unknown outcome \(\d\): sent, but no answer; run the same command with --resume to read them back/);
    target.emulator.faults.clear();
    const deletes = target.emulator.stats.byRoute[route];

    const again = await inProcess(['items', 'delete', '--yes', '--journal', path, '--resume', '--json', ...ids, ...target.args], target.env);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    const result = parseJson<BatchResult>(again.stdout);
    expect(result).toMatchObject({ provider, operation: 'deleteItems', requested: 3, ok: true, succeeded: ids, failed: [], unknown: [] });
    expect(target.emulator.stats.byRoute[route]).toBe(deletes);
  });

  it('an existing journal without --resume is refused before any request (exit 2, file untouched, a hint names the flag)', async () => {
    const { target, ids, path } = await setUp();
    const first = await inProcess(['items', 'delete', '-y', '--journal', path, ...ids, ...target.args], target.env);
    expect(first.code).toBe(0);
    const bytes = await readFile(path);
    const writes = writesSeen(target.emulator);
    const total = target.emulator.stats.total;

    const refused = await inProcess(['items', 'delete', '-y', '--journal', path, ...ids, ...target.args], target.env);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    // The hint first, then the error, as `items add` prints its --create hint.
    expect(refused.stderr).toMatch(/^hint: to continue the job ".+" records, run the same command with --resume\n/);
    expect(refused.stderr).toMatch(/\nerror \[INVALID_INPUT\]: journal ".+" already exists;.*nothing was sent\n$/);
    const json = await inProcess(['items', 'delete', '-y', '--json', '--journal', path, ...ids, ...target.args], target.env);
    expect(json.code).toBe(2);
    expect(parseJson<{ error: { code: string } }>(json.stderr).error.code).toBe('INVALID_INPUT');
    expect(target.emulator.stats.total).toBe(total);
    expect(await readFile(path)).toEqual(bytes);

    // Resuming the finished job reports it again and sends nothing.
    const resumed = await inProcess(['items', 'delete', '-y', '--json', '--journal', path, '--resume', ...ids, ...target.args], target.env);
    expect(resumed.code).toBe(0);
    expect(parseJson<BatchResult>(resumed.stdout).succeeded).toEqual(ids);
    expect(writesSeen(target.emulator)).toBe(writes);
  });

  it('items add and items remove take --journal and --resume too', async () => {
    const { target, ids, path } = await setUp();
    const to = await collectionId(target, OTHER_COLLECTION[provider], inProcess);
    const add = await inProcess(['items', 'add', to, '--json', '--journal', path, ...ids, ...target.args], target.env);
    expect(add.code).toBe(0);
    expect(parseJson<BatchResult>(add.stdout)).toMatchObject({ operation: 'addItems', collectionId: to, ok: true });
    const writes = writesSeen(target.emulator);
    const addAgain = await inProcess(['items', 'add', to, '--json', '--journal', path, '--resume', ...ids, ...target.args], target.env);
    expect(parseJson<BatchResult>(addAgain.stdout).succeeded).toEqual(ids);
    expect(writesSeen(target.emulator)).toBe(writes);

    const removal = await journalPath();
    const remove = await inProcess(['items', 'remove', to, '-y', '--json', '--journal', removal, ...ids, ...target.args], target.env);
    expect(remove.code).toBe(0);
    const removed = writesSeen(target.emulator);
    const removeAgain = await inProcess(['items', 'remove', to, '-y', '--json', '--journal', removal, '--resume', ...ids, ...target.args], target.env);
    expect(parseJson<BatchResult>(removeAgain.stdout)).toMatchObject({ operation: 'removeItems', ok: true, succeeded: ids });
    expect(writesSeen(target.emulator)).toBe(removed);
  });
});

describe('CLI journal flags', () => {
  it('--resume without --journal is a usage error before any request or prompt', async () => {
    const target = await startTarget('wickson', running);
    for (const command of [['items', 'delete', 'doc_1'], ['items', 'add', 'research_papers', 'doc_1'], ['items', 'remove', 'research_papers', 'doc_1']]) {
      const run = await inProcess([...command, '--resume', ...target.args], target.env);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe('error [USAGE]: --resume needs --journal <file>: the journal of the job to continue\n');
    }
    expect(target.emulator.stats.total).toBe(0);
  });

  it('the built binary keeps and resumes a journal', async () => {
    const target = await startTarget('wickson', running);
    const ids = (await idsIn(target, 'research_papers', inProcess)).slice(0, 2);
    const path = await journalPath();
    const first = await spawned(['items', 'delete', '-y', '--journal', path, ...ids, ...target.args], target.env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const writes = writesSeen(target.emulator);
    const again = await spawned(['items', 'delete', '-y', '--json', '--journal', path, '--resume', ...ids, ...target.args], target.env);
    expect(again.code).toBe(0);
    expect(parseJson<BatchResult>(again.stdout)).toMatchObject({ ok: true, succeeded: ids });
    expect(writesSeen(target.emulator)).toBe(writes);
  });
});
