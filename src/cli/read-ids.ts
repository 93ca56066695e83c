import { readFile } from 'node:fs/promises';
import { UsageError } from './exit-codes.js';
import type { CliIo } from './io.js';

export interface IdSources {
  /** Ids given as command arguments. */
  args: readonly string[];
  /** `--file`: a path, or `-` for stdin. */
  file?: string;
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** One id per line; surrounding whitespace, blank lines and `#` comments are ignored. */
export function parseIdLines(text: string): string[] {
  return text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
}

/**
 * Collects ids from the arguments and `--file` (both, in that order), or, when neither is given
 * and stdin is piped, from stdin. Stdin is never read when it is a terminal (the command would
 * seem to hang) nor when ids were given another way.
 */
export async function readIds(sources: IdSources, io: CliIo): Promise<string[]> {
  const ids = [...sources.args];
  if (sources.file === '-') {
    ids.push(...parseIdLines(await readStream(io.stdin)));
  } else if (sources.file !== undefined) {
    let text: string;
    try {
      text = await readFile(sources.file, 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new UsageError(`cannot read ids file "${sources.file}" (${reason})`);
    }
    ids.push(...parseIdLines(text));
  } else if (ids.length === 0 && io.stdin.isTTY !== true) {
    ids.push(...parseIdLines(await readStream(io.stdin)));
  }
  if (ids.length === 0) {
    throw new UsageError('no ids given: pass them as arguments, with --file <path> (one per line, - for stdin), or pipe them to stdin');
  }
  return ids;
}
