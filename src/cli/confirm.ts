import { createInterface } from 'node:readline/promises';
import { DeclinedError, UsageError } from './exit-codes.js';
import { isDumbTerminal, type CliIo } from './io.js';

/**
 * Asks before a destructive command. `--yes` skips the question; without it, a session with no
 * terminal on stdin (a script, CI, a pipe) is refused rather than guessed at, before any request.
 */
export async function confirmOrRefuse(io: CliIo, question: string, yes: boolean | undefined): Promise<void> {
  if (yes === true) return;
  assertCanConfirm(io, yes);
  if (!(await ask(io, question))) throw new DeclinedError('cancelled: nothing was changed');
}

/** Called first thing by destructive commands, so a refusal costs no request and reads no input. */
export function assertCanConfirm(io: CliIo, yes: boolean | undefined): void {
  if (yes !== true && io.stdin.isTTY !== true) {
    throw new UsageError('refusing to run a destructive command without confirmation: stdin is not a terminal. Pass --yes to confirm');
  }
}

/** True only for an explicit y/yes; Enter, anything else, Ctrl-C or end of input mean no. */
export async function ask(io: CliIo, question: string): Promise<boolean> {
  // Terminal mode redraws the line with escape sequences; a dumb terminal edits the line itself.
  const terminal = io.stdin.isTTY === true && !isDumbTerminal(io);
  const rl = createInterface({ input: io.stdin, output: io.stderr, terminal });
  const cancel = new AbortController();
  const onAbort = (): void => cancel.abort();
  io.signal.addEventListener('abort', onAbort, { once: true });
  // In raw mode readline swallows Ctrl-C and emits these itself.
  rl.on('SIGINT', onAbort);
  rl.on('close', onAbort);
  try {
    const answer = await rl.question(`${question} [y/N] `, { signal: cancel.signal });
    return /^y(es)?$/i.test(answer.trim());
  } catch {
    return false;
  } finally {
    io.signal.removeEventListener('abort', onAbort);
    rl.close();
  }
}
