import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import fc from 'fast-check';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from 'unified-collections/emulator';
import { UsageError } from '../../src/cli/exit-codes.js';
import { readIds } from '../../src/cli/read-ids.js';
import { BUILD_TIMEOUT_MS, SPAWN_TEST_TIMEOUT_MS, ensureBuilt } from '../support/build-once.js';
import { expectOneSafeLine, memoryIo } from './memory-io.js';
import { runCli } from './run-cli.js';

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS);
jest.setTimeout(SPAWN_TEST_TIMEOUT_MS);

/** Byte sequences no strict UTF-8 decoder accepts. */
const INVALID: ReadonlyArray<readonly [string, readonly number[]]> = [
  ['a lone continuation byte', [0x80]],
  ['an overlong "/"', [0xc0, 0xaf]],
  ['an overlong NUL', [0xc0, 0x80]],
  ['a truncated 2-byte sequence', [0xc3]],
  ['a truncated 3-byte sequence', [0xe2, 0x82]],
  ['a truncated 4-byte sequence', [0xf0, 0x9f, 0x98]],
  ['an encoded surrogate (ED A0 80)', [0xed, 0xa0, 0x80]],
  ['0xFF', [0xff]],
  ['0xFE', [0xfe]],
  ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
];

/** Lines of ASCII and multibyte text, none blank or a comment once trimmed. */
const idLine = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 })
  .map((text) => text.replace(/[\r\n\u2028\u2029]/g, '_').trim())
  .filter((text) => text !== '' && !text.startsWith('#'));

/** Cuts `bytes` at arbitrary offsets, so multibyte characters straddle chunk boundaries. */
function chunked(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const offsets = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  return [...offsets, bytes.length].map((end, i) => bytes.subarray(i === 0 ? 0 : offsets[i - 1], end));
}

describe('ids are decoded as strict UTF-8 (in process)', () => {
  it('valid UTF-8 comes through unchanged, however it is chunked', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(idLine, { minLength: 1, maxLength: 20 }), fc.array(fc.nat(), { maxLength: 10 }), fc.constantFrom('\n', '\r\n'),
      async (lines, cuts, eol) => {
        const io = memoryIo({ stdin: chunked(Buffer.from(lines.join(eol)), cuts) });
        expect(await readIds({ args: [] }, io, 'wickson')).toEqual(lines);
      },
    ), { numRuns: 200 });
  });

  it('invalid bytes anywhere fail with a usage error naming the line, however it is chunked', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(idLine, { minLength: 1, maxLength: 20 }), fc.nat(), fc.nat(), fc.constantFrom(...INVALID), fc.array(fc.nat(), { maxLength: 10 }),
      async (lines, lineSeed, columnSeed, [, invalid], cuts) => {
        const lineIndex = lineSeed % lines.length;
        const text = Buffer.from(lines[lineIndex] ?? '');
        const column = columnSeed % (text.length + 1);
        const bad = Buffer.concat([text.subarray(0, column), Buffer.from(invalid), text.subarray(column)]);
        const bytes = Buffer.concat(lines.map((line, i) => Buffer.concat([i === lineIndex ? bad : Buffer.from(line), Buffer.from('\n')])));
        const read = readIds({ args: [] }, memoryIo({ stdin: chunked(bytes, cuts) }), 'wickson');
        await expect(read).rejects.toBeInstanceOf(UsageError);
        await expect(read).rejects.toThrow(`stdin: line ${lineIndex + 1} is not valid UTF-8`);
      },
    ), { numRuns: 300 });
  });
});

describe('ids are decoded as strict UTF-8 (the built CLI)', () => {
  let emulator: RunningEmulator;
  let dir: string;
  beforeAll(async () => {
    emulator = await startEmulator({ provider: 'wickson', seed: 'demo' });
    dir = await mkdtemp(join(tmpdir(), 'uc-cli-utf8-'));
  });
  afterAll(async () => {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  });

  const sources = ['--file <path>', '--file -', 'piped stdin'] as const;
  const sample = new Set(['a lone continuation byte', 'an overlong "/"', 'a truncated 3-byte sequence', 'an encoded surrogate (ED A0 80)', '0xFF']);
  const spawned = INVALID.filter(([label]) => sample.has(label));
  // Each sequence in each source, at a line and a column that move from case to case.
  const cases = spawned.flatMap(([label, bytes], i) => sources.map((source, j) => [label, source, bytes, 1 + ((i + j) % 4), (i + 2 * j) % 3] as const));

  it.each(cases)('%s via %s: usage error naming the line, exit 2, nothing sent', async (_label, source, invalid, line, where) => {
    const lines = ['doc_one', 'img_two', 'vid_three', 'doc_four'].map((id) => Buffer.from(id));
    const target = lines[line - 1] ?? Buffer.alloc(0);
    const column = [0, 3, target.length][where] ?? 0;
    lines[line - 1] = Buffer.concat([target.subarray(0, column), Buffer.from(invalid), target.subarray(column)]);
    const input = Buffer.concat(lines.flatMap((bytes) => [bytes, Buffer.from('\n')]));
    const path = join(dir, `ids-${line}-${where}.txt`);
    if (source === '--file <path>') await writeFile(path, input);
    const flags = source === '--file <path>' ? ['--file', path] : source === '--file -' ? ['--file', '-'] : [];
    const run = await runCli(['items', 'add', 'research_papers', '-p', 'wickson', '--base-url', emulator.url, ...flags], {
      env: { WICKSON_API_KEY: 'any-key' },
      ...(source === '--file <path>' ? {} : { input }),
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const message = expectOneSafeLine(run.stderr);
    expect(message).toMatch(new RegExp(`^error \\[USAGE\\]: .*line ${line} is not valid UTF-8`));
    expect(message).toContain(source === '--file <path>' ? JSON.stringify(path) : 'stdin');
    expect(emulator.stats.total).toBe(0);
  });
});
