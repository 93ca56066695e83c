import { isCollectionError, type BatchResult, type CollectionItem, type CollectionProvider } from '../../index.js';
import { requireCollectionId, requireProvider, withClient } from '../client-from-options.js';
import type { CommandContext } from '../command-host.js';
import { assertCanConfirm, confirmOrRefuse } from '../confirm.js';
import { EXIT, UsageError, type ExitCode } from '../exit-codes.js';
import { formatFields, formatTable, plural, writeJson, writeLine, type Cell } from '../format.js';
import { createProgress, type ProgressReporter } from '../progress.js';
import { planned } from './plan-output.js';
import { quote } from '../quote.js';
import { readIds } from '../read-ids.js';

// What the `items` commands do, loaded only when one runs (see command-host.ts).

/** Ids listed per category in the human summary; --json always has all of them. */
const SHOWN_IDS = 20;

export async function list(
  { io, options }: CommandContext<{ limit?: number; pageSize?: number }>, collectionId: string,
): Promise<ExitCode> {
  requireCollectionId(options, collectionId);
  const items: CollectionItem[] = [];
  await withClient(options, io, async (client) => {
    const pages = client.listItems(collectionId, {
      signal: io.signal,
      ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
    });
    for await (const item of pages) {
      if (options.limit !== undefined && items.length >= options.limit) break;
      items.push(item);
    }
  });
  if (options.json === true) {
    writeJson(io, items);
    return EXIT.OK;
  }
  writeLine(io.stdout, formatTable(
    [{ header: 'ID' }, { header: 'NAME' }, { header: 'TYPE' }, { header: 'COLLECTIONS' }, { header: 'CREATED' }],
    items.map((item) => [item.id, item.name, item.type, item.collectionIds, item.createdAt]),
  ));
  const limited = options.limit !== undefined && items.length === options.limit ? ` (--limit ${options.limit} reached)` : '';
  writeLine(io.stdout, `\n${plural(items.length, 'item')} in ${quote(collectionId)} on ${options.provider}${limited}`);
  return EXIT.OK;
}

function idList(ids: readonly string[]): string {
  const shown = ids.slice(0, SHOWN_IDS).map(quote).join(', ');
  return ids.length > SHOWN_IDS ? `${shown}, … (${ids.length - SHOWN_IDS} more; --json lists all)` : shown;
}

function printBatch({ io, options }: CommandContext, result: BatchResult, verb: string): void {
  const done = result.ok ? `${verb} all ${plural(result.requested, 'item')}` : `${verb} ${result.succeeded.length} of ${plural(result.requested, 'item')}`;
  writeLine(io.stdout, `${result.provider}: ${done}`);
  const fields: Array<[string, Cell]> = [
    ['succeeded', result.succeeded.length],
    ['failed', result.failed.length],
    ['unknown', result.unknown.length],
    ['moved', result.moved],
    ['already in collection', result.alreadyInCollection],
    ['deleted vectors', result.deletedVectors === undefined ? undefined : `${result.deletedVectors.hd} hd, ${result.deletedVectors.ld} ld`],
  ];
  writeLine(io.stdout, formatFields(fields).replace(/^/gm, '  '));
  if (result.failed.length > 0) {
    writeLine(io.stdout, `\nFailed (${result.failed.length}):`);
    writeLine(io.stdout, formatTable(
      [{ header: 'ID' }, { header: 'CODE' }, { header: 'REASON' }],
      result.failed.slice(0, SHOWN_IDS).map((failure) => [failure.id, failure.code, failure.reason]),
    ));
    if (result.failed.length > SHOWN_IDS) writeLine(io.stdout, `… ${result.failed.length - SHOWN_IDS} more; --json lists all`);
  }
  if (result.unknown.length > 0) {
    const check = (options as JournalFlags).journal === undefined ? 'check with `items list`' : 'run the same command with --resume to read them back';
    writeLine(io.stdout, `\nUnknown outcome (${result.unknown.length}): sent, but no answer; ${check}:`);
    writeLine(io.stdout, `  ${idList(result.unknown)}`);
  }
}

