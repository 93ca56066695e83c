import type { Command } from 'commander';
import type { CommandHost } from '../command-host.js';
import { nonNegativeInteger } from '../parse-options.js';

export function registerStudioCommand(program: Command, host: CommandHost): void {
  program.command('studio')
    .description('serve a local web page with every configured provider side by side: browse collections and items, '
      + 'preview and run bulk actions with live progress; until Ctrl-C. With --emulator: both emulators with demo data')
    .option('--port <n>', 'port to listen on (default: any free port)', nonNegativeInteger)
    .option('--host <address>', 'address to listen on (default: 127.0.0.1); any other is reachable from the network (a warning says so)')
    .option('--open', 'open the page in the default browser')
    .option('--jobs-dir <dir>', 'where jobs and their journals are kept, for resuming after a restart '
      + '(default: ~/.unified-collections/studio-jobs; with --emulator a temporary folder)')
    .action(host.action(async () => (await import('./studio-action.js')).run));
}
