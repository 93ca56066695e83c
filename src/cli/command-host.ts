import type { Command } from 'commander';
import type { ExitCode } from './exit-codes.js';
import type { CliIo, GlobalOptions } from './io.js';

export interface CommandContext<Local = object> {
  io: CliIo;
  /** The root program's flags merged with the command's own. */
  options: GlobalOptions & Local;
}

export type CommandHandler<Local, Args extends unknown[]> = (context: CommandContext<Local>, ...args: Args) => Promise<ExitCode>;

/** What the command modules get from the program: a way to wire actions to the process's I/O. */
export interface CommandHost {
  /**
   * Adapts a handler to commander's `(…positional, options, command)` call and records the exit
   * code it returns. The handler is loaded only when its command runs: the modules behind it
   * load the library, which help and usage errors must not wait for.
   */
  action<Local, Args extends unknown[]>(
    load: () => Promise<CommandHandler<Local, Args>>,
  ): (...commanderArgs: unknown[]) => Promise<void>;
}

export function createCommandHost(io: CliIo, record: (code: ExitCode) => void): CommandHost {
  function action<Local, Args extends unknown[]>(
    load: () => Promise<CommandHandler<Local, Args>>,
  ): (...commanderArgs: unknown[]) => Promise<void> {
    return async (...commanderArgs) => {
      const command = commanderArgs.at(-1) as Command;
      const positional = commanderArgs.slice(0, -2) as Args;
      const options = command.optsWithGlobals() as GlobalOptions & Local;
      const handler = await load();
      record(await handler({ io, options }, ...positional));
    };
  }
  return { action };
}