/** `--journal FILE [--resume]`, as the library's `journal` option (checked before anything is read). */
interface JournalFlags {
  journal?: string;
  resume?: boolean;
}

function journalOf(options: JournalFlags): { journal?: { path: string; resume: boolean } } {
  if (options.journal === undefined) {
    if (options.resume === true) throw new UsageError('--resume needs --journal <file>: the journal of the job to continue');
    return {};
  }
  return { journal: { path: options.journal, resume: options.resume === true } };
}

/** The library refuses an existing journal without resume; a CLI user needs the flag's name. */
function hintResume({ io, options }: CommandContext<JournalFlags>, error: unknown): void {
  if (options.journal !== undefined && options.resume !== true && options.json !== true
    && isCollectionError(error) && error.code === 'INVALID_INPUT' && error.message.includes('already exists')) {
    writeLine(io.stderr, `hint: to continue the job ${quote(options.journal)} records, run the same command with --resume`);
  }
}

/** What every batch command passes: the interrupt signal, the progress bar (when shown) and the journal. */
function batchCall(io: CommandContext['io'], progress: ProgressReporter, journal: ReturnType<typeof journalOf>) {
  return {
    signal: io.signal,
    ...(progress.onProgress === undefined ? {} : { onProgress: progress.onProgress }),
    ...journal,
  };
}

function batchExit({ io }: CommandContext, result: BatchResult): ExitCode {
  if (io.signal.aborted) return EXIT.INTERRUPTED;
  return result.ok ? EXIT.OK : EXIT.PARTIAL;
}

export async function add(
  context: CommandContext<{ file?: string; create?: boolean; dryRun?: boolean } & JournalFlags>, collectionId: string, args: string[],
): Promise<ExitCode> {
  const { io, options } = context;
  requireCollectionId(options, collectionId);
  const journal = journalOf(options);
  const ids = await readIds({ args, ...(options.file === undefined ? {} : { file: options.file }) }, io, requireProvider(options));
  if (options.dryRun === true) {
    return planned(context, await withClient(options, io, (client) => client.addItems(collectionId, ids, {
      signal: io.signal, dryRun: true, ...(options.create === true ? { createIfMissing: true } : {}),
    }).catch((error: unknown) => {
      hintCreate(context, client, error, collectionId);
      throw error;
    })));
  }
  const progress = createProgress(io, 'adding', options.progress);
  const result = await withClient(options, io, async (client) => {
    try {
      return await client.addItems(collectionId, ids, {
        ...batchCall(io, progress, journal),
        ...(options.create === true ? { createIfMissing: true } : {}),
      });
    } catch (error) {
      hintResume(context, error);
      hintCreate(context, client, error, collectionId);
      throw error;
    }
  }).finally(() => progress.stop());
  if (options.json === true) writeJson(io, result);
  else printBatch(context, result, `added to ${quote(collectionId)}`);
  return batchExit(context, result);
}

/**
 * The library's message names its own option; a CLI user needs the flag. The error itself is
 * still what gets reported (and decides the exit code).
 */
function hintCreate(
  { io, options }: CommandContext<{ create?: boolean }>, client: CollectionProvider, error: unknown, collectionId: string,
): void {
  if (isMissingTarget(client, error, options.create) && options.json !== true) {
    writeLine(io.stderr, `hint: to create ${quote(collectionId)} and move the items into it, pass --create`);
  }
}

/** The NOT_FOUND addItems raises, before any write, for a target the vendor would have created. */
function isMissingTarget(client: CollectionProvider, error: unknown, create: boolean | undefined): boolean {
  return create !== true && client.capabilities.addCreatesCollection === true
    && isCollectionError(error) && error.code === 'NOT_FOUND';
}

