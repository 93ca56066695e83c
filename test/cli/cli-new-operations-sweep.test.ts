import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningEmulator } from 'unified-collections/emulator';
import { DEMO_COLLECTIONS, collectionId, idsIn, inProcess, startTarget, writesSeen, type Target } from './emulator-target.js';
import { CONTROL_SWEEP, expectOneSafeLine, runInProcess } from './memory-io.js';
import { OFFLINE_URL } from './run-cli.js';

/**
 * The new commands run in process (milliseconds each), so every one of them can be swept over
 * both providers, success and failure, text and --json.
 */

const running: RunningEmulator[] = [];
afterAll(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

/** Invocations of every new command and flag on one provider: some succeed, some cannot. */
async function invocations(target: Target): Promise<string[][]> {
  const collection = await collectionId(target, DEMO_COLLECTIONS[target.provider].members, inProcess);
  const [member = '', other = ''] = await idsIn(target, collection, inProcess);
  // Shaped like both vendors' ids (24 hex characters) and present on neither.
  const missingItem = '0123456789abcdef01234567';
  const missingCollection = 'fedcba9876543210fedcba98';
  return [
    ['items', 'get', member],
    ['items', 'get', missingItem],
    ['items', 'get', 'bad/id'],
    ['items', 'get'],
    ['items', 'remove', collection, member, '--yes'],
    ['items', 'remove', collection, member, missingItem, '--yes'],
    ['items', 'remove', collection, other],
    ['items', 'remove', collection, '--yes'],
    ['items', 'remove', 'default', other, '--yes'],
    ['items', 'remove', missingCollection, other, '--yes'],
    ['items', 'add', missingCollection, other],
    ['items', 'add', `${missingCollection}_2`, other, '--create'],
    ['items', 'add', collection, member, '--create'],
    ['collections', 'update', collection, '--name', 'Renamed', '--description', 'd'],
    ['collections', 'update', collection, '--description', ''],
    ['collections', 'update', collection, '--name', '  '],
    ['collections', 'update', collection],
    ['collections', 'update', missingCollection, '--name', 'x'],
    ['collections', 'list', '--counts'],
  ];
}

describe('--json: every new command prints one JSON value on stdout, or one JSON error line on stderr', () => {
  it.each(['wickson', 'verifik'] as const)('%s', async (provider) => {
    const target = await startTarget(provider, running);
    const codes = new Set<number>();
    for (const args of await invocations(target)) {
      for (const argv of [[...args, '--json', ...target.args], ['--json', ...target.args, ...args]]) {
        const run = await runInProcess(argv, { env: target.env });
        try {
          expect([0, 1, 2, 3]).toContain(run.code);
          codes.add(run.code);
          if (run.code === 0 || run.code === 3) {
            expect(run.stderr).toBe('');
            expect(run.stdout.endsWith('}\n') || run.stdout.endsWith(']\n')).toBe(true);
            expect(() => JSON.parse(run.stdout) as unknown).not.toThrow();
          } else {
            expect(run.stdout).toBe('');
            const line = expectOneSafeLine(run.stderr);
            expect(JSON.parse(line)).toEqual({ error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }) });
          }
        } catch (error) {
          throw new Error(`${JSON.stringify(argv)} → ${run.code}\n${String(error)}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
        }
      }
    }
    // The sample is only a sweep if it reached every outcome.
    expect([...codes].sort()).toEqual([0, 1, 2, 3]);
  });
});

const hex = (char: string): string => `U+${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;
const OFFLINE = { wickson: ['-p', 'wickson', '--base-url', OFFLINE_URL], verifik: ['-p', 'verifik', '--base-url', OFFLINE_URL] };
const ENV = { WICKSON_API_KEY: 'k', VERIFIK_TOKEN: 't' };

/** New commands echoing a user value refused before any request; "/" makes any value invalid. */
function echoing(char: string): string[][] {
  return [
    ['collections', 'update', `col${char}lection`, ...OFFLINE.wickson],
    ['collections', 'update', `col${char}lection/`, '--name', 'x', ...OFFLINE.verifik],
    ['items', 'get', `bad${char}id/`, ...OFFLINE.wickson],
    ['items', 'remove', `col${char}lection/`, 'doc_1', '--yes', ...OFFLINE.verifik],
    ['items', 'remove', 'research_papers', `bad${char}id/`, '--yes', ...OFFLINE.wickson],
    ['items', 'add', `col${char}lection/`, 'doc_1', '--create', ...OFFLINE.wickson],
  ];
}

describe('new commands quote user values in their messages', () => {
  it.each(CONTROL_SWEEP.map((char) => [hex(char), char]))('%s: one clean line on stderr, exit 2, text and --json', async (_label, char) => {
    for (const args of echoing(char)) {
      for (const json of [false, true]) {
        const run = await runInProcess(json ? [...args, '--json'] : args, { env: ENV });
        try {
          expect(run.code).toBe(2);
          expect(run.stdout).toBe('');
          const line = expectOneSafeLine(run.stderr);
          if (!json) expect(line).toMatch(/^error \[(USAGE|INVALID_INPUT)\]: /);
        } catch (error) {
          throw new Error(`${JSON.stringify(args)}${json ? ' --json' : ''}: ${String(error)}\nstderr: ${run.stderr}`);
        }
      }
    }
  });
});

describe('items remove asks first on a terminal', () => {
  it.each([
    ['wickson', /Remove 2 items from wickson collection "research_papers"\? They move back to "default"; nothing is deleted\. \[y\/N\]/],
    ['verifik', /Remove 2 items from verifik collection "[0-9a-f]{24}"\? They are unlinked from it, not deleted\. \[y\/N\]/],
  ] as const)('%s: the question says what happens; only y proceeds', async (provider, question) => {
    const target = await startTarget(provider, running);
    const collection = await collectionId(target, DEMO_COLLECTIONS[provider].small, inProcess);
    const ids = (await idsIn(target, collection, inProcess)).slice(0, 2);
    const argv = ['items', 'remove', collection, ...ids, ...target.args];
    target.emulator.stats.reset();
    for (const answer of ['n\n', '\n', '']) {
      const declined = await runInProcess(argv, { env: target.env, stdinIsTTY: true, stdin: [answer] });
      expect(declined.code).toBe(1);
      expect(declined.stderr).toMatch(question);
      expect(declined.stderr).toContain('nothing was changed');
    }
    expect(writesSeen(target.emulator)).toBe(0);
    const accepted = await runInProcess(argv, { env: target.env, stdinIsTTY: true, stdin: ['y\n'] });
    expect(accepted.code).toBe(0);
    const left = await idsIn(target, collection, inProcess);
    for (const id of ids) expect(left).not.toContain(id);
  });
});
