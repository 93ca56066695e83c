import { Option, type Command } from 'commander';
import { builtinVendorDescriptors } from '../../providers/descriptors.js';
import type { CommandHost } from '../command-host.js';
import { nonNegativeInteger } from '../parse-options.js';

function credentialEnvVars(): string {
  return builtinVendorDescriptors().map((vendor) => vendor.credentialEnvVar).join(' / ');
}

export function registerEmulatorCommand(program: Command, host: CommandHost): void {
  program.command('emulator')
    .description('run a vendor emulator on a local port until Ctrl-C (SIGINT) or SIGTERM; prints its URL')
    .option('--port <n>', 'port to listen on (default: any free port); one in use is PORT_IN_USE, exit 1', nonNegativeInteger)
    .option('--host <address>', 'address to listen on (default: 127.0.0.1); any other is reachable from the network '
      + '(a warning says so), and 0.0.0.0 is used locally through 127.0.0.1')
    .addOption(new Option('--seed <name>', 'initial data').choices(['demo', 'empty']).default('demo'))
    .option('--latency <ms>', 'delay added to every response', nonNegativeInteger)
    .option('--require-credential', `accept only the credential in ${credentialEnvVars()} (default: any)`)
    .action(host.action(async () => (await import('./emulator-action.js')).run));
}
