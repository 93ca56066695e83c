import type { Command } from 'commander';
import { isCollectionError, type BatchResult, type CollectionItem, type CollectionProvider } from '../../index.js';
import { requireProvider, withClient } from '../client-from-options.js';
import type { CommandContext, CommandHost } from '../command-host.js';
import { assertCanConfirm, confirmOrRefuse } from '../confirm.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { formatFields, formatTable, plural, writeJson, writeLine, type Cell } from '../format.js';
import { positiveInteger } from '../parse-options.js';
import { createProgress } from '../progress.js';
import { quote } from '../quote.js';
import { readIds } from '../read-ids.js';

/** Ids listed per category in the human summary; --json always has all of them. */
const SHOWN_IDS = 20;

async function list(
  { io, options }: CommandContext<{ limit?: number; pageSize?: number }>, collectionId: string,
): Promise<ExitCode> {
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

function printBatch({ io }: CommandContext, result: BatchResult, verb: string): void {
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
    writeLine(io.stdout, `\nUnknown outcome (${result.unknown.length}): sent, but no answer; check with \`items list\`:`);
    writeLine(io.stdout, `  ${idList(result.unknown)}`);
  }
}

function batchExit({ io }: CommandContext, result: BatchResult): ExitCode {
  if (io.signal.aborted) return EXIT.INTERRUPTED;
  return result.ok ? EXIT.OK : EXIT.PARTIAL;
}

async function add(
  context: CommandContext<{ file?: string; create?: boolean }>, collectionId: string, args: string[],
): Promise<ExitCode> {
  const { io, options } = context;
  const ids = await readIds({ args, ...(options.file === undefined ? {} : { file: options.file }) }, io, requireProvider(options));
  const progress = createProgress(io, 'adding', options.progress);
  const result = await withClient(options, io, async (client) => {
    try {
      return await client.addItems(collectionId, ids, {
        signal: io.signal,
        ...(options.create === true ? { createIfMissing: true } : {}),
        ...(progress.onProgress === undefined ? {} : { onProgress: progress.onProgress }),
      });
    } catch (error) {
      // The library's message names its own option; a CLI user needs the flag. The error itself
      // is still what gets reported (and decides the exit code).
      if (isMissingTarget(client, error, options.create) && options.json !== true) {
        writeLine(io.stderr, `hint: to create ${quote(collectionId)} and move the items into it, pass --create`);
      }
      throw error;
    }
  }).finally(() => progress.stop());
  if (options.json === true) writeJson(io, result);
  else printBatch(context, result, `added to ${quote(collectionId)}`);
  return batchExit(context, result);
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

async function removeFrom(
  context: CommandContext<{ file?: string; yes?: boolean }>, collectionId: string, args: string[],
): Promise<ExitCode> {
  const { io, options } = context;
  assertCanConfirm(io, options.yes);
  const ids = await readIds({ args, ...(options.file === undefined ? {} : { file: options.file }) }, io, requireProvider(options));
  const progress = createProgress(io, 'removing', options.progress);
  const result = await withClient(options, io, async (client) => {
    // Asking about a call the library refuses at once would only delay that answer.
    if (!refusedUpfront(client, collectionId)) {
      await confirmOrRefuse(io, removeQuestion(client, collectionId, new Set(ids).size), options.yes);
    }
    return client.removeItems(collectionId, ids, {
      signal: io.signal,
      ...(progress.onProgress === undefined ? {} : { onProgress: progress.onProgress }),
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

async function get({ io, options }: CommandContext, id: string): Promise<ExitCode> {
  const item = await withClient(options, io, (client) => client.getItem(id, { signal: io.signal }));
  if (options.json === true) writeJson(io, item);
  else writeLine(io.stdout, formatFields(itemFields(item)));
  return EXIT.OK;
}

async function deleteItems(
  context: CommandContext<{ file?: string; reason?: string; yes?: boolean }>, args: string[],
): Promise<ExitCode> {
  const { io, options } = context;
  assertCanConfirm(io, options.yes);
  const ids = await readIds({ args, ...(options.file === undefined ? {} : { file: options.file }) }, io, requireProvider(options));
  const progress = createProgress(io, 'deleting', options.progress);
  const result = await withClient(options, io, async (client) => {
    await confirmOrRefuse(io, `Delete ${plural(new Set(ids).size, 'item')} on ${client.provider}? This cannot be undone.`, options.yes);
    return client.deleteItems(ids, {
      signal: io.signal,
      ...(options.reason === undefined ? {} : { reason: options.reason }),
      ...(progress.onProgress === undefined ? {} : { onProgress: progress.onProgress }),
    });
  }).finally(() => progress.stop());
  if (options.json === true) writeJson(io, result);
  else printBatch(context, result, 'deleted');
  return batchExit(context, result);
}

const FILE_HELP = 'read ids from a file, one per line (- = stdin); ids are also read from stdin when piped and none are given';

export function registerItemCommands(program: Command, host: CommandHost): void {
  const items = program.command('items').description('list, get, add (move), remove and delete items (Wickson media, Verifik persons)');
  items.command('list')
    .description('list the items of a collection')
    .argument('<collection>', 'collection id')
    .option('--limit <n>', 'stop after n items', positiveInteger)
    .option('--page-size <n>', 'items per request (vendor maximum 100)', positiveInteger)
    .action(host.action(list));
  items.command('get')
    .description('show one item (Wickson media, Verifik person)')
    .argument('<id>', 'item id')
    .action(host.action(get));
  items.command('add')
    .summary('add (Wickson: move) items to a collection')
    .description('add items to a collection (Wickson: moves them; Verifik: adds the collection to each person). '
      + 'A missing Wickson collection is NOT_FOUND, nothing sent, unless --create')
    .argument('<collection>', 'target collection id')
    .argument('[ids...]', 'item ids')
    .option('-f, --file <path>', FILE_HELP)
    .option('--create', 'create the collection when it does not exist (Wickson creates it by moving the items into it)')
    .action(host.action(add));
  items.command('remove')
    .summary('take items out of a collection without deleting them')
    .description('take items out of a collection without deleting them (Wickson: members move back to "default", '
      + 'other ids fail; Verifik: unlinks the collection from each person). Asks first unless --yes')
    .argument('<collection>', 'collection id')
    .argument('[ids...]', 'item ids')
    .option('-f, --file <path>', FILE_HELP)
    .option('-y, --yes', 'do not ask for confirmation (required without a terminal)')
    .action(host.action(removeFrom));
  items.command('delete')
    .description('delete items for good (Wickson media, Verifik persons). Asks first unless --yes')
    .argument('[ids...]', 'item ids')
    .option('-f, --file <path>', FILE_HELP)
    .option('--reason <text>', 'why (Wickson logs it with the deletion)')
    .option('-y, --yes', 'do not ask for confirmation (required without a terminal)')
    .action(host.action(deleteItems));
}
