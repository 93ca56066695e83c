import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import fc from 'fast-check';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { escapeControls, jsonLine, MAX_QUOTED_LENGTH, quote } from '../../src/cli/quote.js';
import { BUILD_TIMEOUT_MS, SPAWN_TEST_TIMEOUT_MS, ensureBuilt } from '../support/build-once.js';
import { CONTROL_SWEEP, UNSAFE_CHARACTER, expectOneSafeLine, runInProcess } from './memory-io.js';
import { OFFLINE_URL, runCli } from './run-cli.js';

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS);
jest.setTimeout(SPAWN_TEST_TIMEOUT_MS);

const hex = (char: string): string => `U+${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;

describe('quote', () => {
  it('is a JSON string literal of the value, on one line with nothing raw', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: MAX_QUOTED_LENGTH }), (value) => {
      const quoted = quote(value);
      expect(quoted).not.toMatch(UNSAFE_CHARACTER);
      expect(JSON.parse(quoted)).toBe(value);
    }), { numRuns: 2000 });
  });

  it.each(CONTROL_SWEEP.map((char) => [hex(char), char]))('escapes %s', (_label, char) => {
    const value = `a${char}b${char}`;
    expect(quote(value)).not.toMatch(UNSAFE_CHARACTER);
    expect(JSON.parse(quote(value))).toBe(value);
    expect(escapeControls(value)).not.toMatch(UNSAFE_CHARACTER);
    expect(JSON.parse(jsonLine({ value }))).toEqual({ value });
    expect(jsonLine({ value })).not.toMatch(UNSAFE_CHARACTER);
  });

  it('cuts a long value, marking the cut', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', minLength: MAX_QUOTED_LENGTH + 1, maxLength: 1000 }), (value) => {
      const quoted = quote(value);
      expect(quoted.endsWith('"…')).toBe(true);
      expect(JSON.parse(quoted.slice(0, -1))).toBe(value.slice(0, MAX_QUOTED_LENGTH));
    }));
  });
});

const OFFLINE = ['-p', 'wickson', '--base-url', OFFLINE_URL];
const ENV = { WICKSON_API_KEY: 'k' };

/**
 * Commands that echo a user-supplied value holding `char` in an error raised before any request.
 * Ids and collections end in "/" so the library refuses them even when `char` alone is allowed.
 */
function echoingCommands(char: string, dir: string): Array<{ what: string; args: string[]; stdin?: string }> {
  return [
    { what: '--file path', args: ['items', 'delete', '--yes', ...OFFLINE, '--file', join(dir, `ids${char}error [FORGED]: x.txt`)] },
    { what: 'id on stdin', args: ['items', 'delete', '--yes', ...OFFLINE], stdin: `ok\nbad${char}id/\n` },
    { what: 'id argument', args: ['items', 'delete', '--yes', ...OFFLINE, 'ok', `bad${char}id/`] },
    { what: 'collection name', args: ['items', 'list', `col${char}lection/`, ...OFFLINE] },
    { what: 'collection to add to', args: ['items', 'add', `col${char}lection/`, 'doc_1', ...OFFLINE] },
    { what: 'unknown command', args: [`frob${char}nicate`] },
    { what: 'unknown option', args: ['collections', 'list', `--x${char}y`] },
    { what: '--limit value', args: ['items', 'list', 'c', '--limit', `x${char}`, ...OFFLINE] },
    { what: '--provider value', args: ['collections', 'list', '-p', `wick${char}son`] },
    { what: '--base-url value', args: ['collections', 'list', '-p', 'wickson', '--base-url', `http://a${char}b/`] },
  ];
}

describe('user values in messages are quoted (in process)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'uc-cli-quote-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each(CONTROL_SWEEP.map((char) => [hex(char), char]))('%s: every echoing error is one clean line, text and --json', async (_label, char) => {
    for (const { what, args, stdin } of echoingCommands(char, dir)) {
      for (const json of [false, true]) {
        const run = await runInProcess(json ? [...args, '--json'] : args, { env: ENV, ...(stdin === undefined ? {} : { stdin: [stdin] }) });
        try {
          expect(run.code).toBe(2);
          expect(run.stdout).toBe('');
          const line = expectOneSafeLine(run.stderr);
          if (json) expect(JSON.parse(line)).toEqual({ error: expect.objectContaining({ message: expect.any(String) }) });
          else expect(line).toMatch(/^error \[[A-Z_]+\]: /);
        } catch (error) {
          throw new Error(`${what}${json ? ' --json' : ''}: ${String(error)}`);
        }
      }
    }
  });

  it('a path in a message reads back as the path', async () => {
    for (const char of CONTROL_SWEEP.filter((c) => c !== '\0')) {
      const path = join(dir, `ids${char}.txt`);
      await writeFile(path, Buffer.from([0x61, 0xff, 0x0a]));
      const run = await runInProcess(['items', 'delete', '--yes', ...OFFLINE, '--file', path], { env: ENV });
      const quoted = /ids file ("(?:[^"\\]|\\.)*")/.exec(expectOneSafeLine(run.stderr))?.[1] ?? '""';
      expect(JSON.parse(quoted)).toBe(path);
    }
  });
});

describe('user values in messages are quoted (the built CLI)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'uc-cli-quote-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const sample = ['\n', '\r', '\u001b', '\u009b', '\u2028'];
  const cases = sample.flatMap((char) => ['--file path', 'id on stdin', 'unknown command'].map((what) => [what, hex(char), char] as const));
  it.each(cases)('%s with %s: one clean line on stderr', async (what, _label, char) => {
    const command = echoingCommands(char, dir).find((candidate) => candidate.what === what);
    if (command === undefined) throw new Error(`no command ${what}`);
    const run = await runCli(command.args, { env: ENV, ...(command.stdin === undefined ? {} : { input: command.stdin }) });
    expect(run.code).toBe(2);
    expectOneSafeLine(run.stderr);
  });
});
