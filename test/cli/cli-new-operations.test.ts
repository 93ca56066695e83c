import { afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { BatchResult, Collection, CollectionItem } from 'unified-collections';
import type { RunningEmulator } from 'unified-collections/emulator';
import { BUILD_TIMEOUT_MS, SPAWN_TEST_TIMEOUT_MS, ensureBuilt } from '../support/build-once.js';
import { DEMO_COLLECTIONS, collectionId, idsIn, startTarget, writesSeen } from './emulator-target.js';
import { parseJson, runCli } from './run-cli.js';

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS);
// Every test spawns Node processes; leave room for a loaded CI machine.
jest.setTimeout(SPAWN_TEST_TIMEOUT_MS);

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

describe('CLI items remove', () => {
  it('Wickson: members move back to default, non-members end failed, exit 3', async () => {
    const target = await startTarget('wickson', running);
    const members = (await idsIn(target, 'research_papers')).slice(0, 3);
    const elsewhere = (await idsIn(target, 'default'))[0] ?? '';
    const ids = [...members, elsewhere, 'doc_missing'];
    const run = await runCli(['items', 'remove', 'research_papers', '--yes', '--json', ...ids, ...target.args], { env: target.env });
    expect(run.code).toBe(3);
    const result = parseJson<BatchResult>(run.stdout);
    expect(result).toMatchObject({ provider: 'wickson', requested: 5, ok: false, succeeded: members, unknown: [] });
    expect(result.failed.map((f) => f.id).sort()).toEqual([elsewhere, 'doc_missing'].sort());
    const inDefault = await idsIn(target, 'default');
    expect(inDefault).toEqual(expect.arrayContaining([...members, elsewhere]));
    expect(inDefault).not.toContain('doc_missing');
    const left = await idsIn(target, 'research_papers');
    for (const id of members) expect(left).not.toContain(id);
  });

  it('Wickson text output: the summary, and exit 0 when every id was a member', async () => {
    const target = await startTarget('wickson', running);
    const members = (await idsIn(target, 'product_images')).slice(0, 2);
    const run = await runCli(['items', 'remove', 'product_images', '-y', ...members, ...target.args], { env: target.env });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('wickson: removed from "product_images" all 2 items');
    expect(run.stdout).toMatch(/succeeded\s+2/);
  });

  it('Wickson: removing from default is INVALID_INPUT before any request, exit 2', async () => {
    const target = await startTarget('wickson', running);
    const run = await runCli(['items', 'remove', 'default', '--yes', 'doc_1', ...target.args], { env: target.env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error \[INVALID_INPUT\]: .*"default"/);
    expect(target.emulator.stats.total).toBe(0);
  });

  it('without --yes and without a terminal: exit 2, no request, ids on stdin never read', async () => {
    const target = await startTarget('wickson', running);
    const run = await runCli(['items', 'remove', 'research_papers', ...target.args], { env: target.env, input: 'doc_1\n' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Pass --yes');
    expect(target.emulator.stats.total).toBe(0);
  });

  it('Verifik: unlinks the collection from each person (ids piped on stdin), the persons stay', async () => {
    const target = await startTarget('verifik', running);
    const vip = await collectionId(target, 'VIP');
    const persons = (await idsIn(target, vip)).slice(0, 3);
    const run = await runCli(['items', 'remove', vip, '--yes', '--json', ...target.args], { env: target.env, input: `${persons.join('\n')}\n` });
    expect(run.code).toBe(0);
    expect(parseJson<BatchResult>(run.stdout)).toMatchObject({ provider: 'verifik', ok: true, succeeded: persons });
    const left = await idsIn(target, vip);
    for (const id of persons) expect(left).not.toContain(id);
    for (const person of persons) {
      const got = await runCli(['items', 'get', person, '--json', ...target.args], { env: target.env });
      expect(got.code).toBe(0);
      expect(parseJson<CollectionItem>(got.stdout).collectionIds ?? []).not.toContain(vip);
    }
  });
});

describe('CLI items get', () => {
  it.each(['wickson', 'verifik'] as const)('%s: one item as a table or --json', async (provider) => {
    const target = await startTarget(provider, running);
    const collection = await collectionId(target, DEMO_COLLECTIONS[provider].members);
    const id = (await idsIn(target, collection))[0] ?? '';
    const json = await runCli(['items', 'get', id, '--json', ...target.args], { env: target.env });
    expect(json.code).toBe(0);
    const item = parseJson<CollectionItem>(json.stdout);
    expect(item).toMatchObject({ provider, id, raw: expect.anything() });
    expect(item.collectionIds).toContain(collection);
    const text = await runCli(['items', 'get', id, ...target.args], { env: target.env });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^provider\\s+${provider}\\nid\\s+${id}\\n`));
    expect(text.stdout).not.toContain('raw');
  });

  it.each([
    ['wickson', 'doc_does_not_exist'],
    ['verifik', '0123456789abcdef01234567'],
  ] as const)('%s: a missing id is NOT_FOUND, exit 1, stdout empty', async (provider, id) => {
    for (const json of [false, true]) {
      const run = await runCli(['items', 'get', id, '-p', provider, '--emulator', ...(json ? ['--json'] : [])]);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      if (json) expect(parseJson(run.stderr).error).toMatchObject({ code: 'NOT_FOUND', provider });
      else expect(run.stderr).toMatch(/^error \[NOT_FOUND\]: /m);
    }
  });
});

describe('CLI collections update', () => {
  it('Verifik: renames and describes the collection', async () => {
    const target = await startTarget('verifik', running);
    const vip = await collectionId(target, 'VIP');
    const json = await runCli(['collections', 'update', vip, '--name', 'VIP Gold', '--description', 'top tier', '--json', ...target.args], { env: target.env });
    expect(json.code).toBe(0);
    expect(parseJson<Collection>(json.stdout)).toMatchObject({ provider: 'verifik', id: vip, name: 'VIP Gold', description: 'top tier' });
    const text = await runCli(['collections', 'update', vip, '--description', 'second', ...target.args], { env: target.env });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`Updated collection "${vip}" on verifik:`);
    expect(text.stdout).toMatch(/name\s+VIP Gold\n/);
    const got = await runCli(['collections', 'get', vip, '--json', ...target.args], { env: target.env });
    expect(parseJson<Collection>(got.stdout)).toMatchObject({ name: 'VIP Gold', description: 'second' });
  });

  it('Wickson: UNSUPPORTED, exit 1, no request', async () => {
    const target = await startTarget('wickson', running);
    const run = await runCli(['collections', 'update', 'research_papers', '--name', 'papers', ...target.args], { env: target.env });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error \[UNSUPPORTED\]: /);
    expect(target.emulator.stats.total).toBe(0);
  });

  it.each(['wickson', 'verifik'] as const)('%s: neither --name nor --description is a usage error, exit 2', async (provider) => {
    const target = await startTarget(provider, running);
    const run = await runCli(['collections', 'update', 'some_id', ...target.args], { env: target.env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error \[USAGE\]: .*--name <name> and\/or --description <text>/);
    expect(target.emulator.stats.total).toBe(0);
  });
});

describe('CLI items add --create', () => {
  it('Wickson: a missing collection is NOT_FOUND, exit 1, nothing moved; --create creates it', async () => {
    const target = await startTarget('wickson', running);
    const ids = (await idsIn(target, 'research_papers')).slice(0, 2);
    target.emulator.stats.reset();
    const refused = await runCli(['items', 'add', 'research_paperz', ...ids, ...target.args], { env: target.env });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/^error \[NOT_FOUND\]: .*would have created it/m);
    expect(refused.stderr).toContain('pass --create');
    expect(writesSeen(target.emulator)).toBe(0);
    expect(await idsIn(target, 'research_papers')).toEqual(expect.arrayContaining(ids));

    const json = await runCli(['items', 'add', 'research_paperz', '--json', ...ids, ...target.args], { env: target.env });
    expect(json.code).toBe(1);
    expect(json.stderr.trim().split('\n')).toHaveLength(1); // no hint line beside the JSON error
    expect(parseJson(json.stderr).error).toMatchObject({ code: 'NOT_FOUND', provider: 'wickson' });

    const created = await runCli(['items', 'add', 'research_paperz', '--create', '--json', ...ids, ...target.args], { env: target.env });
    expect(created.code).toBe(0);
    expect(parseJson<BatchResult>(created.stdout)).toMatchObject({ ok: true, succeeded: ids, moved: 2 });
    expect((await idsIn(target, 'research_paperz')).sort()).toEqual([...ids].sort());
  });

  it('Wickson: an existing collection needs no --create', async () => {
    const run = await runCli(['items', 'add', 'research_papers', 'doc_x', '-p', 'wickson', '--emulator', '--json']);
    expect(run.code).toBe(3); // the id is missing, the collection is not
    expect(parseJson<BatchResult>(run.stdout).ok).toBe(false);
  });
});

describe('CLI collections list --counts', () => {
  it('Verifik: fills every item count, matching items list', async () => {
    const target = await startTarget('verifik', running);
    const plain = parseJson<Collection[]>((await runCli(['collections', 'list', '--json', ...target.args], { env: target.env })).stdout);
    const counted = await runCli(['collections', 'list', '--counts', '--json', ...target.args], { env: target.env });
    expect(counted.code).toBe(0);
    const collections = parseJson<Collection[]>(counted.stdout);
    expect(collections.map((c) => c.id)).toEqual(plain.map((c) => c.id));
    const vip = collections.find((c) => c.name === 'VIP');
    expect(vip?.itemCount).toBe((await idsIn(target, vip?.id ?? '')).length);
    for (const collection of collections) expect(collection.itemCount).toEqual(expect.any(Number));
    const text = await runCli(['collections', 'list', '--counts', ...target.args], { env: target.env });
    expect(text.stdout).toMatch(new RegExp(`VIP\\s+${vip?.itemCount}\\s`));
  });

  it('Wickson: the listing already has counts; --counts changes nothing', async () => {
    const plain = await runCli(['collections', 'list', '-p', 'wickson', '--emulator', '--json']);
    const counted = await runCli(['collections', 'list', '-p', 'wickson', '--emulator', '--json', '--counts']);
    expect(counted.code).toBe(0);
    expect(parseJson<Collection[]>(counted.stdout).map((c) => [c.id, c.itemCount]))
      .toEqual(parseJson<Collection[]>(plain.stdout).map((c) => [c.id, c.itemCount]));
  });
});
