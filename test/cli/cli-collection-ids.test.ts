import { afterAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createCollectionClient } from 'unified-collections';
import { startEmulator, type RunningEmulator } from 'unified-collections/emulator';
import { VENDOR_FIXTURES } from '../support/vendors.js';
import { idsIn, inProcess, startTarget, type Target } from './emulator-target.js';
import { expectOneSafeLine, runInProcess } from './memory-io.js';

// A vendor whose collection ids have a fixed shape (Verifik's 24-hex `_id`) gets a collection
// *name* refused before any request, with the way to find the id, on every command that takes
// a collection. Vendors are told apart by their descriptor, never by name.

const running: RunningEmulator[] = [];
afterAll(() => Promise.all(running.map((emulator) => emulator.close())));

const SHAPED = VENDOR_FIXTURES.filter((fixture) => fixture.descriptor.collectionId !== undefined);
const FREE_FORM = VENDOR_FIXTURES.filter((fixture) => fixture.descriptor.collectionId === undefined);

/** Every command with a collection argument, `C` standing for it; `P` for an item of the vendor. */
const COMMANDS: ReadonlyArray<readonly string[]> = [
  ['collections', 'get', 'C'],
  ['collections', 'update', 'C', '--name', 'renamed'],
  ['collections', 'delete', 'C', '--yes'],
  ['collections', 'delete', 'C', '--dry-run'],
  ['collections', 'sync', 'C', 'P', '--yes'],
  ['collections', 'sync', 'C', 'P', '--dry-run'],
  ['items', 'list', 'C'],
  ['items', 'add', 'C', 'P'],
  ['items', 'add', 'C', 'P', '--dry-run'],
  ['items', 'remove', 'C', 'P', '--yes'],
  ['items', 'remove', 'C', 'P', '--dry-run'],
];

const fill = (command: readonly string[], collection: string, item: string): string[] =>
  command.map((word) => (word === 'C' ? collection : word === 'P' ? item : word));

interface Listed {
  id: string;
  name: string;
}

async function listed(target: Target): Promise<Listed[]> {
  const run = await runInProcess(['collections', 'list', '--json', ...target.args], { env: target.env });
  return JSON.parse(run.stdout) as Listed[];
}

/** Near misses of a real id: one character short or long, a non-hex character, spaces. */
function nearMisses(id: string): string[] {
  return [id.slice(1), `${id}0`, `g${id.slice(1)}`, ` ${id}`, `${id.slice(0, 12)} ${id.slice(13)}`, id.replace(/.$/, '-')];
}

describe.each(SHAPED.map((fixture) => [fixture.name, fixture] as const))('%s: a collection argument of the wrong shape', (_name, fixture) => {
  const shape = fixture.descriptor.collectionId!;

  it('names, near misses and arbitrary strings: USAGE with the hint, exit 2, nothing sent, on every command', async () => {
    const target = await startTarget(fixture.name, running);
    const collections = await listed(target);
    const item = (await idsIn(target, collections[0]!.id, inProcess))[0] ?? 'x';
    const arbitrary = fc.sample(fc.string({ minLength: 1, maxLength: 40 }).filter((text) => !shape.pattern.test(text) && !text.startsWith('-')), { numRuns: 40, seed: 10 });
    const values = [...collections.map((collection) => collection.name), ...nearMisses(collections[0]!.id), ...arbitrary];
    expect(values.filter((value) => shape.pattern.test(value))).toEqual([]);
    target.emulator.stats.reset();
    for (const value of values) {
      for (const command of COMMANDS) {
        const argv = [...fill(command, value, item), ...target.args];
        const run = await runInProcess(argv, { env: target.env });
        try {
          expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: '' });
          const line = expectOneSafeLine(run.stderr);
          expect(line).toMatch(/^error \[USAGE\]: ".*" is not a \w+ collection id \(/);
          expect(line).toContain(`(${shape.shape}); if it is a name, \`unified-collections collections list -p ${fixture.name}\` shows the ids`);
          expect(JSON.parse(/^error \[USAGE\]: (".*"…?) is not/.exec(line)?.[1]?.replace(/…$/, '') ?? 'null')).toBe(value.slice(0, 200));
        } catch (error) {
          throw new Error(`${JSON.stringify(argv)}: ${String(error)}\nstderr: ${run.stderr}`);
        }
      }
    }
    expect(target.emulator.stats.total).toBe(0);
  });

  it('--json: the usage error as JSON', async () => {
    const target = await startTarget(fixture.name, running);
    const name = (await listed(target))[0]!.name;
    const run = await runInProcess(['collections', 'get', name, '--json', ...target.args], { env: target.env });
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: '' });
    expect(JSON.parse(run.stderr)).toEqual({ error: { code: 'USAGE', message: expect.stringContaining('collections list') } });
  });

  it('the ids it lists pass, and reach the vendor', async () => {
    const target = await startTarget(fixture.name, running);
    for (const collection of await listed(target)) {
      const run = await runInProcess(['collections', 'get', collection.id, '--json', ...target.args], { env: target.env });
      expect({ id: collection.id, code: run.code }).toEqual({ id: collection.id, code: 0 });
    }
  });

  it('every id the emulator gives a collection has the shape (the check never refuses a real id)', async () => {
    const emulator = await startEmulator({ provider: fixture.name, seed: 'empty' });
    running.push(emulator);
    const client = createCollectionClient({ ...fixture.clientConfig('k'), baseUrl: emulator.url });
    const created = await Promise.all(Array.from({ length: 40 }, (_, i) => client.createCollection({ name: `c${i}` })));
    const ids = [...created.map((collection) => collection.id), ...(await client.listCollections()).map((collection) => collection.id)];
    expect(ids.filter((id) => !shape.pattern.test(id))).toEqual([]);
  });
});

describe.each(FREE_FORM.map((fixture) => [fixture.name, fixture] as const))('%s: any collection argument may be an id', (_name, fixture) => {
  it('a name is sent as it is (the vendor answers)', async () => {
    const target = await startTarget(fixture.name, running);
    const [first] = await listed(target);
    const found = await runInProcess(['collections', 'get', first!.name, ...target.args], { env: target.env });
    const missing = await runInProcess(['collections', 'get', 'No Such Collection', ...target.args], { env: target.env });
    expect([found.code, missing.code]).toEqual([0, 1]);
    expect(missing.stderr).toMatch(/^error \[NOT_FOUND\]/);
  });
});
