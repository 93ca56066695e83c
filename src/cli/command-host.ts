import type { Command } from 'commander';
import type { ExitCode } from './exit-codes.js';
import type { CliIo, GlobalOptions } from './io.js';

export interface CommandContext<Local = object> {
  io: CliIo;
  /** The root program's flags merged with the command's own. */
  options: GlobalOptions & Local;
}

/** What the command modules get from the program: a way to wire actions to the process's I/O. */
export interface CommandHost {
  /**
   * Adapts a handler to commander's `(…positional, options, command)` call and records the exit
   * code it returns.
   */
  action<Local, Args extends unknown[]>(
    handler: (context: CommandContext<Local>, ...args: Args) => Promise<ExitCode>,
  ): (...commanderArgs: unknown[]) => Promise<void>;
}

export function createCommandHost(io: CliIo, record: (code: ExitCode) => void): CommandHost {
  function action<Local, Args extends unknown[]>(
    handler: (context: CommandContext<Local>, ...args: Args) => Promise<ExitCode>,
  ): (...commanderArgs: unknown[]) => Promise<void> {
    return async (...commanderArgs) => {
      const command = commanderArgs.at(-1) as Command;
      const positional = commanderArgs.slice(0, -2) as Args;
      const options = command.optsWithGlobals() as GlobalOptions & Local;
      record(await handler({ io, options }, ...positional));
    };
  }
  return { action };
}
