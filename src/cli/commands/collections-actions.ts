import type { Collection, CollectionProvider, DeletedCollection } from '../../index.js';
import { requireCollectionId, withClient } from '../client-from-options.js';
import type { CommandContext } from '../command-host.js';
import { assertCanConfirm, confirmOrRefuse } from '../confirm.js';
import { EXIT, UsageError, type ExitCode } from '../exit-codes.js';
import { formatFields, formatTable, plural, writeJson, writeLine, type Cell } from '../format.js';
import { quote } from '../quote.js';
import { planned } from './plan-output.js';

// What the `collections` commands do, loaded only when one runs (see command-host.ts).

export function collectionFields(collection: Collection): Array<[string, Cell]> {
  return [
    ['provider', collection.provider],
    ['id', collection.id],
    ['name', collection.name],
    ['description', collection.description],
    ['items', collection.itemCount],
    ['created', collection.createdAt],
    ['updated', collection.updatedAt],
    ['default', collection.isDefault],
    ['engine id', collection.engineId],
  ];
}

export async function list({ io, options }: CommandContext<{ counts?: boolean }>): Promise<ExitCode> {
  const collections = await withClient(options, io, (client) => client.listCollections({
    signal: io.signal,
    ...(options.counts === true ? { withItemCounts: true } : {}),
  }));
  if (options.json === true) {
    writeJson(io, collections);
    return EXIT.OK;
  }
  writeLine(io.stdout, formatTable(
    [{ header: 'ID' }, { header: 'NAME' }, { header: 'ITEMS', align: 'right' }, { header: 'CREATED' }, { header: 'DEFAULT' }],
    collections.map((c) => [c.id, c.name, c.itemCount, c.createdAt, c.isDefault]),
  ));
  writeLine(io.stdout, `\n${plural(collections.length, 'collection')} on ${options.provider}`);
  return EXIT.OK;
}

export async function get({ io, options }: CommandContext, id: string): Promise<ExitCode> {
  requireCollectionId(options, id);
  const collection = await withClient(options, io, (client) => client.getCollection(id, { signal: io.signal }));
  if (options.json === true) writeJson(io, collection);
  else writeLine(io.stdout, formatFields(collectionFields(collection)));
  return EXIT.OK;
}

export async function create(
  { io, options }: CommandContext<{ description?: string }>, name: string,
): Promise<ExitCode> {
  const input = { name, ...(options.description === undefined ? {} : { description: options.description }) };
  const collection = await withClient(options, io, (client) => {
    if (!client.capabilities.createCollection && options.json !== true) {
      writeLine(io.stderr, `hint: ${client.provider} creates a collection when items are added to it: unified-collections items add ${quote(name)} --create <ids...>`);
    }
    return client.createCollection(input, { signal: io.signal });
  });
  if (options.json === true) {
    writeJson(io, collection);
  } else {
    writeLine(io.stdout, `Created collection ${quote(collection.name)} on ${collection.provider}:`);
    writeLine(io.stdout, formatFields(collectionFields(collection)));
  }
  return EXIT.OK;
}

export async function update(
  { io, options }: CommandContext<{ name?: string; description?: string }>, id: string,
): Promise<ExitCode> {
  // Checked here, not left to the library, so a bare `update <id>` is a usage error on every
  // provider (Wickson would otherwise answer UNSUPPORTED and hide the missing flag).
  if (options.name === undefined && options.description === undefined) {
    throw new UsageError(`collections update ${quote(id)}: nothing to change; pass --name <name> and/or --description <text>`);
  }
  requireCollectionId(options, id);
  const input = {
    ...(options.name === undefined ? {} : { name: options.name }),
    ...(options.description === undefined ? {} : { description: options.description }),
  };
  const collection = await withClient(options, io, (client) => client.updateCollection(id, input, { signal: io.signal }));
  if (options.json === true) {
    writeJson(io, collection);
  } else {
    writeLine(io.stdout, `Updated collection ${quote(id)} on ${collection.provider}:`);
    writeLine(io.stdout, formatFields(collectionFields(collection)));
  }
  return EXIT.OK;
}

/** Reads the collection first, so a typo fails before the question and the question can say what goes. */
async function deleteQuestion(client: CollectionProvider, id: string, signal: AbortSignal): Promise<string> {
  const collection = await client.getCollection(id, { signal });
  const what = `${client.provider} collection ${quote(collection.name)}${collection.name === id ? '' : ` (${quote(id)})`}`;
  if (!client.capabilities.deleteCascadesItems) return `Delete ${what}? Its members are kept, only unlinked from it.`;
  const items = collection.itemCount === undefined ? 'every item' : `all ${plural(collection.itemCount, 'item')}`;
  return `Delete ${what} AND ${items} in it? This cannot be undone.`;
}

function printDeleted(context: CommandContext, deleted: DeletedCollection): void {
  const { io } = context;
  const what = `collection ${quote(deleted.collectionId)} on ${deleted.provider}`;
  if (deleted.snapshot !== undefined) {
    // Verifik: the collection goes, its persons stay; the vendor returns what was deleted.
    writeLine(io.stdout, `Deleted ${what}. Its members were not deleted, only unlinked. Snapshot of the deleted collection:`);
    writeLine(io.stdout, formatFields(collectionFields(deleted.snapshot)));
    return;
  }
  // Wickson: deleting a collection deletes its items, and the vendor reports how many.
  const counts = [
    deleted.deletedItems === undefined ? undefined : `${plural(deleted.deletedItems, 'item')} deleted`,
    deleted.deletedVectors === undefined ? undefined : `vectors: ${deleted.deletedVectors.hd} hd, ${deleted.deletedVectors.ld} ld`,
  ].filter((part) => part !== undefined);
  writeLine(io.stdout, `Deleted ${what}${counts.length > 0 ? `: ${counts.join('; ')}` : ''}.`);
}

export async function remove(context: CommandContext<{ yes?: boolean; dryRun?: boolean }>, id: string): Promise<ExitCode> {
  const { io, options } = context;
  requireCollectionId(options, id);
  // A dry run writes nothing: nothing to confirm.
  if (options.dryRun === true) return planned(context, await withClient(options, io, (client) => client.deleteCollection(id, { signal: io.signal, dryRun: true })));
  assertCanConfirm(io, options.yes);
  const deleted = await withClient(options, io, async (client) => {
    // A protected collection is refused by the library before any request; asking first (and
    // reading it to build the question) would only delay that answer.
    const isProtected = client.capabilities.protectedCollectionId === id;
    if (options.yes !== true && !isProtected) await confirmOrRefuse(io, await deleteQuestion(client, id, io.signal), options.yes);
    return client.deleteCollection(id, { signal: io.signal });
  });
  if (options.json === true) writeJson(io, deleted);
  else printDeleted(context, deleted);
  return EXIT.OK;
}
