import { describe, expect, it } from '@jest/globals';
import { PassThrough } from 'node:stream';
import { assertCanConfirm, confirmOrRefuse } from '../../src/cli/confirm.js';
import { DeclinedError, UsageError } from '../../src/cli/exit-codes.js';
import { cellText, formatFields, formatTable } from '../../src/cli/format.js';
import type { CliIo } from '../../src/cli/io.js';
import { readIds } from '../../src/cli/read-ids.js';

function fakeIo(stdinIsTTY: boolean, input?: string): CliIo & { stdin: PassThrough; err: () => string } {
  const stdin = Object.assign(new PassThrough(), { isTTY: stdinIsTTY });
  const stderr = new PassThrough();
  let err = '';
  stderr.on('data', (chunk: Buffer) => { err += chunk.toString(); });
  if (input !== undefined) stdin.end(input);
  return { stdin, stdout: new PassThrough(), stderr, env: {}, signal: new AbortController().signal, err: () => err };
}

describe('format', () => {
  it('aligns columns, right-aligns numbers on request and never pads the last column', () => {
    const table = formatTable(
      [{ header: 'ID' }, { header: 'ITEMS', align: 'right' }, { header: 'NAME' }],
      [['default', 110, 'Default'], ['cad_models', 5, undefined]],
    );
    expect(table.split('\n')).toEqual([
      'ID          ITEMS  NAME',
      'default       110  Default',
      'cad_models      5  -',
    ]);
  });

  it('renders dates as ISO, booleans as yes/no, lists joined, and strips control characters', () => {
    expect(cellText(new Date('2025-01-02T03:04:05Z'))).toBe('2025-01-02T03:04:05.000Z');
    expect(cellText(true)).toBe('yes');
    expect(cellText(['a', 'b'])).toBe('a,b');
    expect(cellText('evil\u001b[2Jname\n')).toBe('evil?[2Jname?');
    expect(formatFields([['id', 'x'], ['description', undefined], ['items', 3]])).toBe('id     x\nitems  3');
  });
});

describe('read-ids', () => {
  it('parses one id per line, trimming and skipping blanks and comments', async () => {
    await expect(readIds({ args: [] }, fakeIo(false, ' a \r\n\n# note\nb\n'), 'wickson')).resolves.toEqual(['a', 'b']);
  });

  it('takes arguments without touching stdin', async () => {
    const io = fakeIo(false); // a stdin that never ends: reading it would hang
    await expect(readIds({ args: ['x', 'y'] }, io, 'wickson')).resolves.toEqual(['x', 'y']);
  });

  it('reads piped stdin when no ids are given, but never a terminal', async () => {
    await expect(readIds({ args: [] }, fakeIo(false, 'p\nq\n'), 'wickson')).resolves.toEqual(['p', 'q']);
    await expect(readIds({ args: [] }, fakeIo(true), 'wickson')).rejects.toBeInstanceOf(UsageError);
  });
});

describe('confirm', () => {
  it('refuses without --yes when stdin is not a terminal', () => {
    expect(() => assertCanConfirm(fakeIo(false), undefined)).toThrow(/Pass --yes/);
    expect(() => assertCanConfirm(fakeIo(false), true)).not.toThrow();
  });

  it('proceeds on "y" and declines on anything else, on a terminal', async () => {
    const yes = fakeIo(true);
    const asked = confirmOrRefuse(yes, 'Delete?', undefined);
    yes.stdin.write('y\n');
    await expect(asked).resolves.toBeUndefined();
    expect(yes.err()).toContain('Delete? [y/N]');

    const no = fakeIo(true);
    const declined = confirmOrRefuse(no, 'Delete?', undefined);
    no.stdin.write('\n');
    await expect(declined).rejects.toBeInstanceOf(DeclinedError);
  });

  it('declines when input ends before an answer', async () => {
    await expect(confirmOrRefuse(fakeIo(true, ''), 'Delete?', undefined)).rejects.toBeInstanceOf(DeclinedError);
  });
});
