import type { Command } from 'commander';
import type { CommandHost } from '../command-host.js';
import { positiveInteger } from '../parse-options.js';

// The implementations load the library: only the command that runs imports them.
const actions = () => import('./items-actions.js');

const FILE_HELP = 'read ids from a file, one per line (- = stdin); ids are also read from stdin when piped and none are given';
const JOURNAL_HELP = 'keep a crash-safe journal of the job in this file (an existing file is refused unless --resume)';
const DRY_RUN_HELP = 'print what the command would do (ids, failures, requests, quota share, ETA) with reads only: nothing is written, nothing asked';
const RESUME_HELP = 'continue the job the --journal file records: nothing it settled is sent again, ids whose outcome '
  + 'was unknown are read back first';

export function registerItemCommands(program: Command, host: CommandHost): void {
  const items = program.command('items').description('list, get, add (move), remove and delete items (Wickson media, Verifik persons)');
  items.command('list')
    .description('list the items of a collection')
    .argument('<collection>', 'collection id')
    .option('--limit <n>', 'stop after n items', positiveInteger)
    .option('--page-size <n>', 'items per request (vendor maximum 100)', positiveInteger)
    .action(host.action(async () => (await actions()).list));
  items.command('get')
    .description('show one item (Wickson media, Verifik person)')
    .argument('<id>', 'item id')
    .action(host.action(async () => (await actions()).get));
  items.command('add')
    .summary('add (Wickson: move) items to a collection')
    .description('add items to a collection (Wickson: moves them; Verifik: adds the collection to each person). '
      + 'A missing Wickson collection is NOT_FOUND, nothing sent, unless --create')
    .argument('<collection>', 'target collection id')
    .argument('[ids...]', 'item ids')
    .option('-f, --file <path>', FILE_HELP)
    .option('--create', 'create the collection when it does not exist (Wickson creates it by moving the items into it)')
    .option('--dry-run', DRY_RUN_HELP)
    .option('--journal <file>', JOURNAL_HELP)
    .option('--resume', RESUME_HELP)
    .action(host.action(async () => (await actions()).add));
  items.command('remove')
    .summary('take items out of a collection without deleting them')
    .description('take items out of a collection without deleting them (Wickson: members move back to "default", '
      + 'other ids fail; Verifik: unlinks the collection from each person). Asks first unless --yes')
    .argument('<collection>', 'collection id')
    .argument('[ids...]', 'item ids')
    .option('-f, --file <path>', FILE_HELP)
    .option('-y, --yes', 'do not ask for confirmation (required without a terminal)')
    .option('--dry-run', DRY_RUN_HELP)
    .option('--journal <file>', JOURNAL_HELP)
    .option('--resume', RESUME_HELP)
    .action(host.action(async () => (await actions()).removeFrom));
  items.command('delete')
    .description('delete items for good (Wickson media, Verifik persons). Asks first unless --yes')
    .argument('[ids...]', 'item ids')
    .option('-f, --file <path>', FILE_HELP)
    .option('--reason <text>', 'why (Wickson logs it with the deletion)')
    .option('-y, --yes', 'do not ask for confirmation (required without a terminal)')
    .option('--dry-run', DRY_RUN_HELP)
    .option('--journal <file>', JOURNAL_HELP)
    .option('--resume', RESUME_HELP)
    .action(host.action(async () => (await actions()).deleteItems));
}
