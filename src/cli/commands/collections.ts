import type { Command } from 'commander';
import type { CommandHost } from '../command-host.js';

// The implementations load the library: only the command that runs imports them.
const actions = () => import('./collections-actions.js');
const syncActions = () => import('./sync-actions.js');

export function registerCollectionCommands(program: Command, host: CommandHost): void {
  const collections = program.command('collections').description('list, inspect, create, update and delete collections');
  collections.command('list')
    .description('list every collection (normalized: id, name, item count, created, default)')
    .option('--counts', 'fill in item counts the listing lacks (Verifik: one more request per collection)')
    .action(host.action(async () => (await actions()).list));
  collections.command('get')
    .description('show one collection')
    .argument('<id>', 'collection id (Wickson: its name; Verifik: its _id)')
    .action(host.action(async () => (await actions()).get));
  collections.command('create')
    .description('create a collection (Verifik only: Wickson collections appear when items are added)')
    .argument('<name>', 'collection name')
    .option('--description <text>', 'collection description')
    .action(host.action(async () => (await actions()).create));
  collections.command('update')
    .description('rename a collection or change its description (Verifik only: on Wickson the id is the name)')
    .argument('<id>', 'collection id')
    .option('--name <name>', 'new name')
    .option('--description <text>', 'new description')
    .action(host.action(async () => (await actions()).update));
  collections.command('delete')
    .description('delete a collection (Wickson: also deletes its items; Verifik: unlinks its persons). Asks first unless --yes')
    .argument('<id>', 'collection id')
    .option('-y, --yes', 'do not ask for confirmation (required without a terminal)')
    .option('--dry-run', 'print what would be deleted with it (and the requests, quota share, ETA) with reads only: nothing is written, nothing asked')
    .action(host.action(async () => (await actions()).remove));
  collections.command('sync')
    .summary('make a collection hold exactly the given items')
    .description('make a collection hold exactly the given items: missing ones are added (Wickson: moved in), members not '
      + 'given are taken out (Wickson: moved back to "default"; Verifik: unlinked); nothing is deleted. Asks first unless --yes')
    .argument('<id>', 'collection id')
    .argument('[ids...]', 'the item ids it should hold')
    .option('-f, --file <path>', 'read ids from a file, one per line (- = stdin); ids are also read from stdin when piped and none are given')
    .option('-y, --yes', 'do not ask for confirmation (required without a terminal)')
    .option('--dry-run', 'print what would be added and taken out (and the requests, quota share, ETA) with reads only: nothing is written, nothing asked')
    .option('--journal <file>', 'keep a crash-safe journal of the sync in this file (and one per batch beside it); an existing file is refused unless --resume')
    .option('--resume', 'continue the sync the --journal file records (the same additions and removals it decided on)')
    .action(host.action(async () => (await syncActions()).sync));
}
