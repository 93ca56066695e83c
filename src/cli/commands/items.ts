import type { Command } from 'commander';
import type { BatchResult, CollectionItem } from '../../index.js';
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
  context: CommandContext<{ file?: string }>, collectionId: string, args: string[],
): Promise<ExitCode> {
  const { io, options } = context;
  const ids = await readIds({ args, ...(options.file === undefined ? {} : { file: options.file }) }, io, requireProvider(options));
  const progress = createProgress(io, 'adding', options.progress);
  const result = await withClient(options, io, (client) => client.addItems(collectionId, ids, {
    signal: io.signal,
    ...(progress.onProgress === undefined ? {} : { onProgress: progress.onProgress }),
  })).finally(() => progress.stop());
  if (options.json === true) writeJson(io, result);
  else printBatch(context, result, `added to ${quote(collectionId)}`);
  return batchExit(context, result);
}

async function remove(
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
  const items = program.command('items').description('list, add (move) and delete items (Wickson media, Verifik persons)');
  items.command('list')
    .description('list the items of a collection')
    .argument('<collection>', 'collection id')
    .option('--limit <n>', 'stop after n items', positiveInteger)
    .option('--page-size <n>', 'items per request (vendor maximum 100)', positiveInteger)
    .action(host.action(list));
  items.command('add')
    .description('add items to a collection (Wickson: moves them; Verifik: adds the collection to each person)')
    .argument('<collection>', 'target collection id')
    .argument('[ids...]', 'item ids')
    .option('-f, --file <path>', FILE_HELP)
    .action(host.action(add));
  items.command('delete')
    .description('delete items for good (Wickson media, Verifik persons). Asks first unless --yes')
    .argument('[ids...]', 'item ids')
    .option('-f, --file <path>', FILE_HELP)
    .option('--reason <text>', 'why (Wickson logs it with the deletion)')
    .option('-y, --yes', 'do not ask for confirmation (required without a terminal)')
    .action(host.action(remove));
}
