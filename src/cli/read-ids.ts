import { createReadStream } from 'node:fs';
import { CollectionError, isCollectionError, type ProviderName } from '../index.js';
import { MAX_IDS_PER_CALL } from '../validation/input.js';
import { UsageError } from './exit-codes.js';
import type { CliIo } from './io.js';
import { quote } from './quote.js';
import { readLines } from './read-lines.js';

export interface IdSources {
  /** Ids given as command arguments. */
  args: readonly string[];
  /** `--file`: a path, or `-` for stdin. */
  file?: string;
}

/** One id per line; surrounding whitespace, blank lines and `#` comments are ignored. */
function idFromLine(line: string): string | undefined {
  const id = line.trim();
  return id === '' || id.startsWith('#') ? undefined : id;
}

/** The library would refuse the list anyway; saying so here means the rest is never read or held. */
function tooMany(provider: ProviderName, stoppedAt: string): CollectionError {
  return new CollectionError({
    code: 'INVALID_INPUT',
    provider,
    retryable: false,
    message: `more than ${MAX_IDS_PER_CALL} ids, the most one call accepts (${stoppedAt}); split the list`,
  });
}

/** Appends the ids of `stream` one at a time, never more than MAX_IDS_PER_CALL in all. */
async function appendIds(
  ids: string[], stream: AsyncIterable<Buffer | string>, sourceName: string, provider: ProviderName,
): Promise<void> {
  for await (const line of readLines(stream, sourceName)) {
    const id = idFromLine(line.text);
    if (id === undefined) continue;
    if (ids.length >= MAX_IDS_PER_CALL) throw tooMany(provider, `stopped reading ${sourceName} at line ${line.number}`);
    ids.push(id);
  }
}

async function appendFile(ids: string[], path: string, provider: ProviderName): Promise<void> {
  const name = `ids file ${quote(path)}`;
  try {
    await appendIds(ids, createReadStream(path), name, provider);
  } catch (error) {
    if (error instanceof UsageError || isCollectionError(error)) throw error;
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(`cannot read ${name} (${reason})`);
  }
}

/**
 * Collects ids from the arguments and `--file` (both, in that order), or, when neither is given
 * and stdin is piped, from stdin. Stdin is never read when it is a terminal (the command would
 * seem to hang) nor when ids were given another way.
 */
export async function readIds(sources: IdSources, io: CliIo, provider: ProviderName): Promise<string[]> {
  if (sources.args.length > MAX_IDS_PER_CALL) throw tooMany(provider, `${sources.args.length} given as arguments`);
  const ids = sources.args.slice();
  if (sources.file === '-') {
    await appendIds(ids, io.stdin, 'stdin', provider);
  } else if (sources.file !== undefined) {
    await appendFile(ids, sources.file, provider);
  } else if (ids.length === 0 && io.stdin.isTTY !== true) {
    await appendIds(ids, io.stdin, 'stdin', provider);
  }
  if (ids.length === 0) {
    throw new UsageError('no ids given: pass them as arguments, with --file <path> (one per line, - for stdin), or pipe them to stdin');
  }
  return ids;
}
