import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli/program.js';
import { BUILD_TIMEOUT_MS, SPAWN_TEST_TIMEOUT_MS, ensureBuilt } from '../support/build-once.js';
import { memoryIo, runInProcess } from './memory-io.js';
import { runCli } from './run-cli.js';

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS);
jest.setTimeout(SPAWN_TEST_TIMEOUT_MS);

// Help asked for is an answer: stdout, exit 0, whichever way it is asked. Every command is
// covered, read from the program itself, so a command added later is swept too.

const program = buildProgram(memoryIo(), () => undefined);

function commandPaths(command: Command, path: string[] = []): string[][] {
  return command.commands.flatMap((sub) => [[...path, sub.name()], ...commandPaths(sub, [...path, sub.name()])]);
}

const PATHS = commandPaths(program);
/** The root's options, which every command accepts (`--provider`, `--json`, `--no-progress`, …). */
const GLOBAL_FLAGS = program.options.map((option) => option.long ?? option.short ?? '');

/** Every way of asking for the help of `path`. */
function askings(path: readonly string[]): string[][] {
  const ways = [[...path, '--help'], [...path, '-h'], ['help', ...path]];
  if (path.length === 2) ways.push([path[0] ?? '', 'help', path[1] ?? '']);
  return ways;
}

describe('help of every command (in process)', () => {
  it('covers the commands there are', () => {
    expect(PATHS.map((path) => path.join(' '))).toEqual(expect.arrayContaining([
      'collections', 'collections list', 'collections sync', 'items', 'items add', 'emulator', 'studio', 'help',
    ]));
    expect(GLOBAL_FLAGS).toEqual(expect.arrayContaining(['--provider', '--base-url', '--json', '--timeout', '--no-progress']));
  });

  it.each(PATHS.map((path) => [path.join(' '), path] as const))('%s: on stdout, exit 0, the same text every way asked', async (_label, path) => {
    const answers = await Promise.all(askings(path).map((argv) => runInProcess(argv)));
    for (const [index, run] of answers.entries()) {
      const argv = askings(path)[index];
      expect({ argv, code: run.code, stderr: run.stderr }).toEqual({ argv, code: 0, stderr: '' });
      expect(run.stdout).toBe(answers[0]?.stdout);
    }
    expect(answers[0]?.stdout).toMatch(new RegExp(`^Usage: unified-collections ${path.join(' ')} `));
  });

  it.each(PATHS.map((path) => [path.join(' '), path] as const))('%s: lists every global option', async (_label, path) => {
    const { stdout } = await runInProcess([...path, '--help']);
    const globals = stdout.split('\nGlobal Options:\n')[1];
    expect(globals).toBeDefined();
    for (const flag of GLOBAL_FLAGS) expect(globals).toContain(flag);
  });

  it('help with no command is the program\'s help, exit 0', async () => {
    const asked = await runInProcess(['help']);
    expect(asked.code).toBe(0);
    expect(asked.stderr).toBe('');
    expect(asked.stdout).toBe((await runInProcess(['--help'])).stdout);
    expect(asked.stdout).toContain('Exit codes');
  });

  it.each([
    [['help', 'frobnicate'], /^error \[USAGE\]: unknown command "frobnicate"; expected one of collections, items, emulator, studio, help/],
    [['help', 'items', 'frob'], /^error \[USAGE\]: items: unknown command "frob"; expected one of list, get, add/],
    [['help', 'items', 'list', 'extra'], /^error \[USAGE\]: list: unknown command "extra"/],
  ])('%j names what is unknown: one line on stderr, exit 2', async (argv, message) => {
    const run = await runInProcess(argv);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a command group without its subcommand is still a usage error (its help on stderr, exit 2)', async () => {
    for (const group of ['items', 'collections']) {
      const run = await runInProcess([group]);
      expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: '' });
      expect(run.stderr).toContain(`Usage: unified-collections ${group}`);
    }
  });
});

describe('help from the built CLI', () => {
  it.each([[['help']], [['help', 'items', 'add']], [['items', 'help', 'add']], [['emulator', '--help']]])('%j: stdout, exit 0', async (argv) => {
    const run = await runCli(argv);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^Usage: unified-collections/);
  });
});
