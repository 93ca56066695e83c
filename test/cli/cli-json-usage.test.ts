import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { BUILD_TIMEOUT_MS, SPAWN_TEST_TIMEOUT_MS, ensureBuilt } from '../support/build-once.js';
import { runInProcess, type MemoryRun } from './memory-io.js';
import { runCli, type CliRun } from './run-cli.js';

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS);
jest.setTimeout(SPAWN_TEST_TIMEOUT_MS);

/** Invocations that are usage errors wherever --json goes among them. */
const USAGE_ERRORS: ReadonlyArray<readonly string[]> = [
  [],
  ['items'],
  ['collections'],
  ['help', 'frobnicate'],
  ['frobnicate'],
  ['itemz', 'list'],
  ['items', 'frobnicate'],
  ['collections', 'frobnicate'],
  ['--bogus'],
  ['items', '--bogus'],
  ['collections', 'list', '--bogus', 'x'],
  ['collections', 'get'],
  ['items', 'add'],
  ['items', 'list', 'a', 'b', '-p', 'wickson'],
  ['items', 'list', 'x', '--limit', 'zero'],
  ['collections', 'list', '-p', 'acme'],
  ['--timeout', '0', 'collections', 'list'],
  ['emulator', '--seed', 'bogus', '-p', 'wickson'],
  ['collections', 'list'],
];

const MISSING_COMMAND: ReadonlyArray<readonly string[]> = [[], ['items'], ['collections']];

/** `--json` at every position of `args`, flag values included. */
function everyPlacement(args: readonly string[]): string[][] {
  return Array.from({ length: args.length + 1 }, (_, at) => [...args.slice(0, at), '--json', ...args.slice(at)]);
}

function expectOneJsonUsageError(run: MemoryRun | CliRun): string {
  expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: '' });
  expect(run.stderr.endsWith('\n') && !run.stderr.slice(0, -1).includes('\n')).toBe(true);
  const body = JSON.parse(run.stderr) as unknown;
  expect(body).toEqual({ error: { code: 'USAGE', message: expect.any(String) } });
  return (body as { error: { message: string } }).error.message;
}

describe('--json: every usage error is one JSON line on stderr (in process)', () => {
  it.each(USAGE_ERRORS.map((args) => [args.join(' ') || '(no arguments)', args] as const))(
    '%s, with --json at each position',
    async (_label, args) => {
      for (const argv of everyPlacement(args)) {
        const run = await runInProcess(argv);
        try {
          expectOneJsonUsageError(run);
        } catch (error) {
          throw new Error(`argv ${JSON.stringify(argv)}: ${String(error)}\nstderr: ${run.stderr}`);
        }
      }
    },
  );

  it.each(MISSING_COMMAND.map((args) => [args.join(' ') || '(no arguments)', args] as const))(
    '%s --json names the missing command and the choices, with no help text',
    async (_label, args) => {
      for (const argv of everyPlacement(args)) {
        const message = expectOneJsonUsageError(await runInProcess(argv));
        expect(message).toMatch(/missing command; expected one of \w+/);
      }
    },
  );

  it('without --json a missing command still prints the help (exit 2)', async () => {
    for (const args of MISSING_COMMAND) {
      const run = await runInProcess(args);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('Usage: unified-collections');
    }
  });
});

describe('--json usage errors from the built CLI', () => {
  it.each([
    [['--json']],
    [['items', '--json']],
    [['--json', 'collections']],
    [['--json', 'frobnicate']],
    [['items', '--bogus', '--json']],
    [['items', 'add', '--json']],
  ])('%j', async (argv) => {
    expectOneJsonUsageError(await runCli(argv));
  });
});
