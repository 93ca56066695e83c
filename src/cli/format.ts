import type { CliIo } from './io.js';

/**
 * Output helpers: aligned tables for people, JSON for programs. JSON keeps everything, `raw`
 * included (Dates serialize as ISO strings); tables never show `raw`.
 */

export type Cell = string | number | boolean | Date | readonly string[] | null | undefined;

export interface Column {
  header: string;
  align?: 'left' | 'right';
}

// Vendor data can hold control characters; printed raw they could rewrite the terminal, and a
// line or paragraph separator would split a row for log readers that honour it.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

export function cellText(value: Cell): string {
  if (value === undefined || value === null || value === '') return '-';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '-' : value.toISOString();
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length === 0 ? '-' : value.join(',');
  return String(value).replace(CONTROL, '?');
}

/** Columns separated by two spaces, padded to the widest cell; the last column is not padded. */
export function formatTable(columns: readonly Column[], rows: readonly (readonly Cell[])[]): string {
  const text = rows.map((row) => columns.map((_, i) => cellText(row[i])));
  // A reduce, not Math.max(...cells): spreading a long listing overflows the call stack.
  const widths = columns.map((column, i) => text.reduce((width, row) => Math.max(width, row[i]?.length ?? 0), column.header.length));
  const line = (cells: readonly string[]): string => cells
    .map((cell, i) => {
      const width = widths[i] ?? 0;
      if (columns[i]?.align === 'right') return cell.padStart(width);
      return i === cells.length - 1 ? cell : cell.padEnd(width);
    })
    .join('  ')
    .trimEnd();
  return [line(columns.map((c) => c.header)), ...text.map(line)].join('\n');
}

/** `key  value` lines with the keys aligned; rows whose value is undefined are left out. */
export function formatFields(fields: ReadonlyArray<readonly [string, Cell]>): string {
  const shown = fields.filter(([, value]) => value !== undefined);
  const width = shown.reduce((widest, [key]) => Math.max(widest, key.length), 0);
  return shown.map(([key, value]) => `${key.padEnd(width)}  ${cellText(value)}`).join('\n');
}

export function writeLine(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(`${text}\n`);
}

export function writeJson(io: CliIo, value: unknown): void {
  writeLine(io.stdout, JSON.stringify(value, null, 2));
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
