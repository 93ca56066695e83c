import { isCollectionError, type BatchResult, type CollectionProvider, type SyncResult } from '../../index.js';
import { requireCollectionId, requireProvider, withClient } from '../client-from-options.js';
import type { CommandContext } from '../command-host.js';
import { assertCanConfirm, confirmOrRefuse } from '../confirm.js';
import { EXIT, UsageError, type ExitCode } from '../exit-codes.js';
import { formatFields, formatTable, plural, writeJson, writeLine, type Cell } from '../format.js';
import { createProgress } from '../progress.js';
import { quote } from '../quote.js';
import { readIds } from '../read-ids.js';
import { planned } from './plan-output.js';

// `collections sync <id> [ids…]`: makes a collection's membership exactly the ids given, loaded
// only when the command runs (see command-host.ts).

/** Failures listed per batch in the human output; --json always has all of them. */
const SHOWN = 20;

interface SyncFlags {
  file?: string;
  yes?: boolean;
  dryRun?: boolean;
  journal?: string;
  resume?: boolean;
}

/** What taking items out means here, for the question: nothing is deleted either way. */
function syncQuestion(client: CollectionProvider, collectionId: string, count: number): string {
  const out = client.capabilities.removeItems === 'move-to-default'
    ? `members not listed move back to ${quote(client.capabilities.protectedCollectionId ?? 'default')}`
    : 'members not listed are unlinked from it';
  return `Make ${client.provider} collection ${quote(collectionId)} hold exactly ${plural(count, 'item')}? `
    + `Listed items are added, ${out}; nothing is deleted.`;
}

function printPhase({ io }: CommandContext, title: string, result: BatchResult): void {
  if (result.requested === 0) return;
  writeLine(io.stdout, `\n${title}: ${result.succeeded.length} of ${plural(result.requested, 'item')}`
    + `${result.failed.length > 0 ? `, ${result.failed.length} failed` : ''}${result.unknown.length > 0 ? `, ${result.unknown.length} unknown` : ''}`);
  if (result.failed.length > 0) {
    writeLine(io.stdout, formatTable(
      [{ header: 'ID' }, { header: 'CODE' }, { header: 'REASON' }],
      result.failed.slice(0, SHOWN).map((failure) => [failure.id, failure.code, failure.reason]),
    ));
    if (result.failed.length > SHOWN) writeLine(io.stdout, `… ${result.failed.length - SHOWN} more; --json lists all`);
  }
  if (result.unknown.length > 0) {
    const shown = result.unknown.slice(0, SHOWN).map(quote).join(', ');
    writeLine(io.stdout, `Unknown outcome (sent, but no answer; check with \`items list\`): ${shown}${result.unknown.length > SHOWN ? ', …' : ''}`);
  }
}

function printSync(context: CommandContext, result: SyncResult): void {
  const { io } = context;
  const state = result.ok ? 'now holds exactly the ids given' : 'did not fully reach the ids given';
  writeLine(io.stdout, `${result.provider}: collection ${quote(result.collectionId)} ${state}`);
  const fields: Array<[string, Cell]> = [['added', result.added], ['taken out', result.removed], ['already right', result.unchanged]];
  writeLine(io.stdout, formatFields(fields).replace(/^/gm, '  '));
  printPhase(context, 'Added', result.add);
  printPhase(context, 'Taken out', result.remove);
}

export async function sync(context: CommandContext<SyncFlags>, collectionId: string, args: string[]): Promise<ExitCode> {
  const { io, options } = context;
  requireCollectionId(options, collectionId);
  if (options.resume === true && options.journal === undefined) throw new UsageError('--resume needs --journal <file>: the journal of the sync to continue');
  const journal = options.journal === undefined ? {} : { journal: { path: options.journal, resume: options.resume === true } };
  if (options.dryRun !== true) assertCanConfirm(io, options.yes);
  // An empty list would take every member out: that is `items remove`, asked for by name.
  const ids = await readIds({ args, ...(options.file === undefined ? {} : { file: options.file }) }, io, requireProvider(options));
  if (options.dryRun === true) {
    return planned(context, await withClient(options, io, (client) => client.syncCollection(collectionId, ids, { signal: io.signal, dryRun: true, ...journal })));
  }
  const progress = createProgress(io, 'syncing', options.progress);
  const result = await withClient(options, io, async (client) => {
    // Refused by the library before any request (no way to take items out, or the default collection).
    const refused = client.capabilities.removeItems === false || collectionId === client.capabilities.protectedCollectionId;
    if (!refused) await confirmOrRefuse(io, syncQuestion(client, collectionId, new Set(ids).size), options.yes);
    return client.syncCollection(collectionId, ids, {
      signal: io.signal,
      ...(progress.onProgress === undefined ? {} : { onProgress: progress.onProgress }),
      ...journal,
    }).catch((error: unknown) => {
      if (options.journal !== undefined && options.resume !== true && options.json !== true
        && isCollectionError(error) && error.code === 'INVALID_INPUT' && error.message.includes('already exists')) {
        writeLine(io.stderr, `hint: to continue the sync ${quote(options.journal)} records, run the same command with --resume`);
      }
      throw error;
    });
  }).finally(() => progress.stop());
  if (options.json === true) writeJson(io, result);
  else printSync(context, result);
  if (io.signal.aborted) return EXIT.INTERRUPTED;
  return result.ok ? EXIT.OK : EXIT.PARTIAL;
}
