import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option, type AddHelpTextContext } from 'commander';
import { builtinVendorDescriptors } from '../providers/descriptors.js';
import { registerCollectionCommands } from './commands/collections.js';
import { registerEmulatorCommand } from './commands/emulator.js';
import { registerItemCommands } from './commands/items.js';
import { registerStudioCommand } from './commands/studio.js';
import { createCommandHost } from './command-host.js';
import { EXIT, UsageError, type ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';
import { positiveInteger } from './parse-options.js';
import { quote } from './quote.js';
import { reportError } from './report-error.js';

function packageVersion(): string {
  try {
    const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
    return (JSON.parse(text) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

function vendorNames(): string {
  const names = builtinVendorDescriptors().map((vendor) => vendor.displayName);
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** One line per built-in vendor: where its credential and base URL come from, what its ids look like. */
function vendorsHelp(): string {
  const vendors = builtinVendorDescriptors();
  const width = Math.max(...vendors.map((vendor) => vendor.name.length));
  return vendors.map((vendor) => {
    const ids = vendor.idHint === undefined ? '' : `; ${vendor.idHint}`;
    return `  ${vendor.name.padEnd(width)}  ${vendor.credentialEnvVar}, ${vendor.baseUrlEnvVar} (default ${vendor.defaultBaseUrl})${ids}`;
  }).join('\n');
}

/**
 * The built-in vendors' names, sorted as `knownProviders()` lists them. Read from the descriptor
 * table rather than the library's registry: help and usage errors must not load the library
 * (its adapters, zod, ky), only commander (test/cli/cli-startup.test.ts).
 */
function providerChoices(): string[] {
  return builtinVendorDescriptors().map((vendor) => vendor.name).sort();
}

const EXIT_CODES_HELP = `
Credentials come from the environment only. Base URLs: --base-url, else the vendor's base URL
variable, else its API. Per vendor (credential, base URL variable, default; item ids):
${vendorsHelp()}

Exit codes:
  0    ok
  1    error (the vendor refused, network failure, declined at the prompt)
  2    usage (bad flags or arguments, unknown provider, missing credential,
       destructive command without --yes and without a terminal); nothing was sent
  3    partial batch failure (some ids failed or have an unknown outcome)
  130  interrupted (Ctrl-C)`;

export function buildProgram(io: CliIo, record: (code: ExitCode) => void): Command {
  const program = new Command('unified-collections')
    .description(`Manage ${vendorNames()} collections through one interface.`)
    .version(packageVersion(), '-V, --version')
    .addOption(new Option('-p, --provider <name>', 'vendor to talk to').choices(providerChoices()).env('UNIFIED_COLLECTIONS_PROVIDER'))
    .option('--base-url <url>', 'vendor origin, e.g. an emulator\'s http://127.0.0.1:PORT (default: <PROVIDER>_BASE_URL, else the vendor\'s API)')
    .option('--emulator', 'run against an emulator started in this process with demo data (any credential; changes are discarded)')
    .option('--json', 'print results as JSON on stdout (errors as {"error": …} on stderr)')
    .option('--timeout <ms>', 'per-operation timeout in milliseconds: one request with its retries (the library\'s timeoutMs)', positiveInteger)
    .option('--attempt-timeout <ms>', 'per-attempt timeout in milliseconds, including reading the answer (attemptTimeoutMs)', positiveInteger)
    .option('--wait', 'wait out rate-limit windows however long (progress shows the wait and an ETA) instead of failing the rest RATE_LIMITED')
    .option('--no-progress', 'never show a progress bar (it only shows when stderr is a terminal)')
    .addHelpText('after', EXIT_CODES_HELP)
    .exitOverride()
    // Each command's help lists the options above too: they are accepted after the command.
    // Set before the commands are added, which copy it.
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Parse errors are printed by reportError, in the same `error [USAGE]: …` form as the rest.
      outputError: () => undefined,
    });

  // Commander answers a missing (or, via `help <name>`, unknown) subcommand with help text on
  // stderr. A program asking for --json cannot parse that, so it gets the one JSON error instead.
  program.on('beforeAllHelp', (context: AddHelpTextContext) => {
    if (context.error && program.opts().json === true) throw missingCommand(context.command);
  });

  const host = createCommandHost(io, record);
  registerCollectionCommands(program, host);
  registerItemCommands(program, host);
  registerEmulatorCommand(program, host);
  registerStudioCommand(program, host);
  registerHelpCommand(program);
  return program;
}

/**
 * `help [command…]`, in place of commander's, which reads one name only (`help items list`
 * showed the help of `items`). Help asked for is an answer: stdout, exit 0 (runCli).
 */
function registerHelpCommand(program: Command): void {
  program.helpCommand(false);
  program.command('help')
    .description('show the help of a command, e.g. help items add')
    .argument('[command...]', 'command names')
    .action((names: string[]) => {
      let command = program;
      for (const name of names) {
        const sub = command.commands.find((candidate) => candidate.name() === name || candidate.aliases().includes(name));
        if (sub === undefined) throw commandError(command, name);
        command = sub;
      }
      command.help();
    });
}

/** `name` undefined: no command given at all. */
function commandError(command: Command, name: string | undefined): UsageError {
  const names = command.commands.map((sub) => sub.name()).join(', ');
  const path = command.parent === null ? '' : `${command.name()}: `;
  const what = name === undefined ? 'missing command' : `unknown command ${quote(name)}`;
  return new UsageError(`${path}${what}; expected one of ${names} (see --help)`);
}

function missingCommand(command: Command): UsageError {
  // Only `<group> help <name>` reaches here with operands left: the name matched no command.
  return commandError(command, command.args.find((arg) => arg !== 'help'));
}

/** Parses `argv` (as in `process.argv`), runs the command and returns its exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let exitCode: ExitCode = EXIT.OK;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  // Commander ends every help with the same error; only a bare command group's help is a failure.
  let helpAskedFor = false;
  program.on('beforeAllHelp', (context: AddHelpTextContext) => {
    helpAskedFor = !context.error;
  });
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError && error.code === 'commander.help' && helpAskedFor) return EXIT.OK;
    // Parse errors can happen before --json is parsed: fall back to looking for the flag.
    const json = program.opts().json === true || argv.includes('--json');
    return reportError(error, io, json);
  }
}
