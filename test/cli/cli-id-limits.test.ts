import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import fc from 'fast-check';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { startEmulator, type RunningEmulator } from 'unified-collections/emulator';
import { formatTable } from '../../src/cli/format.js';
import { readIds } from '../../src/cli/read-ids.js';
import { MAX_IDS_PER_CALL } from '../../src/validation/input.js';
import { BUILD_TIMEOUT_MS, SPAWN_TEST_TIMEOUT_MS, ensureBuilt } from '../support/build-once.js';
import { memoryIo } from './memory-io.js';
import { parseJson, runCli } from './run-cli.js';

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS);
jest.setTimeout(SPAWN_TEST_TIMEOUT_MS);

const idLines = (from: number, count: number): string[] => Array.from({ length: count }, (_, i) => `doc_${from + i}`);

/** Stdin that hands out `lines` in slices of `perChunk` and counts how many slices were taken. */
function countingStdin(lines: number, perChunk: number): { stream: Readable; linesTaken: () => number } {
  let taken = 0;
  const stream = new Readable({
    read() {
      if (taken >= lines) {
        this.push(null);
        return;
      }
      const count = Math.min(perChunk, lines - taken);
      this.push(`${idLines(taken, count).join('\n')}\n`);
      taken += count;
    },
  });
  return { stream, linesTaken: () => taken };
}

describe('ids per call: in process, around the limit', () => {
  it('accepts up to MAX_IDS_PER_CALL ids across arguments and stdin, refuses one more (INVALID_INPUT)', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: -3, max: 3 }), fc.nat({ max: MAX_IDS_PER_CALL }), fc.nat({ max: 50 }),
      async (offset, fromArgs, fillerLines) => {
        const total = MAX_IDS_PER_CALL + offset;
        const args = idLines(0, Math.min(fromArgs, total));
        // Blank lines and comments are not ids and must not count.
        const lines = [...Array(fillerLines).fill('# not an id'), ...idLines(args.length, total - args.length), '', '   '];
        const io = memoryIo({ stdin: [lines.join('\n')] });
        const read = readIds({ args, file: '-' }, io, 'wickson');
        if (total <= MAX_IDS_PER_CALL) {
          expect(await read).toHaveLength(total);
        } else {
          await expect(read).rejects.toMatchObject({ code: 'INVALID_INPUT', provider: 'wickson' });
        }
      },
    ), { numRuns: 20 });
  });

  it.each([130_000, 200_000, 10_000_000])('stops taking stdin as soon as %i ids pass the limit', async (lines) => {
    const stdin = countingStdin(lines, 1000);
    const io = memoryIo({ stdin: stdin.stream });
    await expect(readIds({ args: [] }, io, 'verifik')).rejects.toMatchObject({
      code: 'INVALID_INPUT', message: expect.stringContaining(`stopped reading stdin at line ${MAX_IDS_PER_CALL + 1}`),
    });
    // A few slices of read-ahead at most beyond the one holding the first id too many.
    expect(stdin.linesTaken()).toBeLessThanOrEqual(MAX_IDS_PER_CALL + 5000);
    expect(stdin.stream.destroyed).toBe(true);
  });

  it('formats a table of 200,000 rows (no spread of the rows into one call)', () => {
    const rows = idLines(0, 200_000).map((id) => [id, 1]);
    expect(formatTable([{ header: 'ID' }, { header: 'N', align: 'right' }], rows).split('\n')).toHaveLength(200_001);
  });
});

describe('ids per call: the built CLI', () => {
  let emulator: RunningEmulator;
  let dir: string;
  beforeAll(async () => {
    emulator = await startEmulator({ provider: 'wickson', seed: 'demo' });
    dir = await mkdtemp(join(tmpdir(), 'uc-cli-limits-'));
  });
  afterAll(async () => {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  });
  const cli = (extra: string[]): string[] => ['items', 'delete', '--yes', '--json', '-p', 'wickson', '--base-url', emulator.url, ...extra];
  const env = { WICKSON_API_KEY: 'any-key' };

  const cases = [130_000, 200_000].flatMap((count) => ['--file <path>', '--file -', 'piped stdin'].map((source) => [source, count] as const));
  it.each(cases)('%s with %i ids: INVALID_INPUT, exit 2, no request', async (source, count) => {
    const text = `${idLines(0, count).join('\n')}\n`;
    const path = join(dir, `ids-${count}.txt`);
    if (source === '--file <path>') await writeFile(path, text);
    const flags = source === '--file <path>' ? ['--file', path] : source === '--file -' ? ['--file', '-'] : [];
    const run = await runCli(cli(flags), { env, ...(source === '--file <path>' ? {} : { input: text }) });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const { error } = parseJson(run.stderr);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', provider: 'wickson' });
    expect(error.message).toContain(String(MAX_IDS_PER_CALL));
    expect(error.message).toContain(`line ${MAX_IDS_PER_CALL + 1}`);
    expect(emulator.stats.total).toBe(0);
  });

  it('counts arguments and --file together', async () => {
    const path = join(dir, 'rest.txt');
    await writeFile(path, idLines(20_000, MAX_IDS_PER_CALL - 20_000 + 1).join('\n'));
    const run = await runCli(cli(['--file', path, ...idLines(0, 20_000)]), { env });
    expect(run.code).toBe(2);
    expect(parseJson(run.stderr).error.code).toBe('INVALID_INPUT');
    expect(emulator.stats.total).toBe(0);
  });

  it('10 million ids streamed to stdin: stops reading early, within a 64 MB heap', async () => {
    const total = 10_000_000;
    const stdin = countingStdin(total, 1000);
    const run = await runCli(cli([]), { env: { ...env, NODE_OPTIONS: '--max-old-space-size=64' }, stdin: stdin.stream, timeoutMs: 50_000 });
    expect(run.signal).toBeNull();
    expect(run.code).toBe(2);
    expect(parseJson(run.stderr).error.code).toBe('INVALID_INPUT');
    // The pipe closed long before the writer ran out: the rest was never read, let alone held.
    expect(stdin.linesTaken()).toBeLessThan(total / 10);
    expect(emulator.stats.total).toBe(0);
  }, 60_000);

  (existsSync('/dev/zero') ? it : it.skip)('--file /dev/zero (no newline, ever) is refused after one bounded line', async () => {
    const run = await runCli(cli(['--file', '/dev/zero']), { env });
    expect(run.code).toBe(2);
    expect(parseJson(run.stderr).error).toEqual({ code: 'USAGE', message: expect.stringMatching(/"\/dev\/zero": line 1 is longer than/) });
    expect(emulator.stats.total).toBe(0);
  });
});