/** What happens to the removed items, for the question: nothing is deleted either way. */
function removeQuestion(client: CollectionProvider, collectionId: string, count: number): string {
  const what = `Remove ${plural(count, 'item')} from ${client.provider} collection ${quote(collectionId)}?`;
  if (client.capabilities.removeItems === 'move-to-default') {
    return `${what} They move back to ${quote(client.capabilities.protectedCollectionId ?? 'default')}; nothing is deleted.`;
  }
  return `${what} They are unlinked from it, not deleted.`;
}

/** Refused by the library before any request (unsupported, or the collection removed items go to). */
function refusedUpfront(client: CollectionProvider, collectionId: string): boolean {
  const how = client.capabilities.removeItems;
  return how === false || (how === 'move-to-default' && collectionId === client.capabilities.protectedCollectionId);
}

export async function removeFrom(
  context: CommandContext<{ file?: string; yes?: boolean; dryRun?: boolean } & JournalFlags>, collectionId: string, args: string[],
): Promise<ExitCode> {
  const { io, options } = context;
  requireCollectionId(options, collectionId);
  const journal = journalOf(options);
  // A dry run writes nothing: nothing to confirm.
  if (options.dryRun !== true) assertCanConfirm(io, options.yes);
  const ids = await readIds({ args, ...(options.file === undefined ? {} : { file: options.file }) }, io, requireProvider(options));
  if (options.dryRun === true) {
    return planned(context, await withClient(options, io, (client) => client.removeItems(collectionId, ids, { signal: io.signal, dryRun: true })));
  }
  const progress = createProgress(io, 'removing', options.progress);
  const result = await withClient(options, io, async (client) => {
    // Asking about a call the library refuses at once would only delay that answer.
    if (!refusedUpfront(client, collectionId)) {
      await confirmOrRefuse(io, removeQuestion(client, collectionId, new Set(ids).size), options.yes);
    }
    return client.removeItems(collectionId, ids, batchCall(io, progress, journal)).catch((error: unknown) => {
      hintResume(context, error);
      throw error;
    });
  }).finally(() => progress.stop());
  if (options.json === true) writeJson(io, result);
  else printBatch(context, result, `removed from ${quote(collectionId)}`);
  return batchExit(context, result);
}

function itemFields(item: CollectionItem): Array<[string, Cell]> {
  return [
    ['provider', item.provider],
    ['id', item.id],
    ['name', item.name],
    ['type', item.type],
    ['collections', item.collectionIds],
    ['created', item.createdAt],
  ];
}

export async function get({ io, options }: CommandContext, id: string): Promise<ExitCode> {
  const item = await withClient(options, io, (client) => client.getItem(id, { signal: io.signal }));
  if (options.json === true) writeJson(io, item);
  else writeLine(io.stdout, formatFields(itemFields(item)));
  return EXIT.OK;
}

export async function deleteItems(
  context: CommandContext<{ file?: string; reason?: string; yes?: boolean; dryRun?: boolean } & JournalFlags>, args: string[],
): Promise<ExitCode> {
  const { io, options } = context;
  const journal = journalOf(options);
  if (options.dryRun !== true) assertCanConfirm(io, options.yes);
  const ids = await readIds({ args, ...(options.file === undefined ? {} : { file: options.file }) }, io, requireProvider(options));
  if (options.dryRun === true) {
    return planned(context, await withClient(options, io, (client) => client.deleteItems(ids, { signal: io.signal, dryRun: true })));
  }
  const progress = createProgress(io, 'deleting', options.progress);
  const result = await withClient(options, io, async (client) => {
    await confirmOrRefuse(io, `Delete ${plural(new Set(ids).size, 'item')} on ${client.provider}? This cannot be undone.`, options.yes);
    return client.deleteItems(ids, {
      ...batchCall(io, progress, journal),
      ...(options.reason === undefined ? {} : { reason: options.reason }),
    }).catch((error: unknown) => {
      hintResume(context, error);
      throw error;
    });
  }).finally(() => progress.stop());
  if (options.json === true) writeJson(io, result);
  else printBatch(context, result, 'deleted');
  return batchExit(context, result);
}
